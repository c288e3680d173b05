// Makes sure the idempotency tests have a `redis-server`, before they run (the test script of
// packages/idempotency-tests calls it). The tests start and stop their own instance on a free
// loopback port; nothing here starts a server.
//
// The binary is the first `redis-server` on PATH, else /usr/bin/redis-server. When there is none
// and this runs as root with apt-get (a fresh Debian/Ubuntu machine, CI), it installs Debian's
// `redis-server` package. When there is still none, it exits 1 with one line saying how to get
// one: the tests fail the same way, they never skip.
//
//   node scripts/ensure-redis.mjs            check, install with apt-get if needed
//   node scripts/ensure-redis.mjs --check    check only
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { system } from "./ensure-browser.mjs";

export const DEFAULT_REDIS_SERVER = "/usr/bin/redis-server";

/** The one line printed (and thrown by the tests) when there is no redis-server. */
export const MISSING_HINT =
  "redis-server not found on PATH or at /usr/bin/redis-server: install it with `sudo apt-get install redis-server` (or run `node scripts/ensure-redis.mjs` as root).";

/** The redis-server the tests run: the first on PATH, else /usr/bin/redis-server; or undefined. */
export function redisServerPath(machine = system) {
  const candidates = (machine.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, "redis-server"));
  candidates.push(DEFAULT_REDIS_SERVER);
  return candidates.find((path) => machine.isExecutable(path));
}

/**
 * Finds redis-server, installing Debian's package when allowed. Returns `{ ok: true, path }` or
 * `{ ok: false, hint }` (one line).
 */
export function ensureRedis({ install = true } = {}, machine = system) {
  const usable = () => {
    const path = redisServerPath(machine);
    return path && machine.probe(path, ["--version"]) === 0 ? path : undefined;
  };
  const found = usable();
  if (found) return { ok: true, path: found };
  if (install && machine.isRoot() && machine.hasCommand("apt-get")) {
    machine.log(
      "ensure-redis: no redis-server yet; installing Debian's redis-server with apt-get...",
    );
    const apt = { DEBIAN_FRONTEND: "noninteractive" };
    const installed =
      machine.run("apt-get", ["update", "-qq"], apt) === 0 &&
      machine.run("apt-get", ["install", "-y", "-qq", "redis-server"], apt) === 0;
    const path = installed ? usable() : undefined;
    if (path) {
      machine.log(`ensure-redis: redis-server installed at ${path}`);
      return { ok: true, path };
    }
  }
  const broken = redisServerPath(machine);
  if (broken) {
    return {
      ok: false,
      hint: `redis-server at ${broken} does not start (\`${broken} --version\` fails): reinstall it with \`sudo apt-get install --reinstall redis-server\`.`,
    };
  }
  return { ok: false, hint: MISSING_HINT };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = ensureRedis({ install: !process.argv.includes("--check") });
  if (!result.ok) {
    process.stderr.write(`${result.hint}\n`);
    process.exit(1);
  }
  system.log(`ensure-redis: the idempotency tests use ${result.path}`);
}
