// Test side (Node): bundles an entry for a runtime with esbuild, starts the runtime's own binary
// (installed from the npm registry as a dev dependency) on 127.0.0.1, port 0, and hands it to the
// conformance suite as a Fixture.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Fixture, FixtureEnv, StartedApp } from "@dodopayments/conformance/fixture";
import { supervise } from "@dodopayments/conformance/server-process";
import { build } from "esbuild";
import type { MatrixAppName } from "./app";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** A dev dependency's exact version, from its own package.json. */
export function installedVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** workerd's newest compatibility date, as its package reports it. */
export const WORKERD_COMPATIBILITY_DATE = (require("workerd") as { compatibilityDate: string })
  .compatibilityDate;

export type Runtime =
  | { kind: "bun" }
  | { kind: "deno" }
  | { kind: "workerd"; compatibilityFlags: string[] };

/**
 * The runtime's native executable (never a Node wrapper, which would outlive a signal to it):
 * workerd's package exports its path, deno's install script (what its `bin.cjs` runs) returns it,
 * and bun's `bin` is the executable itself.
 */
export function runtimeBinary(runtime: Runtime): string {
  if (runtime.kind === "workerd") return (require("workerd") as { default: string }).default;
  if (runtime.kind === "deno") {
    return (require("deno/install_api.cjs") as { runInstall(): string }).runInstall();
  }
  const manifest = require.resolve("bun/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: { bun: string } };
  return join(dirname(manifest), bin.bun);
}

/** What the binary says when asked `--version` (first line). */
export function binaryVersion(runtime: Runtime): string {
  return (
    execFileSync(runtimeBinary(runtime), ["--version"], { encoding: "utf8" }).split("\n")[0] ?? ""
  );
}

/** The export conditions each runtime's own resolver uses, so the bundle picks the same files. */
const CONDITIONS: Record<Runtime["kind"], string[]> = {
  bun: ["bun", "node", "import"],
  deno: ["deno", "node", "import"],
  workerd: ["workerd", "worker", "browser", "import"],
};

/** Bundles `src/entries/<entry>.ts` into `dir`, everything included but `node:` built-ins. */
async function bundle(runtime: Runtime, dir: string): Promise<string> {
  const entry = runtime.kind === "workerd" ? "worker" : runtime.kind;
  const outfile = join(dir, `${entry}.mjs`);
  await build({
    entryPoints: [join(here, "entries", `${entry}.ts`)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: CONDITIONS[runtime.kind],
    mainFields: ["module", "main"],
    external: ["node:*"],
    logLevel: "silent",
  });
  return outfile;
}

/** A text binding, as a Cap'n Proto string literal (JSON's escapes are a subset of its own). */
const capnpString = (value: string) => JSON.stringify(value);

function workerdConfig(flags: string[], bindings: Record<string, string>): string {
  const textBindings = Object.entries(bindings)
    .map(([name, value]) => `(name = ${capnpString(name)}, text = ${capnpString(value)})`)
    .join(",\n    ");
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # The simulator listens on 127.0.0.1: the default "internet" service allows public addresses only.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "worker.mjs")],
  compatibilityDate = ${capnpString(WORKERD_COMPATIBILITY_DATE)},
  compatibilityFlags = [${flags.map(capnpString).join(", ")}],
  bindings = [
    ${textBindings}
  ],
  globalOutbound = "loopback",
);
`;
}

/** Waits for the first line on `stream` that parses as JSON and has `key`, and returns its value. */
function waitForJson(
  child: ChildProcess,
  stream: NodeJS.ReadableStream,
  key: string,
  output: () => string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => fail("did not start listening in time"), 30_000);
    const onData = (chunk: Buffer | string) => {
      buffer += chunk;
      for (const line of buffer.split("\n")) {
        try {
          const value = (JSON.parse(line) as Record<string, unknown>)[key];
          if (typeof value === "number") {
            clearTimeout(timer);
            stream.off("data", onData);
            child.off("exit", onExit);
            resolve(value);
            return;
          }
        } catch {
          // not a complete JSON line yet
        }
      }
    };
    const onExit = (code: number | null) => fail(`exited (${code}) before listening`);
    function fail(reason: string) {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${reason}:\n${output()}`));
    }
    stream.on("data", onData);
    child.once("exit", onExit);
  });
}

/** Starts the bundled app on the runtime, on 127.0.0.1 and a port the runtime picked. */
async function startRuntime(
  runtime: Runtime,
  dir: string,
  app: MatrixAppName,
  env: FixtureEnv,
): Promise<StartedApp> {
  const settings: Record<string, string> = { ...env, MATRIX_APP: app };
  let child: ChildProcess;
  let portFrom: NodeJS.ReadableStream;
  let key = "listening";
  // Only what a runtime needs to run: no inherited DODO_* or Node settings.
  const baseEnv = { PATH: process.env.PATH ?? "", HOME: dir };
  if (runtime.kind === "workerd") {
    const config = join(dir, `${app}.capnp`);
    writeFileSync(config, workerdConfig(runtime.compatibilityFlags, settings));
    child = spawn(runtimeBinary(runtime), ["serve", config, "--control-fd=3"], {
      cwd: dir,
      env: baseEnv,
      stdio: ["ignore", "pipe", "pipe", "pipe"],
    });
    // workerd reports `{"event":"listen","socket":"http","port":N}` on the control fd.
    portFrom = child.stdio[3] as NodeJS.ReadableStream;
    key = "port";
  } else {
    const args =
      runtime.kind === "bun"
        ? ["--no-install", join(dir, "bun.mjs")]
        : [
            "run",
            "--no-config",
            "--no-prompt",
            "--allow-net=127.0.0.1",
            "--allow-env",
            join(dir, "deno.mjs"),
          ];
    child = spawn(runtimeBinary(runtime), args, {
      cwd: dir,
      env: {
        ...baseEnv,
        ...settings,
        DENO_DIR: join(dir, ".deno"),
        DENO_NO_UPDATE_CHECK: "1",
        NO_COLOR: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    portFrom = child.stdout as NodeJS.ReadableStream;
  }
  const { output, close } = supervise(child);
  const port = await waitForJson(child, portFrom, key, output);
  return { url: `http://127.0.0.1:${port}`, close };
}

/**
 * One runtime: bundles its entry once (in a temporary directory, removed by `cleanup`) and gives
 * a Fixture per conformance app.
 */
export function runtimeFixtures(runtime: Runtime) {
  const dir = mkdtempSync(join(tmpdir(), `dodo-runtime-${runtime.kind}-`));
  let bundled: Promise<string> | undefined;
  const start = async (app: MatrixAppName, env: FixtureEnv) => {
    bundled ??= bundle(runtime, dir);
    await bundled;
    return startRuntime(runtime, dir, app, env);
  };
  const fixture = (
    name: string,
    apps: Partial<Record<"recommended" | "hostile", MatrixAppName>>,
  ): Fixture => ({
    name,
    variants: Object.keys(apps) as Array<"recommended" | "hostile">,
    // Deno.serve keeps a connection open whatever the answer says (`Connection: close` included)
    // while the client still sends; what core can do there is stop reading it.
    ...(runtime.kind === "deno" ? { afterRefusedUpload: "stops-reading" as const } : {}),
    start: ({ env, variant }) => start(apps[variant] as MatrixAppName, env),
  });
  return {
    core: fixture("core (checkoutHandler, customerPortalHandler, webhookHandler)", {
      recommended: "core",
    }),
    hono: fixture("hono", { recommended: "hono-recommended", hostile: "hono-hostile" }),
    /** Starts the core app alone, for checks outside the conformance suite. */
    start: (env: FixtureEnv) => start("core", env),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
