import DodoPayments, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
} from "dodopayments";
import { ENV, type EnvSource, readEnv } from "./env";
import { consoleLogger, DodoHttpError, type Logger, serverMisconfigured } from "./http";

export type DodoEnvironment = "test_mode" | "live_mode";

export interface ClientConfig<TContext = unknown> {
  /** Dodo Payments API key. Default: `DODO_PAYMENTS_API_KEY`. */
  bearerToken?: string | undefined;
  /** `"test_mode"` or `"live_mode"`. Default: `DODO_PAYMENTS_ENVIRONMENT`, else `"live_mode"`. */
  environment?: DodoEnvironment | (string & {}) | undefined;
  /** API base URL override, e.g. a local `@dodopayments/simulator`. Default: `DODO_PAYMENTS_BASE_URL`. Replaces `environment` for API calls. */
  baseURL?: string | undefined;
  /** Host for static `/buy/{productId}` links. Default: the environment's checkout host, or `baseURL` when that is set. */
  checkoutBaseURL?: string | undefined;
  /** Per-request timeout for Dodo API calls, in ms. Default 15000. A timeout answers 504. */
  timeoutMs?: number;
  /** Retries of failed Dodo API calls (network errors, 429, 5xx). Default 1. */
  maxRetries?: number;
  /** A `fetch` implementation for the SDK. */
  fetch?: typeof fetch;
  /** Your own SDK client; the options above that configure a client are then ignored. */
  client?: DodoPayments;
  logger?: Logger;
  /** Where settings are read when not given as options (see `EnvSource`). */
  env?: EnvSource<TContext>;
}

export interface ResolvedClient {
  client: DodoPayments;
  environment: DodoEnvironment;
  /** Origin (and optional path) that static checkout links are built on. */
  checkoutBaseURL: string;
}

const CHECKOUT_HOSTS: Record<DodoEnvironment, string> = {
  test_mode: "https://test.checkout.dodopayments.com",
  live_mode: "https://checkout.dodopayments.com",
};

const isEnvironment = (value: string): value is DodoEnvironment =>
  value === "test_mode" || value === "live_mode";

/**
 * One SDK client per handler factory, created on the first request so that importing a route
 * file never throws when secrets are only present at run time.
 */
export function lazyClient<TContext>(
  config: ClientConfig<TContext>,
): (context: TContext | undefined) => ResolvedClient {
  const logger = config.logger ?? consoleLogger;
  let resolved: ResolvedClient | undefined;
  let reported = false;
  const misconfigured = (message: string): never => {
    if (!reported) {
      reported = true;
      logger.error(message);
    }
    throw serverMisconfigured();
  };

  return (context) => {
    if (resolved) return resolved;
    const environmentSetting =
      config.environment || readEnv(config.env, context, ENV.environment) || "live_mode";
    if (!isEnvironment(environmentSetting)) {
      return misconfigured(
        `Invalid Dodo Payments environment ${JSON.stringify(environmentSetting)}: use "test_mode" or "live_mode".`,
      );
    }
    const baseURL = config.baseURL || readEnv(config.env, context, ENV.baseURL);
    let client = config.client;
    if (!client) {
      const bearerToken = config.bearerToken || readEnv(config.env, context, ENV.apiKey);
      if (!bearerToken) {
        return misconfigured(
          `No Dodo Payments API key: pass \`bearerToken\` or set ${ENV.apiKey}.`,
        );
      }
      client = new DodoPayments({
        bearerToken,
        // The SDK refuses `environment` together with a base URL ("Ambiguous URL").
        ...(baseURL ? { baseURL } : { environment: environmentSetting, baseURL: null }),
        webhookKey: null,
        timeout: config.timeoutMs ?? 15_000,
        maxRetries: config.maxRetries ?? 1,
        logLevel: "off",
        ...(config.fetch ? { fetch: config.fetch } : {}),
      });
    }
    resolved = {
      client,
      environment: environmentSetting,
      checkoutBaseURL: (
        config.checkoutBaseURL ||
        readEnv(config.env, context, ENV.checkoutURL) ||
        baseURL ||
        CHECKOUT_HOSTS[environmentSetting]
      ).replace(/\/+$/, ""),
    };
    return resolved;
  };
}

/**
 * Turns an SDK failure into the answer of the status-code contract. Upstream messages and bodies
 * are never passed on: they can carry customer data. `notFound` decides what a 404 means here.
 */
export function upstreamError(
  error: unknown,
  logger: Logger,
  notFound: () => DodoHttpError,
): DodoHttpError {
  if (error instanceof DodoHttpError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    logger.error("Dodo Payments API call timed out.");
    return new DodoHttpError(504, "Payment provider timed out");
  }
  if (error instanceof APIConnectionError) {
    logger.error("Could not reach the Dodo Payments API.");
    return new DodoHttpError(502, "Payment provider unavailable");
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    if (status === 401 || status === 403) {
      logger.error(
        `Dodo Payments refused the API key (${status}). Check ${ENV.apiKey} and that ${ENV.environment} matches the key (test_mode or live_mode).`,
      );
      return serverMisconfigured();
    }
    if (status === 404) return notFound();
    if (status === 429) {
      logger.error("Dodo Payments API rate limit reached.");
      const retryAfter = error.headers?.get("retry-after");
      return new DodoHttpError(503, "Payment provider busy, retry later", {
        ...(retryAfter ? { headers: { "retry-after": retryAfter } } : {}),
      });
    }
    if (status >= 400 && status < 500) {
      logger.error(`Dodo Payments rejected the request (${status}).`);
      return new DodoHttpError(400, "The payment provider rejected the request", {
        detail: "Check the request fields against the Dodo Payments API reference.",
      });
    }
    logger.error(`Dodo Payments API answered ${status}.`);
    return new DodoHttpError(502, "Payment provider error");
  }
  // Anything else from the SDK here is an unreadable answer (e.g. a malformed body).
  logger.error(
    "Unexpected answer from the Dodo Payments API.",
    error instanceof Error ? error.name : undefined,
  );
  return new DodoHttpError(502, "Payment provider error");
}
