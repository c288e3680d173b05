/** The environment variables core reads, each used when the matching option is not given. */
export const ENV = {
  /** API key (`bearerToken`). */
  apiKey: "DODO_PAYMENTS_API_KEY",
  /** `test_mode` or `live_mode` (`environment`). */
  environment: "DODO_PAYMENTS_ENVIRONMENT",
  /** API base URL override, e.g. a local simulator (`baseURL`). */
  baseURL: "DODO_PAYMENTS_BASE_URL",
  /** Host for static checkout links (`checkoutBaseURL`). */
  checkoutURL: "DODO_PAYMENTS_CHECKOUT_URL",
  /** Where customers land after paying (`returnUrl`). */
  returnUrl: "DODO_PAYMENTS_RETURN_URL",
  /** The `whsec_...` webhook secret (`webhookKey`). */
  webhookKey: "DODO_PAYMENTS_WEBHOOK_KEY",
  /** The older name of the webhook secret, read when `webhookKey` is not set. */
  webhookSecret: "DODO_PAYMENTS_WEBHOOK_SECRET",
} as const;

export type EnvRecord = Record<string, string | undefined>;

/**
 * Where settings come from when an option is not given: a record (Astro's `import.meta.env`,
 * Nuxt's runtime config mapped to our names) or a function of the framework context
 * (Hono's `env(c)`, Workers bindings). `process.env` is always the last fallback.
 */
export type EnvSource<TContext = unknown> =
  | EnvRecord
  | ((context: TContext | undefined) => EnvRecord | undefined);

function processEnv(): EnvRecord {
  const proc = (globalThis as { process?: { env?: EnvRecord } }).process;
  return proc?.env ?? {};
}

/** Reads the first of `names` that is set and non-empty, from `source` first, then `process.env`. */
export function readEnv<TContext>(
  source: EnvSource<TContext> | undefined,
  context: TContext | undefined,
  ...names: string[]
): string | undefined {
  const primary = typeof source === "function" ? source(context) : source;
  for (const env of [primary, processEnv()]) {
    if (!env) continue;
    for (const name of names) {
      const value = env[name];
      if (typeof value === "string" && value.trim() !== "") return value.trim();
    }
  }
  return undefined;
}

/** Whether a framework's env value (bindings, `platform.env`) is a record settings can be read from. */
export const isEnvRecord = (value: unknown): value is EnvRecord =>
  typeof value === "object" && value !== null;

/**
 * The config with `source` as its env source, unless the user gave one of their own. `source` is
 * typed for any context (`EnvSource<never>` accepts a reader of any framework context): the
 * adapter pairs it with configs of its own framework's context.
 */
export function withDefaultEnv<T extends { env?: unknown }>(
  config: T,
  source: EnvSource<never>,
): T {
  return config.env ? config : { ...config, env: source };
}
