import { execFileSync, spawn } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

const KEPT_NPM_SETTINGS = new Set([
  "npm_config_registry",
  "npm_config_cache",
  "npm_config_userconfig",
  "npm_config_globalconfig",
]);

let globalConfig: string | undefined;
/**
 * The machine's global npmrc (e.g. /usr/etc/npmrc, which may hold the `cafile` of a TLS proxy),
 * as the machine's npm on its own Node.js finds it. npm looks for it next to the Node.js that
 * runs it, so npm run by the repository's pinned Node.js would otherwise miss it.
 */
function machineGlobalConfig(): string | undefined {
  if (globalConfig === undefined) {
    // PATH without the folders (node_modules/.bin, ...) whose `node` is the pinned one.
    const pinned = realpathSync(process.execPath);
    const machinePath = (process.env.PATH ?? "")
      .split(delimiter)
      .filter((dir) => {
        const node = join(dir, "node");
        return !(existsSync(node) && realpathSync(node) === pinned);
      })
      .join(delimiter);
    try {
      globalConfig = execFileSync("npm", ["config", "get", "globalconfig"], {
        encoding: "utf8",
        env: { ...process.env, PATH: machinePath },
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    } catch {
      globalConfig = "";
    }
  }
  return globalConfig || undefined;
}

/**
 * The environment child processes get: `node` on PATH is the Node.js running the tests (the one
 * the repository pins, 22), so npm, tsc, `next build` and the examples' scripts run on it rather
 * than on whatever the machine has; no inherited npm/pnpm settings of the workspace.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // pnpm run exports its settings as npm_*; they must not steer npm in a user's project. Where
    // packages come from (registry, cache, user config) is the machine's choice and is kept.
    if (/^(npm|pnpm)_/i.test(key) && !KEPT_NPM_SETTINGS.has(key.toLowerCase())) continue;
    env[key] = value;
  }
  env.npm_config_globalconfig ??= machineGlobalConfig();
  env.PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`;
  env.NEXT_TELEMETRY_DISABLED = "1";
  env.ASTRO_TELEMETRY_DISABLED = "1";
  env.NUXT_TELEMETRY_DISABLED = "1";
  env.npm_config_update_notifier = "false";
  env.npm_config_fund = "false";
  env.npm_config_audit = "false";
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs a command to completion and keeps its combined output (never throws on a non-zero exit). */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      output += `\n[killed after ${options.timeoutMs} ms]`;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 300_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

/** Like `run`, but throws with the command's output when it does not exit 0. */
export async function runOk(command: string, args: string[], options: RunOptions): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `\`${command} ${args.join(" ")}\` in ${options.cwd} exited ${result.code ?? result.signal}:\n${result.output}`,
    );
  }
  return result.output;
}

/** How to start the pnpm that runs these tests: `[command, leading args]`. */
export function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) {
    return /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath]] : [execPath, []];
  }
  return ["pnpm", []];
}
