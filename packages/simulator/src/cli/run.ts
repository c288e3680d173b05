// `dodo-simulator run [options] -- <command ...>` (the launcher itself is ../run/)
import { parseArgs } from "node:util";
import { RunUsageError, run } from "../run/index.js";
import { fail, parsePort, parseUrl } from "./args.js";
import { HELP } from "./help.js";

const RUN_VALUE_FLAGS = new Set(["--port", "--app-url", "--webhook-path", "--products"]);

/**
 * Where the command starts: options come before `--`; everything after it is the command, passed
 * on untouched. Without `--`, the first word that is not an option starts the command.
 */
function commandStart(args: string[]): number {
  const split = args.indexOf("--");
  if (split !== -1) return split;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (RUN_VALUE_FLAGS.has(arg)) i++;
    else if (!arg.startsWith("-")) return i;
  }
  return args.length;
}

export async function runCommand(args: string[]): Promise<number> {
  const split = commandStart(args);
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
  const port = values.port === undefined ? undefined : parsePort(values.port, "--port");
  if (values["app-url"] !== undefined) parseUrl(values["app-url"], "--app-url");
  try {
    return await run({
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
