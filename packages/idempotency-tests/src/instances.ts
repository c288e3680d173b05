// Starts app instances (src/app.ts) as child processes and talks to them over IPC.
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const APP = fileURLToPath(new URL("./app.ts", import.meta.url));

export interface InstanceOptions {
  adapter: "express" | "fastify" | "hono" | "core";
  store: "node-redis" | "ioredis" | "memory" | "none";
  env: Record<string, string>;
}

export interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  /** Stops its handlers before their effect from now on; resolves with those stopped so far. */
  freeze(): Promise<string[]>;
  /** The webhook-ids of the handlers stopped by `freeze`, mid-run. */
  stuck(): Promise<string[]>;
  /** `kill -9`, and waits until it is gone. */
  kill(): Promise<void>;
}

function ask(child: ChildProcess, message: string): Promise<string[]> {
  return new Promise((resolve) => {
    child.once("message", (reply) => resolve((reply as { stuck: string[] }).stuck));
    child.send(message);
  });
}

export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const child = fork(APP, [], {
    execArgv: [],
    env: { ...process.env, ...options.env, ADAPTER: options.adapter, STORE: options.store },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`${options.adapter} instance exited (${code}) before listening`);
  });
  const [message] = (await Promise.race([once(child, "message"), exited])) as [{ port: number }];
  exited.catch(() => {});
  return {
    name: `${options.adapter}+${options.store}`,
    url: `http://127.0.0.1:${message.port}/webhook`,
    child,
    freeze: () => ask(child, "freeze"),
    stuck: () => ask(child, "stuck?"),
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, "exit");
      child.kill("SIGKILL");
      await gone;
    },
  };
}
