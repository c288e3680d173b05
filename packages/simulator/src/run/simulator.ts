// Simulator mode: start the simulator for the app, hand the app its settings, log deliveries.
import { DASHBOARD_PATH } from "../dashboard/path.js";
import type { DeliveryAttempt } from "../delivery.js";
import { loadProductsFile, type ProductInput } from "../products.js";
import { type Simulator, startSimulator } from "../simulator.js";
import { type AppSettings, isSet } from "./app.js";
import {
  DEFAULT_SIMULATOR_PORT,
  DODO_ENV,
  PREFIX,
  type RunOptions,
  RunUsageError,
} from "./options.js";

type Print = (line: string) => void;

/** True when a webhook key can sign (the simulator refuses anything else). */
function isWhsec(value: string | undefined): value is string {
  return value !== undefined && /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(value);
}

function loadProducts(file: string | undefined): ProductInput[] | undefined {
  if (file === undefined) return undefined;
  try {
    return loadProductsFile(file);
  } catch (e) {
    throw new RunUsageError(`--products: ${(e as Error).message}`);
  }
}

/** --port, else DODO_SIMULATOR_PORT, else undefined (the default port). */
function chosenPort(options: RunOptions, ownEnv: NodeJS.ProcessEnv): number | undefined {
  const envPort = ownEnv.DODO_SIMULATOR_PORT;
  if (options.port !== undefined || envPort === undefined || envPort === "") return options.port;
  const port = Number(envPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RunUsageError(`DODO_SIMULATOR_PORT must be 0-65535: ${envPort}`);
  return port;
}

/** Starts on the chosen port; when the default port is taken, on a free one. */
async function startOnPort(
  port: number | undefined,
  start: (port: number) => Promise<Simulator>,
  err: Print,
): Promise<Simulator> {
  try {
    return await start(port ?? DEFAULT_SIMULATOR_PORT);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
    if (port !== undefined)
      throw new RunUsageError(
        `port ${port} is in use; choose another with --port or DODO_SIMULATOR_PORT (0 picks a free one)`,
      );
    const sim = await start(0);
    err(`${PREFIX} port ${DEFAULT_SIMULATOR_PORT} is in use, so the simulator took ${sim.url}`);
    return sim;
  }
}

/** Gives the command the variables that lead the adapters to the simulator. */
function pointAppAtSimulator(app: AppSettings, sim: Simulator, err: Print): void {
  const { childEnv, userEnv } = app;
  childEnv[DODO_ENV.apiKey] = sim.apiKey;
  if (isSet(app, DODO_ENV.baseUrl) && userEnv[DODO_ENV.baseUrl] !== sim.url)
    err(`${PREFIX} DODO_PAYMENTS_BASE_URL is replaced by the simulator's URL (${sim.url}).`);
  childEnv[DODO_ENV.baseUrl] = sim.url;
  childEnv[DODO_ENV.webhookKey] = sim.webhookKey;
  if (childEnv[DODO_ENV.webhookSecret] !== undefined)
    childEnv[DODO_ENV.webhookSecret] = sim.webhookKey;
  if (!isSet(app, DODO_ENV.environment)) childEnv[DODO_ENV.environment] = "test_mode";
  if (!isSet(app, DODO_ENV.returnUrl)) childEnv[DODO_ENV.returnUrl] = `${app.appOrigin}/success`;
}

function printBanner(app: AppSettings, sim: Simulator, webhookUrl: string, out: Print): void {
  const list = [...sim.state.products.values()]
    .map((p) => `${p.product_id} (${p.is_recurring ? "subscription" : "one-time"})`)
    .join(", ");
  const customers = [...sim.state.customers.values()].map((c) => c.customer_id).join(", ");
  out(
    [
      `${PREFIX} no DODO_PAYMENTS_API_KEY set, so the Dodo Payments simulator runs on ${sim.url}`,
      `  dashboard: ${sim.url}${DASHBOARD_PATH} (webhook deliveries, API requests, faults)`,
      `  webhooks go to ${webhookUrl}; checkouts return to ${app.childEnv[DODO_ENV.returnUrl]}`,
      `  products: ${list}; customers: ${customers}`,
      "  To use your Dodo Payments test-mode account instead, set DODO_PAYMENTS_API_KEY (e.g. in .env.local).",
    ].join("\n"),
  );
}

/** Prints one line per finished webhook attempt, so the terminal shows the loop closing. */
function logDeliveries(sim: Simulator, out: Print): () => void {
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

/** A simulator running for the app, and how to stop it. */
export interface AppSimulator {
  sim: Simulator;
  stop(): Promise<void>;
}

/** Starts the simulator with webhooks to the app, and completes the command's environment. */
export async function startForApp(
  options: RunOptions,
  app: AppSettings,
  ownEnv: NodeJS.ProcessEnv,
  print: { out: Print; err: Print },
): Promise<AppSimulator> {
  const products = loadProducts(options.productsFile);
  // Keep a webhook key the user chose, so a route built with it still verifies.
  const { userEnv } = app;
  const userKey = userEnv[DODO_ENV.webhookKey] || userEnv[DODO_ENV.webhookSecret] || undefined;
  const webhookKey = isWhsec(userKey) ? userKey : undefined;
  if (userKey !== undefined && !webhookKey)
    print.err(`${PREFIX} ignoring the webhook key you set: it is not a whsec_... secret.`);
  const port = chosenPort(options, ownEnv);
  const webhookUrl = `${app.appOrigin}${app.webhookPath}`;
  const start = (p: number) =>
    startSimulator({ port: p, webhookUrl, webhookKey, ...(products ? { products } : {}) });
  const sim = await startOnPort(port, start, print.err);
  pointAppAtSimulator(app, sim, print.err);
  printBanner(app, sim, webhookUrl, print.out);
  const stopLog = logDeliveries(sim, print.out);
  return {
    sim,
    async stop() {
      stopLog();
      await sim.close();
    },
  };
}
