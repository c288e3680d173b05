// `dodo-simulator start [options]`: a simulator in the foreground until Ctrl+C.
import { parseArgs } from "node:util";
import type { SimulatorOptions } from "../context.js";
import { DASHBOARD_PATH } from "../dashboard/path.js";
import { loadProductsFile } from "../products.js";
import { type Simulator, startSimulator } from "../simulator.js";
import { fail, parseKey, parsePort, parseUrl } from "./args.js";
import { HELP } from "./help.js";

const FLAGS = {
  port: { type: "string" },
  host: { type: "string" },
  "api-key": { type: "string" },
  "webhook-url": { type: "string" },
  "webhook-key": { type: "string" },
  products: { type: "string" },
  "business-id": { type: "string" },
  "retry-delays": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function parseRetryDelays(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const delays = value
    .split(",")
    .filter((s) => s.trim() !== "")
    .map((s) => Number(s));
  if (delays.some((n) => !Number.isInteger(n) || n < 0)) {
    fail("--retry-delays must be comma-separated whole milliseconds, e.g. 1000,2000");
  }
  return delays;
}

function loadProducts(file: string | undefined): SimulatorOptions["products"] {
  if (file === undefined) return undefined;
  try {
    return loadProductsFile(file);
  } catch (err) {
    fail(`--products: ${(err as Error).message}`);
  }
}

/** The simulator's options from the flags, or "help". */
function parseStartArgs(args: string[]): SimulatorOptions | "help" {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: FLAGS,
  });
  if (values.help) return "help";
  if (positionals.length > 0) fail(`unexpected argument: ${positionals[0]}`);
  const port = values.port === undefined ? 0 : parsePort(values.port, "--port");
  const webhookUrl = values["webhook-url"];
  const webhookKey = values["webhook-key"];
  const options: SimulatorOptions = {
    port,
    host: values.host,
    webhookUrl: webhookUrl === undefined ? undefined : parseUrl(webhookUrl, "--webhook-url"),
    webhookKey: webhookKey === undefined ? undefined : parseKey(webhookKey, "--webhook-key"),
    apiKey: values["api-key"],
    businessId: values["business-id"],
  };
  if (options.apiKey?.trim() === "") fail("--api-key is empty");
  options.retryDelaysMs = parseRetryDelays(values["retry-delays"]);
  options.products = loadProducts(values.products);
  return options;
}

function printBanner(sim: Simulator): void {
  const ids = [...sim.state.products.values()].map(
    (p) =>
      `  ${p.product_id}  ${p.is_recurring ? "subscription" : "one-time    "}  ${p.name ?? ""}`,
  );
  process.stdout.write(
    [
      "Dodo Payments simulator running",
      `URL:          ${sim.url}`,
      `Dashboard:    ${sim.url}${DASHBOARD_PATH}`,
      `API key:      ${sim.apiKey}`,
      `Webhook key:  ${sim.webhookKey}`,
      `Webhook URL:  ${sim.webhookUrl ?? "(none; set with POST /_sim/webhook-url)"}`,
      "Products:",
      ...ids,
      "",
      `SDK: new DodoPayments({ bearerToken: "${sim.apiKey}", baseURL: "${sim.url}" })`,
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

/** Resolves once SIGINT or SIGTERM has closed the simulator. */
function closeOnSignal(sim: Simulator): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void sim.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export async function start(args: string[]): Promise<number> {
  const options = parseStartArgs(args);
  if (options === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  let sim: Simulator;
  try {
    sim = await startSimulator(options);
  } catch (err) {
    if (err instanceof TypeError) fail(err.message);
    throw err;
  }
  printBanner(sim);
  await closeOnSignal(sim);
  process.stdout.write("Simulator stopped.\n");
  return 0;
}
