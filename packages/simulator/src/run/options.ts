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

/** A bad flag or setting: the CLI prints it and exits 2. */
export class RunUsageError extends Error {}

/** The launcher's prefix on every line it prints. */
export const PREFIX = "dodo-simulator:";
