import { parseArgs } from "node:util";
import { DASHBOARD_PATH } from "./dashboard/context.js";
import { postBody } from "./delivery.js";
import {
  isWebhookEventType,
  type SampleEventOverrides,
  sampleEvent,
  WEBHOOK_EVENT_TYPES,
} from "./events.js";
import { loadProductsFile } from "./products.js";
import { RunUsageError, run as runLauncher } from "./run.js";
import { startSimulator } from "./server.js";
import { signWebhook } from "./sign.js";
import { closest, isRecord } from "./util.js";

const HELP = `dodo-simulator: a local Dodo Payments API for tests and demos

Usage:
  dodo-simulator start [options]
      --port N               port to listen on (default 0: a free port)
      --host H               interface (default 127.0.0.1)
      --api-key K            bearer token the API accepts (default: random sim_test_...)
      --webhook-url URL      where to POST webhooks
      --webhook-key whsec_   signing key (default: random)
      --products FILE        JSON file of products (array or { "products": [...] })
      --business-id ID       business_id in objects and webhooks (default bus_simulator)
      --retry-delays LIST    webhook retry delays in ms, comma separated (default 1000,2000,4000,8000)

  dodo-simulator run [options] -- <command ...>
      Runs your app's command (e.g. next dev). Without DODO_PAYMENTS_API_KEY (in the environment,
      .env or .env.local) it first starts the simulator, sends its webhooks to the app, and gives
      the command DODO_PAYMENTS_API_KEY, _BASE_URL, _WEBHOOK_KEY, _ENVIRONMENT=test_mode and
      _RETURN_URL=<app-url>/success (values you set yourself are kept). With a key it only runs
      the command. Either way a loopback app URL sets HOST (e.g. localhost) unless you did, so
      the app listens on this machine only. Forwards Ctrl+C / SIGTERM and exits with the
      command's exit code.
      --port N               simulator port (default DODO_SIMULATOR_PORT, else 8787)
      --app-url URL          where the app answers (default DODO_APP_URL, else http://localhost:$PORT,
                             PORT defaulting to 3000)
      --webhook-path PATH    the app's webhook route (default /api/webhook)
      --products FILE        JSON file of products to seed instead of the demo products
      DODO_SIMULATOR=1       start the simulator even when an API key is set

  dodo-simulator trigger <event-type> --url URL --key whsec_... [--data JSON] [--business-id ID]
      Sends one signed, realistic event to URL. Exits 0 on a 2xx answer, 1 otherwise.

  dodo-simulator events      lists the event types trigger accepts
  dodo-simulator --help      shows this help

Exit codes: 0 success, 1 the endpoint did not answer 2xx (trigger), 2 bad arguments;
run exits with the command's code (127 if it cannot be found).
`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function parseUrl(value: string | undefined, flag: string): string {
  if (value === undefined) fail(`missing ${flag} (see dodo-simulator --help)`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(`${flag} is not a valid URL: ${value}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    fail(`${flag} must be an http:// or https:// URL: ${value}`);
  }
  return url.toString();
}

function parseKey(value: string | undefined, flag: string): string {
  if (value === undefined) fail(`missing ${flag} (a whsec_... webhook secret)`);
  if (!value.startsWith("whsec_"))
    fail(`${flag} must start with whsec_ (got "${value.slice(0, 8)}...")`);
  const raw = value.slice("whsec_".length);
  if (raw === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) {
    fail(`${flag} must be whsec_ followed by a base64 key`);
  }
  return value;
}

function unknownEvent(type: string): never {
  const suggestion = closest(type, WEBHOOK_EVENT_TYPES);
  const some = [
    "payment.succeeded",
    "subscription.active",
    "refund.succeeded",
    "license_key.created",
  ];
  fail(
    `unknown event type "${type}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; valid types include ${some.join(", ")} (run "dodo-simulator events" for all ${WEBHOOK_EVENT_TYPES.length})`,
  );
}

async function trigger(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: "string" },
      key: { type: "string" },
      data: { type: "string" },
      "business-id": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [type, ...extra] = positionals;
  if (!type)
    fail("missing <event-type>, e.g. dodo-simulator trigger payment.succeeded --url ... --key ...");
  if (extra.length > 0) fail(`unexpected argument: ${extra[0]}`);
  if (!isWebhookEventType(type)) unknownEvent(type);
  const url = parseUrl(values.url, "--url");
  const key = parseKey(values.key, "--key");
  let data: Record<string, unknown> | undefined;
  if (values.data !== undefined) {
    try {
      const parsed: unknown = JSON.parse(values.data);
      if (!isRecord(parsed)) throw new Error("not an object");
      data = parsed;
    } catch {
      fail("--data must be a JSON object of data fields to override");
    }
  }
  const event = sampleEvent(type, {
    business_id: values["business-id"],
    data: data as SampleEventOverrides["data"],
  });
  const body = JSON.stringify(event);
  const headers = signWebhook({ body, webhookKey: key });
  try {
    const result = await postBody(url, body, { ...headers }, 15_000);
    const ok = result.status >= 200 && result.status < 300;
    process.stdout.write(
      `${type} ${headers["webhook-id"]} -> ${url}: ${result.status}${ok ? "" : ` ${result.body.slice(0, 200)}`}\n`,
    );
    return ok ? 0 : 1;
  } catch (err) {
    process.stdout.write(
      `${type} ${headers["webhook-id"]} -> ${url}: failed (${(err as Error).message})\n`,
    );
    return 1;
  }
}

async function start(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "api-key": { type: "string" },
      "webhook-url": { type: "string" },
      "webhook-key": { type: "string" },
      products: { type: "string" },
      "business-id": { type: "string" },
      "retry-delays": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length > 0) fail(`unexpected argument: ${positionals[0]}`);
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      fail(`--port must be 0-65535: ${values.port}`);
  }
  const webhookUrl =
    values["webhook-url"] === undefined
      ? undefined
      : parseUrl(values["webhook-url"], "--webhook-url");
  const webhookKey =
    values["webhook-key"] === undefined
      ? undefined
      : parseKey(values["webhook-key"], "--webhook-key");
  if (values["api-key"] !== undefined && values["api-key"].trim() === "")
    fail("--api-key is empty");
  let retryDelaysMs: number[] | undefined;
  if (values["retry-delays"] !== undefined) {
    retryDelaysMs = values["retry-delays"]
      .split(",")
      .filter((s) => s.trim() !== "")
      .map((s) => Number(s));
    if (retryDelaysMs.some((n) => !Number.isInteger(n) || n < 0)) {
      fail("--retry-delays must be comma-separated whole milliseconds, e.g. 1000,2000");
    }
  }
  let products: ReturnType<typeof loadProductsFile> | undefined;
  if (values.products !== undefined) {
    try {
      products = loadProductsFile(values.products);
    } catch (err) {
      fail(`--products: ${(err as Error).message}`);
    }
  }
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({
      port,
      host: values.host,
      apiKey: values["api-key"],
      webhookUrl,
      webhookKey,
      products,
      businessId: values["business-id"],
      retryDelaysMs,
    });
  } catch (err) {
    if (err instanceof TypeError) fail(err.message);
    throw err;
  }
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
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void sim.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  process.stdout.write("Simulator stopped.\n");
  return 0;
}

const RUN_VALUE_FLAGS = new Set(["--port", "--app-url", "--webhook-path", "--products"]);

async function runCommand(args: string[]): Promise<number> {
  // Options come before `--`; everything after it is the command, passed on untouched. Without
  // `--`, the first word that is not an option starts the command.
  let split = args.indexOf("--");
  if (split === -1) {
    split = args.length;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (RUN_VALUE_FLAGS.has(arg)) i++;
      else if (!arg.startsWith("-")) {
        split = i;
        break;
      }
    }
  }
  const { values } = parseArgs({
    args: args.slice(0, split),
    allowPositionals: false,
    strict: true,
    options: {
      port: { type: "string" },
      "app-url": { type: "string" },
      "webhook-path": { type: "string" },
      products: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const command = args.slice(args[split] === "--" ? split + 1 : split);
  if (command.length === 0)
    fail("missing the command to run: dodo-simulator run [options] -- <command ...>");
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (values.port.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535)
      fail(`--port must be 0-65535: ${values.port}`);
  }
  if (values["app-url"] !== undefined) parseUrl(values["app-url"], "--app-url");
  try {
    return await runLauncher({
      command,
      port,
      appUrl: values["app-url"],
      webhookPath: values["webhook-path"],
      productsFile: values.products,
    });
  } catch (err) {
    if (err instanceof RunUsageError) fail(err.message);
    throw err;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "--help":
      case "-h":
      case "help":
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case "start":
        return await start(rest);
      case "trigger":
        return await trigger(rest);
      case "run":
        return await runCommand(rest);
      case "events":
        process.stdout.write(`${WEBHOOK_EVENT_TYPES.join("\n")}\n`);
        return 0;
      default: {
        const suggestion = closest(command, ["start", "run", "trigger", "events"]);
        fail(
          `unknown command "${command}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; run dodo-simulator --help`,
        );
      }
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`dodo-simulator: ${err.message}\n`);
      return 2;
    }
    // parseArgs reports unknown or malformed options with these codes.
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`dodo-simulator: ${(err as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`dodo-simulator: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`dodo-simulator: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
