import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Machine } from "../../../scripts/ensure-browser.mjs";
import { ensureRedis, MISSING_HINT } from "../../../scripts/ensure-redis.mjs";

const SCRIPT = fileURLToPath(new URL("../../../scripts/ensure-redis.mjs", import.meta.url));

/**
 * A pretend machine (no real apt-get runs in a test): `present` are the executables on it, and
 * redis-server appears at `installsAt` once `apt-get install` ran.
 */
function fakeMachine(opts: {
  path?: string;
  present?: string[];
  broken?: string[];
  root?: boolean;
  apt?: boolean;
  installsAt?: string;
}) {
  const present = new Set(opts.present ?? []);
  const commands: string[] = [];
  const machine: Machine = {
    env: { PATH: opts.path ?? "/usr/local/bin:/usr/bin" },
    isExecutable: (path) => present.has(path),
    isRoot: () => opts.root ?? true,
    hasCommand: (command) => command === "apt-get" && (opts.apt ?? true),
    run: (command, args) => {
      commands.push([command, ...args].join(" "));
      if (args[0] === "install" && opts.installsAt) present.add(opts.installsAt);
      return 0;
    },
    probe: (command) => (present.has(command) && !opts.broken?.includes(command) ? 0 : 1),
    log: () => {},
  };
  return { machine, commands };
}

describe("scripts/ensure-redis.mjs (pretend machines)", () => {
  it("takes the first redis-server on PATH and installs nothing", () => {
    const { machine, commands } = fakeMachine({
      present: ["/usr/local/bin/redis-server", "/usr/bin/redis-server"],
    });
    expect(ensureRedis({}, machine)).toEqual({ ok: true, path: "/usr/local/bin/redis-server" });
    expect(commands).toEqual([]);
  });

  it("falls back to /usr/bin/redis-server when PATH does not have it", () => {
    const { machine } = fakeMachine({ path: "/opt/bin", present: ["/usr/bin/redis-server"] });
    expect(ensureRedis({}, machine)).toEqual({ ok: true, path: "/usr/bin/redis-server" });
  });

  it("as root with apt-get, installs Debian's redis-server (apt-get update first)", () => {
    const { machine, commands } = fakeMachine({ installsAt: "/usr/bin/redis-server" });
    expect(ensureRedis({}, machine)).toEqual({ ok: true, path: "/usr/bin/redis-server" });
    expect(commands).toEqual(["apt-get update -qq", "apt-get install -y -qq redis-server"]);
  });

  it("without root, or with --check, installs nothing and answers the one-line fix", () => {
    const notRoot = fakeMachine({ root: false, installsAt: "/usr/bin/redis-server" });
    expect(ensureRedis({}, notRoot.machine)).toEqual({ ok: false, hint: MISSING_HINT });
    expect(notRoot.commands).toEqual([]);
    const check = fakeMachine({ installsAt: "/usr/bin/redis-server" });
    expect(ensureRedis({ install: false }, check.machine)).toEqual({
      ok: false,
      hint: MISSING_HINT,
    });
    expect(check.commands).toEqual([]);
    expect(MISSING_HINT).not.toContain("\n");
    expect(MISSING_HINT).toContain("apt-get install redis-server");
  });

  it("says to reinstall a redis-server that does not start", () => {
    const { machine } = fakeMachine({
      apt: false,
      present: ["/usr/bin/redis-server"],
      broken: ["/usr/bin/redis-server"],
    });
    const result = ensureRedis({}, machine);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.hint).toMatch(/--reinstall redis-server/);
  });
});

describe("scripts/ensure-redis.mjs on this machine", () => {
  it("--check finds the redis-server the tests use", () => {
    const result = spawnSync(process.execPath, [SCRIPT, "--check"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ensure-redis: the idempotency tests use \/.*redis-server\n$/);
  });
});
