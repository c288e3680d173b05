import type { ClientConfig } from "../client";
import { ENV, readEnv } from "../env";
import {
  consoleLogger,
  DodoHttpError,
  errorResult,
  jsonResponse,
  methodNotAllowed,
  readJsonBody,
  toResponse,
} from "../http";
import { onFirstUse } from "../lazy";
import type { MaybePromise } from "../maybe";
import { parseOrThrow } from "../validation";
import type { CheckoutSessionBody, DynamicCheckoutBody } from "./schemas";
import {
  buildStaticCheckoutUrl,
  parseStaticCheckoutQuery,
  type StaticCheckoutRequest,
} from "./static";

export type CheckoutType = "static" | "dynamic" | "session";

export interface CheckoutPayloads {
  static: StaticCheckoutRequest;
  dynamic: DynamicCheckoutBody;
  session: CheckoutSessionBody;
}

export interface BeforeCheckoutContext<TContext> {
  type: CheckoutType;
  request: Request;
  /** The framework's own context (Express `req`, Hono `c`, ...), when the adapter passes one. */
  context: TContext | undefined;
}

export interface CheckoutHandlerConfig<TContext = unknown> extends ClientConfig<TContext> {
  /** `"static"` (GET, query parameters; the default), `"dynamic"` (POST payment link) or `"session"` (POST checkout session). */
  type?: CheckoutType;
  /** Where customers land after paying. Default: `DODO_PAYMENTS_RETURN_URL`. A `return_url` in a POST body wins. */
  returnUrl?: string | undefined;
  /**
   * Runs on the server after validation and before the Dodo API call. Return the payload to send:
   * overwrite what the browser must not choose (customer, metadata, discount, prices), or throw a
   * `DodoHttpError` to refuse (e.g. 401 when nobody is signed in).
   */
  beforeCheckout?: <T extends CheckoutType>(
    payload: CheckoutPayloads[T],
    context: BeforeCheckoutContext<TContext>,
  ) => MaybePromise<CheckoutPayloads[T]>;
  /**
   * Limits `return_url` from the browser: `"same-origin"` (the request's origin), or a list of
   * allowed URL prefixes / patterns. Default: any http(s) URL.
   */
  allowedReturnUrls?: "same-origin" | ReadonlyArray<string | RegExp>;
  /** How long a found product is remembered for static links, in ms. Default 5 minutes; 0 disables. */
  productCacheTtlMs?: number;
  /** Largest accepted POST body in bytes. Default 64 KiB. */
  maxBodyBytes?: number;
}

/** Largest checkout POST body accepted by default (64 KiB). */
export const DEFAULT_CHECKOUT_BODY_LIMIT = 64 * 1024;

const ALLOW: Record<CheckoutType, readonly string[]> = {
  static: ["GET", "HEAD"],
  dynamic: ["POST"],
  session: ["POST"],
};

function returnUrlAllowed(
  url: string,
  request: Request,
  allowed: CheckoutHandlerConfig["allowedReturnUrls"],
): boolean {
  if (!allowed) return true;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (allowed === "same-origin") return target.origin === new URL(request.url).origin;
  return allowed.some((rule) => {
    if (rule instanceof RegExp) return rule.test(url);
    const prefix = new URL(rule);
    return target.origin === prefix.origin && target.pathname.startsWith(prefix.pathname);
  });
}

/** A fetch handler for checkout: `(request, context?) => Promise<Response>` answering `{ checkout_url }`. */
export function checkoutHandler<TContext = unknown>(
  config: CheckoutHandlerConfig<TContext>,
): (request: Request, context?: TContext) => Promise<Response> {
  const type = config.type ?? "static";
  if (!(type in ALLOW))
    throw new TypeError(`checkoutHandler: unknown type ${JSON.stringify(type)}`);
  const logger = config.logger ?? consoleLogger;
  // The SDK client, the product cache and the schemas come with the first request that needs them.
  const runtime = onFirstUse(
    (loaded) => ({
      ...loaded,
      getClient: loaded.lazyClient(config),
      lookupProduct: loaded.cachedProductLookup({
        ...(config.productCacheTtlMs !== undefined ? { ttlMs: config.productCacheTtlMs } : {}),
        logger,
      }),
    }),
    logger,
  );
  const limit = config.maxBodyBytes ?? DEFAULT_CHECKOUT_BODY_LIMIT;

  async function prepare<T extends CheckoutType>(
    payload: CheckoutPayloads[T],
    request: Request,
    context: TContext | undefined,
  ): Promise<CheckoutPayloads[T]> {
    if (!config.beforeCheckout) return payload;
    return config.beforeCheckout(payload, { type, request, context });
  }

  function withReturnUrl<T extends { return_url?: string | null | undefined }>(
    body: T,
    request: Request,
    fallback: string | undefined,
  ): T {
    if (body.return_url) {
      if (
        body.return_url !== fallback &&
        !returnUrlAllowed(body.return_url, request, config.allowedReturnUrls)
      ) {
        throw new DodoHttpError(400, "Invalid request", {
          errors: [{ field: "return_url", message: "is not an allowed return URL" }],
        });
      }
      return body;
    }
    return fallback ? { ...body, return_url: fallback } : body;
  }

  return async (request, context) => {
    try {
      if (!ALLOW[type].includes(request.method)) throw methodNotAllowed(ALLOW[type]);
      const returnUrl = config.returnUrl || readEnv(config.env, context, ENV.returnUrl);
      if (type === "static") {
        const parsed = parseStaticCheckoutQuery(new URL(request.url).searchParams);
        const { getClient, lookupProduct } = await runtime();
        const { client, checkoutBaseURL } = getClient(context);
        const payload = await prepare<"static">(parsed, request, context);
        await lookupProduct(client, payload.productId);
        return jsonResponse({
          checkout_url: buildStaticCheckoutUrl({ ...payload, checkoutBaseURL, returnUrl }),
        });
      }
      const json = await readJsonBody(request, limit);
      const {
        getClient,
        lookupProduct,
        dynamicCheckoutSchema,
        checkoutSessionSchema,
        createDynamicCheckout,
        createCheckoutSession,
      } = await runtime();
      if (type === "dynamic") {
        const body = parseOrThrow(dynamicCheckoutSchema, json);
        const { client } = getClient(context);
        const payload = withReturnUrl(
          await prepare<"dynamic">(body, request, context),
          request,
          returnUrl,
        );
        const result = await createDynamicCheckout(client, payload, { logger, lookupProduct });
        return jsonResponse({ checkout_url: result.checkout_url });
      }
      const body = parseOrThrow(checkoutSessionSchema, json);
      const { client } = getClient(context);
      const payload = withReturnUrl(
        await prepare<"session">(body, request, context),
        request,
        returnUrl,
      );
      const result = await createCheckoutSession(client, payload, { logger });
      return jsonResponse({ checkout_url: result.checkout_url });
    } catch (error) {
      return toResponse(errorResult(error, logger, "checkout handler"));
    }
  };
}
