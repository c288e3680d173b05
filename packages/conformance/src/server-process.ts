import { type ChildProcess, spawn } from "node:child_process";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import type { StartedApp } from "./fixture";

/** A free loopback port (for servers that cannot listen on port 0 and report it). */
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

/**
 * Starts a built production server as a child process (`next start`, `node .output/server/index.mjs`,
 * `node dist/server/entry.mjs`) on a free port and waits until `readyPath` answers.
 */
export async function startServerProcess(options: {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  readyPath?: string;
  timeoutMs?: number;
}): Promise<StartedApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: {
      ...process.env,
      ...options.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      HOSTNAME: "127.0.0.1",
      NITRO_PORT: String(port),
      NITRO_HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { output, close } = supervise(child);

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${url}${options.readyPath ?? "/api/test/events"}`);
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become ready in time:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, close };
}

/**
 * Keeps what a server process prints (for error messages) and stops it: SIGTERM, then SIGKILL
 * after 5 s.
 */
export function supervise(child: ChildProcess): {
  output: () => string;
  close: () => Promise<void>;
} {
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    output: () => output,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Listens on a free loopback port. `close` drops open keep-alive connections first, then runs
 * `afterClose` (say, to restore what the app changed) once the server has stopped.
 */
export async function serveOnLoopback(
  server: Server,
  afterClose?: () => void,
): Promise<StartedApp> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          afterClose?.();
          resolve();
        });
      }),
  };
}
