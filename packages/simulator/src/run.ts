import { type ChildProcess, spawn } from "node:child_process";
import { constants as osConstants } from "node:os";
import { DASHBOARD_PATH } from "./dashboard/context.js";
import type { DeliveryAttempt } from "./delivery.js";
import { readDotenvFiles } from "./dotenv.js";
import { loadProductsFile, type ProductInput } from "./products.js";
import { type Simulator, startSimulator } from "./server.js";

/** The variables the adapters read; the launcher sets them for the command in simulator mode. */
export const DODO_ENV = {
  apiKey: "DODO_PAYMENTS_API_KEY",
  baseUrl: "DODO_PAYMENTS_BASE_URL",
  webhookKey: "DODO_PAYMENTS_WEBHOOK_KEY",
  webhookSecret: "DODO_PAYMENTS_WEBHOOK_SECRET",
  environment: "DODO_PAYMENTS_ENVIRONMENT",
  returnUrl: "DODO_PAYMENTS_RETURN_URL",
} as const;

/** The simulator port when neither --port nor DODO_SIMULATOR_PORT is given. */
export const DEFAULT_SIMULATOR_PORT = 8787;

export interface RunOptions {
  /** The command and its arguments (what follows `--`). */
  command: string[];
  /** --port; else DODO_SIMULATOR_PORT; else 8787 (and a free port if 8787 is taken). */
  port?: number;
  /** --app-url; else http://localhost:$PORT (PORT defaults to 3000). */
  appUrl?: string;
  /** --webhook-path, default /api/webhook. */
  webhookPath?: string;
  /** --products: JSON file of products to seed instead of the demo products. */
  productsFile?: string;
  /** Where .env / .env.local are looked up. Default process.cwd(). */
  cwd?: string;
  /** The launcher's own environment. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Where the launcher writes its lines. Default process.stdout / process.stderr. */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export class RunUsageError extends Error {}

const PREFIX = "dodo-simulator:";

/** True when a webhook key can sign (the simulator refuses anything else). */
function isWhsec(value: string | undefined): value is string {
  return value !== undefined && /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(value);
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "[::1]" ||
    hostname === "::1" ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname)
  );
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal ? osConstants.signals[signal] : undefined;
  return number ? 128 + number : 1;
}

/** Polls `url` until it answers with any HTTP status; resolves false if `alive()` turns false. */
async function waitUntilAnswering(url: string, alive: () => boolean): Promise<boolean> {
  while (alive()) {
    // A dev server may take long over its first page (it compiles it): wait, do not re-ask. An
    // unref'd timer (not AbortSignal.timeout), so a pending check never delays the exit.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 60_000);
    timer.unref();
    try {
      const response = await fetch(url, {
        redirect: "manual",
        signal: abort.signal,
        headers: { "user-agent": "dodo-simulator-run (readiness check)", connection: "close" },
      });
      await response.body?.cancel();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300).unref());
    } finally {
      clearTimeout(timer);
    }
  }
  return false;
}

/** Prints one line per finished webhook attempt, so the terminal shows the loop closing. */
function logDeliveries(sim: Simulator, out: (line: string) => void): () => void {
  const seen = new WeakSet<DeliveryAttempt>();
  const timer = setInterval(() => {
    for (const delivery of sim.deliveries) {
      for (const attempt of delivery.attempts) {
        if (seen.has(attempt) || (attempt.status === undefined && attempt.error === undefined))
          continue;
        seen.add(attempt);
        const result = attempt.status !== undefined ? String(attempt.status) : attempt.error;
        const retry = attempt.resent
          ? " (resend)"
          : attempt.attempt > 1
            ? ` (retry ${attempt.attempt - 1})`
            : "";
        out(
          `${PREFIX} webhook ${delivery.type} ${delivery.id} -> ${attempt.url}: ${result}${retry}`,
        );
      }
    }
  }, 250);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * `dodo-simulator run [options] -- <command ...>`: runs a web app's command. With a Dodo Payments
 * API key (in the environment, `.env` or `.env.local`) it only runs the command. Without one it
 * starts the simulator first, points its webhooks at the app, and hands the command the
 * `DODO_PAYMENTS_*` variables that lead the adapters to it. Resolves with the command's exit code.
 */
export async function run(options: RunOptions): Promise<number> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [command, ...args] = options.command;
  if (!command) throw new RunUsageError("missing the command to run, e.g. run -- next dev");
  const cwd = options.cwd ?? process.cwd();
  const ownEnv = options.env ?? process.env;

  // What the user set: the environment wins over .env.local, which wins over .env.
  const fromFiles = readDotenvFiles(cwd);
  const userEnv: Record<string, string> = {};
  for (const [key, { value }] of fromFiles) userEnv[key] = value;
  for (const [key, value] of Object.entries(ownEnv)) if (value !== undefined) userEnv[key] = value;
  const isSet = (name: string) => userEnv[name] !== undefined && userEnv[name] !== "";

  const port = userEnv.PORT ?? "3000";
  const appUrlText = options.appUrl ?? userEnv.DODO_APP_URL ?? `http://localhost:${port}`;
  let appUrl: URL;
  try {
    appUrl = new URL(appUrlText);
  } catch {
    throw new RunUsageError(`--app-url is not a valid URL: ${appUrlText}`);
  }
  if (appUrl.protocol !== "http:" && appUrl.protocol !== "https:")
    throw new RunUsageError(`--app-url must be an http:// or https:// URL: ${appUrlText}`);
  const appOrigin = appUrl.toString().replace(/\/+$/, "");
  const webhookPath = options.webhookPath ?? "/api/webhook";
  if (!webhookPath.startsWith("/"))
    throw new RunUsageError(`--webhook-path must start with /: ${webhookPath}`);

  const childEnv: NodeJS.ProcessEnv = { ...userEnv };
  // The app listens where an app URL given explicitly says, unless PORT says otherwise.
  const explicitAppUrl = options.appUrl !== undefined || userEnv.DODO_APP_URL !== undefined;
  if (
    explicitAppUrl &&
    userEnv.PORT === undefined &&
    appUrl.port !== "" &&
    isLoopback(appUrl.hostname)
  )
    childEnv.PORT = appUrl.port;
  // A loopback app URL means the app is for this machine: HOST (read by Nuxt, Astro's Node server
  // and most Node servers) makes it listen there, not on every interface. A HOST you set wins.
  if (userEnv.HOST === undefined && isLoopback(appUrl.hostname))
    childEnv.HOST = appUrl.hostname.replace(/^\[(.*)\]$/, "$1");

  const forceSimulator = /^(1|true|yes|always)$/i.test(ownEnv.DODO_SIMULATOR ?? "");
  let sim: Simulator | undefined;
  let stopLog: (() => void) | undefined;

  if (isSet(DODO_ENV.apiKey) && !forceSimulator) {
    const source = ownEnv[DODO_ENV.apiKey]
      ? "the environment"
      : (fromFiles.get(DODO_ENV.apiKey)?.file ?? "the environment");
    const mode = userEnv[DODO_ENV.environment] || "live_mode";
    out(
      `${PREFIX} DODO_PAYMENTS_API_KEY is set (${source}): running against Dodo Payments ${mode}, no simulator.`,
    );
    if (!isSet(DODO_ENV.environment))
      err(
        `${PREFIX} DODO_PAYMENTS_ENVIRONMENT is not set, so the adapters use live_mode; set it to test_mode for a test key.`,
      );
  } else {
    let products: ProductInput[] | undefined;
    if (options.productsFile !== undefined) {
      try {
        products = loadProductsFile(options.productsFile);
      } catch (e) {
        throw new RunUsageError(`--products: ${(e as Error).message}`);
      }
    }
    // Keep a webhook key the user chose, so a route built with it still verifies.
    const userKey = userEnv[DODO_ENV.webhookKey] || userEnv[DODO_ENV.webhookSecret] || undefined;
    const webhookKey = isWhsec(userKey) ? userKey : undefined;
    if (userKey !== undefined && !webhookKey)
      err(`${PREFIX} ignoring the webhook key you set: it is not a whsec_... secret.`);

    const envPort = ownEnv.DODO_SIMULATOR_PORT;
    let simPort = options.port;
    if (simPort === undefined && envPort !== undefined && envPort !== "") {
      simPort = Number(envPort);
      if (!Number.isInteger(simPort) || simPort < 0 || simPort > 65535)
        throw new RunUsageError(`DODO_SIMULATOR_PORT must be 0-65535: ${envPort}`);
    }
    const explicitPort = simPort !== undefined;
    const webhookUrl = `${appOrigin}${webhookPath}`;
    const start = (p: number) =>
      startSimulator({ port: p, webhookUrl, webhookKey, ...(products ? { products } : {}) });
    try {
      sim = await start(simPort ?? DEFAULT_SIMULATOR_PORT);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
      if (explicitPort)
        throw new RunUsageError(
          `port ${simPort} is in use; choose another with --port or DODO_SIMULATOR_PORT (0 picks a free one)`,
        );
      sim = await start(0);
      err(`${PREFIX} port ${DEFAULT_SIMULATOR_PORT} is in use, so the simulator took ${sim.url}`);
    }

    childEnv[DODO_ENV.apiKey] = sim.apiKey;
    if (isSet(DODO_ENV.baseUrl) && userEnv[DODO_ENV.baseUrl] !== sim.url)
      err(`${PREFIX} DODO_PAYMENTS_BASE_URL is replaced by the simulator's URL (${sim.url}).`);
    childEnv[DODO_ENV.baseUrl] = sim.url;
    childEnv[DODO_ENV.webhookKey] = sim.webhookKey;
    if (childEnv[DODO_ENV.webhookSecret] !== undefined)
      childEnv[DODO_ENV.webhookSecret] = sim.webhookKey;
    if (!isSet(DODO_ENV.environment)) childEnv[DODO_ENV.environment] = "test_mode";
    if (!isSet(DODO_ENV.returnUrl)) childEnv[DODO_ENV.returnUrl] = `${appOrigin}/success`;

    const list = [...sim.state.products.values()]
      .map((p) => `${p.product_id} (${p.is_recurring ? "subscription" : "one-time"})`)
      .join(", ");
    const customers = [...sim.state.customers.values()].map((c) => c.customer_id).join(", ");
    out(
      [
        `${PREFIX} no DODO_PAYMENTS_API_KEY set, so the Dodo Payments simulator runs on ${sim.url}`,
        `  dashboard: ${sim.url}${DASHBOARD_PATH} (webhook deliveries, API requests, faults)`,
        `  webhooks go to ${webhookUrl}; checkouts return to ${childEnv[DODO_ENV.returnUrl]}`,
        `  products: ${list}; customers: ${customers}`,
        "  To use your Dodo Payments test-mode account instead, set DODO_PAYMENTS_API_KEY (e.g. in .env.local).",
      ].join("\n"),
    );
    stopLog = logDeliveries(sim, out);
  }

  // On POSIX the command gets its own process group, and signals go to the whole group: wrapper
  // scripts (`sh` shims that do not `exec`) would otherwise die and leave the server running.
  // Its stdin is not the terminal then (a background group reading it would be stopped).
  const ownGroup = process.platform !== "win32";
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd,
      env: childEnv,
      stdio: [ownGroup ? "ignore" : "inherit", "inherit", "inherit"],
      detached: ownGroup,
      // .cmd shims (next.cmd, vite.cmd) need a shell on Windows.
      shell: !ownGroup,
    });
  } catch (e) {
    stopLog?.();
    await sim?.close();
    throw e;
  }

  const signalChild = (signal: NodeJS.Signals): boolean => {
    if (ownGroup && child.pid !== undefined) {
      try {
        process.kill(-child.pid, signal);
        return true;
      } catch {
        return false; // the group is gone
      }
    }
    return child.kill(signal);
  };

  let signals = 0;
  const forward = (signal: NodeJS.Signals) => {
    signals++;
    // A third Ctrl+C means the command is stuck: stop it for good.
    signalChild(signals >= 3 ? "SIGKILL" : signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  process.on("SIGHUP", forward);

  const exited = new Promise<number>((resolve) => {
    child.once("error", (e: NodeJS.ErrnoException) => {
      err(
        e.code === "ENOENT"
          ? `${PREFIX} command not found: ${command} (is it installed? run it through your package manager's scripts, which put node_modules/.bin on PATH)`
          : `${PREFIX} could not run ${command}: ${e.message}`,
      );
      resolve(127);
    });
    child.once("exit", (code, signal) => resolve(exitCodeOf(code, signal)));
  });

  let running = true;
  void exited.then(() => {
    running = false;
  });
  void waitUntilAnswering(appOrigin, () => running).then((ready) => {
    if (!ready) return;
    if (sim)
      out(
        `Demo ready: open ${appOrigin} (Dodo Payments simulator on ${sim.url}, no API key needed)`,
      );
    else
      out(
        `Ready: open ${appOrigin} (Dodo Payments ${userEnv[DODO_ENV.environment] || "live_mode"}, your API key)`,
      );
  });

  const code = await exited;
  running = false;
  // Whatever the command left behind in its group (a server under a wrapper that exited first)
  // gets SIGTERM, then SIGKILL after 5 s, so the app's port is free when the launcher exits.
  if (ownGroup && child.pid !== undefined) {
    const pid = child.pid;
    const groupAlive = () => {
      try {
        process.kill(-pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (groupAlive()) {
      if (signals === 0) signalChild("SIGTERM");
      const deadline = Date.now() + 5000;
      while (groupAlive() && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      signalChild("SIGKILL");
    }
  }
  process.off("SIGINT", forward);
  process.off("SIGTERM", forward);
  process.off("SIGHUP", forward);
  stopLog?.();
  await sim?.close();
  return code;
}
