import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createConnection, createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExampleSpec } from "./examples.js";

export const EXAMPLES_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface RunningExample {
  /** The app's origin plus its base path, e.g. `http://localhost:41234`. */
  baseUrl: string;
  /** `new URL(path, baseUrl)` for an app path such as `/events`. */
  url(path: string): string;
  /** The simulator's origin, e.g. `http://127.0.0.1:41235`. */
  simulatorUrl: string;
  /** Everything the launcher and the server printed so far. */
  output(): string;
  close(): Promise<void>;
}

/**
 * Splits `dodo-simulator run [options] -- <command ...>` into the launcher's options (minus
 * --port and --app-url, which the suite sets) and the rest.
 */
export function launcherArgs(script: string): string[] {
  const words = script.trim().split(/\s+/);
  if (words[0] !== "dodo-simulator" || words[1] !== "run") {
    throw new Error(`expected the script to start with "dodo-simulator run", got: ${script}`);
  }
  const rest = words.slice(2);
  const split = rest.indexOf("--");
  if (split === -1) throw new Error(`expected "-- <command>" in: ${script}`);
  const options: string[] = [];
  const before = rest.slice(0, split);
  for (let i = 0; i < before.length; i++) {
    const word = before[i] as string;
    if (word === "--port" || word === "--app-url") i++;
    else if (!word.startsWith("--port=") && !word.startsWith("--app-url=")) options.push(word);
  }
  return [...options, ...rest.slice(split)];
}

/**
 * Starts an example's production server the way its `start` script does (through
 * `dodo-simulator run`, so the launcher is tested too), with the simulator on a free port and
 * the app on another, and resolves once the launcher prints "Demo ready".
 */
export async function startExample(spec: ExampleSpec): Promise<RunningExample> {
  const dir = join(EXAMPLES_DIR, spec.dir);
  if (!existsSync(join(dir, spec.builtFile))) {
    throw new Error(
      `examples/${spec.dir} is not built (no ${spec.builtFile}). Run \`pnpm build\` (or \`pnpm turbo run build --filter ./examples/${spec.dir}\`) first.`,
    );
  }
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.[spec.script];
  if (!script) throw new Error(`examples/${spec.dir} has no "${spec.script}" script`);
  const simulatorPkg = createRequire(join(dir, "package.json")).resolve(
    "@dodopayments/simulator/package.json",
  );
  const cli = join(dirname(simulatorPkg), "dist", "cli.js");

  const [appPort, simPort] = [await freePort(), await freePort()];
  const baseUrl = `http://localhost:${appPort}${spec.basePath}`;

  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Never a real key from the developer's shell: this suite runs against the simulator only.
    // Nor a HOST: the suite checks where the app listens by default.
    if (!key.startsWith("DODO_") && !["DEMO_CUSTOMER_ID", "PORT", "HOST"].includes(key))
      env[key] = value;
  }
  Object.assign(env, {
    NODE_ENV: "production",
    PORT: String(appPort),
    // The launcher starts the simulator even if the example has a key in .env.local.
    DODO_SIMULATOR: "1",
    // What `pnpm start` does: the package's own bins first.
    PATH: `${join(dir, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`,
    ...spec.env,
  });

  const child: ChildProcess = spawn(
    process.execPath,
    [cli, "run", "--port", String(simPort), "--app-url", baseUrl, ...launcherArgs(script)],
    { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM"); // the launcher stops the server, then the simulator
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const ready = /^Demo ready: open (\S+) \(Dodo Payments simulator on (\S+),/m;
  const deadline = Date.now() + (spec.startTimeoutMs ?? 60_000);
  let match = ready.exec(output);
  while (!match) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`examples/${spec.dir} exited before it was ready:\n${output}`);
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`examples/${spec.dir} did not become ready in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    match = ready.exec(output);
  }
  return {
    baseUrl,
    url: (path) => `${baseUrl}${path}`,
    simulatorUrl: match[2] as string,
    output: () => output,
    close,
  };
}

/** `/proc/net/tcp{,6}` address (hex, each 32-bit word little-endian) as bytes. */
function procAddressBytes(hex: string): number[] {
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    const chunk = hex.slice(word, word + 8).match(/../g) ?? [];
    bytes.push(...chunk.reverse().map((b) => Number.parseInt(b, 16)));
  }
  return bytes;
}

function isLoopbackBytes(bytes: number[]): boolean {
  if (bytes.length === 4) return bytes[0] === 127;
  const ipv4Mapped =
    bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255;
  if (ipv4Mapped) return bytes[12] === 127;
  return bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1;
}

/**
 * Where something listens on `port`, from Linux's /proc/net/tcp and tcp6: for each listening
 * socket, whether its address is a loopback one. Null where there is no /proc (not Linux).
 */
export function listeningSockets(port: number): { loopback: boolean }[] | null {
  const files = ["/proc/net/tcp", "/proc/net/tcp6"].filter((file) => existsSync(file));
  if (files.length === 0) return null;
  const sockets: { loopback: boolean }[] = [];
  for (const file of files) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A") continue; // 0A: LISTEN
      const [address, portHex] = local.split(":");
      if (!address || Number.parseInt(portHex ?? "", 16) !== port) continue;
      sockets.push({ loopback: isLoopbackBytes(procAddressBytes(address)) });
    }
  }
  return sockets;
}

/** This machine's addresses that other machines can reach (not loopback, not link-local). */
export function networkAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && !a.address.startsWith("fe80:"))
    .map((a) => (a as { address: string }).address);
}

/** Whether a TCP connection to host:port succeeds (within 2 s). */
export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 2000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}
