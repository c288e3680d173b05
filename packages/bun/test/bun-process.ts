// Runs a script on the real Bun runtime (the `bun` binary from the npm registry, a dev dependency
// of this package) and waits for the line its server prints: "listening http://127.0.0.1:<port>"
// (test apps) or "Listening on http://127.0.0.1:<port>/" (the README's snippets).
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** The `bun` executable (the `bun` package's postinstall puts the binary at its `bin`). */
export const bunBinary = (): string => createRequire(import.meta.url).resolve("bun/bin/bun.exe");

/** A test app under test/apps/. */
export const appPath = (name: string): string =>
  fileURLToPath(new URL(`./apps/${name}`, import.meta.url));

export interface BunServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `bun [--preload <file>] <script>` with only `env` (and PATH/HOME) in its environment, so
 * nothing leaks in from the test runner's; `cwd` is where Bun looks for `.env` files.
 */
export async function startBunServer(
  script: string,
  options: {
    env?: Record<string, string>;
    cwd?: string;
    preload?: string;
    timeoutMs?: number;
  } = {},
): Promise<BunServer> {
  const preload = options.preload ? ["--preload", options.preload] : [];
  const child: ChildProcess = spawn(bunBinary(), [...preload, script], {
    cwd: options.cwd ?? dirname(script),
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const match = /[Ll]istening (?:on )?(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (match) return { url: match[1] as string, output: () => output, stop };
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`bun ${script} exited before listening:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`bun ${script} did not listen in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
