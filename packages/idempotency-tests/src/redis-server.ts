// A throwaway redis-server on a free loopback port: no persistence, stopped by the test.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureRedis } from "../../../scripts/ensure-redis.mjs";

export interface RedisServer {
  port: number;
  url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** The redis-server binary, or an error carrying the one-line fix (the tests never skip). */
export function redisBinary(): string {
  const found = ensureRedis({ install: false });
  if (!found.ok) throw new Error(found.hint);
  return found.path;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`redis-server exited (${code}): ${output.trim().split("\n").at(-1)}`)),
    );
  });
}

/**
 * Starts redis-server on 127.0.0.1: on `port` (a restart), else on a free port (a few tries, in
 * case another process takes it first).
 */
export async function startRedis(options: { port?: number } = {}): Promise<RedisServer> {
  const binary = redisBinary();
  let lastError: unknown;
  for (let attempt = 0; attempt < (options.port ? 1 : 5); attempt++) {
    const port = options.port ?? (await freePort());
    const dir = mkdtempSync(join(tmpdir(), "dodo-redis-"));
    const child = spawn(
      binary,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
        "--logfile",
        "",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await ready(child);
    } catch (error) {
      lastError = error;
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = once(child, "exit");
          child.kill("SIGTERM");
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  throw lastError;
}
