// Makes sure the browser tests have a Chromium, before they run (the root `test` script calls it).
//
// The browser is the system Chromium: $DODO_CHROMIUM_PATH when set, else /usr/bin/chromium. When
// the default one is missing and this runs as root with apt-get (a fresh Debian/Ubuntu machine,
// CI), it installs Debian's `chromium` package. Nothing is downloaded from anywhere else (never
// `playwright install`). When there is still no browser, it exits 1 with one line saying how to
// get one: the browser tests fail the same way, they never skip.
//
//   node scripts/ensure-browser.mjs            check, install with apt-get if needed
//   node scripts/ensure-browser.mjs --check    check only
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
export const ENV_VAR = "DODO_CHROMIUM_PATH";

/** The Chromium the browser tests launch: $DODO_CHROMIUM_PATH, else /usr/bin/chromium. */
export function chromiumPath(env = process.env) {
  return env[ENV_VAR] || DEFAULT_CHROMIUM;
}

/** The one line printed (and thrown by the browser tests) when there is no Chromium. */
export function missingHint(path, env = process.env) {
  return env[ENV_VAR]
    ? `Chromium not found at ${path} (from ${ENV_VAR}): point ${ENV_VAR} at a Chromium binary, or unset it to use ${DEFAULT_CHROMIUM}.`
    : `Chromium not found at ${DEFAULT_CHROMIUM}: install it with \`sudo apt-get install chromium\` (or run \`node scripts/ensure-browser.mjs\` as root), or set ${ENV_VAR} to a Chromium binary.`;
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command, env) {
  return (env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => isExecutable(join(dir, command)));
}

/** The real machine, for `ensureBrowser`. Tests pass their own. */
export const system = {
  env: process.env,
  isExecutable,
  isRoot: () => typeof process.getuid === "function" && process.getuid() === 0,
  hasCommand: (command) => onPath(command, process.env),
  /** Runs a command with its output shown; returns its exit code. */
  run: (command, args, extraEnv = {}) =>
    spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } }).status ??
    1,
  /** Runs a command quietly; returns its exit code. */
  probe: (command, args) =>
    spawnSync(command, args, { stdio: "ignore", timeout: 30_000 }).status ?? 1,
  log: (line) => process.stdout.write(`${line}\n`),
};

/**
 * Finds Chromium, installing Debian's package when allowed. Resolves to `{ ok: true, path }` or
 * `{ ok: false, hint }` (one line).
 */
export function ensureBrowser({ install = true } = {}, machine = system) {
  const { env } = machine;
  const path = chromiumPath(env);
  const usable = () => machine.isExecutable(path) && machine.probe(path, ["--version"]) === 0;
  if (usable()) return { ok: true, path };

  // A path the user chose is theirs: never install something else in its place.
  const canInstall = install && !env[ENV_VAR] && machine.isRoot() && machine.hasCommand("apt-get");
  if (canInstall) {
    machine.log("ensure-browser: no Chromium yet; installing Debian's chromium with apt-get...");
    const apt = { DEBIAN_FRONTEND: "noninteractive" };
    const installed =
      machine.run("apt-get", ["update", "-qq"], apt) === 0 &&
      machine.run("apt-get", ["install", "-y", "-qq", "chromium"], apt) === 0;
    if (installed && usable()) {
      machine.log(`ensure-browser: Chromium installed at ${path}`);
      return { ok: true, path };
    }
  }
  if (machine.isExecutable(path)) {
    return {
      ok: false,
      hint: `Chromium at ${path} does not start (\`${path} --version\` fails): reinstall it with \`sudo apt-get install --reinstall chromium\`, or set ${ENV_VAR} to a working Chromium binary.`,
    };
  }
  return { ok: false, hint: missingHint(path, env) };
}

/** Flags every browser test launches Chromium with: headless, and no traffic of its own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launch options for playwright-core's `chromium.launch()`: the Chromium found by `ensureBrowser`
 * (never installed from here) and `CHROMIUM_ARGS`. Throws the one-line hint when there is none.
 */
export function chromiumLaunchOptions(machine = system) {
  const found = ensureBrowser({ install: false }, machine);
  if (!found.ok) throw new Error(found.hint);
  return { executablePath: found.path, args: [...CHROMIUM_ARGS] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = ensureBrowser({ install: !process.argv.includes("--check") });
  if (!result.ok) {
    process.stderr.write(`${result.hint}\n`);
    process.exit(1);
  }
  system.log(`ensure-browser: browser tests use ${result.path}`);
}
