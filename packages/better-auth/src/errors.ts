import { DodoHttpError, type Logger } from "@dodopayments/core";
import type { AuthContext, GenericEndpointContext } from "better-auth";
import { APIError } from "better-auth/api";
import { DODO_PAYMENTS_ERROR_CODES } from "./error-codes";

type Status = ConstructorParameters<typeof APIError>[0];

/** `"Payment provider busy, retry later"` -> `"PAYMENT_PROVIDER_BUSY_RETRY_LATER"` */
const codeOf = (title: string): string =>
  title
    .toUpperCase()
    .replace(/[^A-Z]+/g, "_")
    .replace(/^_+|_+$/g, "");

/**
 * Core's answer to a failure (status, title, field errors, `Retry-After`) as a Better Auth
 * `APIError`: the same status as every adapter's, Better Auth's `{ code, message }` body. Core
 * never puts upstream text or customer data in a `DodoHttpError`, so nothing of it leaks here.
 */
export function toAPIError(error: DodoHttpError): APIError {
  return new APIError(
    error.status as Status,
    {
      code: codeOf(error.message),
      message: error.message,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.errors?.length ? { errors: error.errors } : {}),
    },
    error.headers,
  );
}

/** Runs a call to core or the SDK; a `DodoHttpError` it throws becomes the `APIError`. */
export async function dodoCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof DodoHttpError ? toAPIError(error) : error;
  }
}

export const apiError = (
  status: Status,
  code: keyof typeof DODO_PAYMENTS_ERROR_CODES,
  extra: Record<string, unknown> = {},
): APIError => new APIError(status, { ...DODO_PAYMENTS_ERROR_CODES[code], ...extra });

/**
 * Core's logger interface on top of Better Auth's logger (so the plugin's lines follow the app's
 * `logger` option), or the console until Better Auth has started.
 */
export function betterAuthLogger(getContext: () => AuthContext | undefined): Logger {
  return {
    warn(message) {
      const logger = getContext()?.logger;
      if (logger) logger.warn(`[dodopayments] ${message}`);
      else console.warn(`[dodopayments] ${message}`);
    },
    error(message, error) {
      const logger = getContext()?.logger;
      const args = error === undefined ? [] : [error];
      if (logger) logger.error(`[dodopayments] ${message}`, ...args);
      else console.error(`[dodopayments] ${message}`, ...args);
    },
  };
}

/**
 * An option's URL as an absolute URL: a path (`"/dashboard/success"`) resolves against the app's
 * base URL (Better Auth's `baseURL`, else the request's). A URL that cannot be resolved is a
 * server misconfiguration: logged, and answered 500.
 */
export function appUrl(
  ctx: GenericEndpointContext,
  url: string | undefined,
  option: string,
): string | undefined {
  if (!url) return undefined;
  const base = ctx.context.baseURL || ctx.request?.url;
  try {
    return new URL(url, base || undefined).href;
  } catch {
    ctx.context.logger.error(
      `[dodopayments] ${option} ${JSON.stringify(url)} is not a URL, and there is no base URL to resolve it against.`,
    );
    throw apiError(500, "SERVER_MISCONFIGURED");
  }
}
