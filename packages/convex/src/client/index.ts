// The app side of the Dodo Payments component. It runs in the app's own functions, where the
// app's environment variables and auth are, and hands the component what it cannot read itself.
import {
  type CheckoutSessionBody,
  consoleLogger,
  type DodoEnvironment,
  ENV,
  type Logger,
  type MaybePromise,
} from "@dodopayments/core/internal";
import {
  type HandlerName,
  handlerNameFor,
  type UnknownWebhookPayload,
  WEBHOOK_EVENT_TYPES,
  type WebhookContext,
  type WebhookEventOf,
  type WebhookEventType,
  type WebhookHandlerConfig,
  type WebhookPayload,
  webhookHandler,
} from "@dodopayments/core/webhooks";
import {
  type GenericActionCtx,
  type GenericDataModel,
  httpActionGeneric,
  type PublicHttpAction,
} from "convex/server";
import { ConvexError } from "convex/values";
import type { ComponentApi } from "../component/_generated/component.js";
import type { Problem } from "../component/lib.js";

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";
export type { ComponentApi };

/**
 * The `data` of the `ConvexError` that `checkout` and `customerPortal` throw: the same
 * problem+json body (and status) the HTTP adapters answer with. Never an upstream message.
 */
export type DodoProblem = Problem;

/**
 * The Convex action context, as `checkout`, `customerPortal`, `identify` and the webhook handlers
 * use it. Without `vectorSearch`, the one member typed by the app's tables, so that the `ctx` of
 * any app's action (`ActionCtx` from its `_generated/server`) fits.
 */
export type DodoActionCtx = Omit<GenericActionCtx<GenericDataModel>, "vectorSearch">;

export interface DodoPaymentsOptions {
  /**
   * Who is calling, decided on the server from your own auth (`ctx.auth.getUserIdentity()` and
   * your users table): their Dodo customer id, or null when nobody is signed in (or the user has
   * no Dodo customer yet). The only source of a customer id: `customerPortal` refuses with 401
   * without one, and `checkout` attaches it.
   */
  identify: (
    ctx: DodoActionCtx,
  ) => MaybePromise<{ dodoCustomerId: string | null | undefined } | null | undefined>;
  /** Dodo Payments API key. Default: `DODO_PAYMENTS_API_KEY` (Convex dashboard, read on each call). */
  apiKey?: string | undefined;
  /** `"test_mode"` or `"live_mode"`. Default: `DODO_PAYMENTS_ENVIRONMENT`, else `"live_mode"`. */
  environment?: DodoEnvironment | (string & {}) | undefined;
  /** API base URL override, e.g. a local `@dodopayments/simulator`. Default: `DODO_PAYMENTS_BASE_URL`. */
  baseURL?: string | undefined;
  /** Where customers land after paying, when the payload has no `return_url`. Default: `DODO_PAYMENTS_RETURN_URL`. */
  returnUrl?: string | undefined;
  /** Per-request timeout for Dodo API calls, in ms (default 15000). A timeout is a 504. */
  timeoutMs?: number;
  /** Retries of failed Dodo API calls (network errors, 429, 5xx). Default 1. */
  maxRetries?: number;
  logger?: Logger;
}

export interface CheckoutArgs {
  /** The checkout session body (`POST /checkouts`): `product_cart`, `customer`, `return_url`, ... */
  payload: CheckoutSessionBody;
}

export interface CustomerPortalArgs {
  /** Also email the customer the portal link. */
  send_email?: boolean | undefined;
}

/** The functions `dodo.api()` returns, to call from your own actions. */
export interface DodoPaymentsApi {
  /** Creates a checkout session. Throws a `ConvexError` with a `DodoProblem` when it cannot. */
  checkout(ctx: DodoActionCtx, args: CheckoutArgs): Promise<{ checkout_url: string }>;
  /** Opens the identified customer's portal; a 401 `ConvexError` when `identify` returns null. */
  customerPortal(ctx: DodoActionCtx, args?: CustomerPortalArgs): Promise<{ portal_url: string }>;
}

type Settings = {
  apiKey: string;
  environment: DodoEnvironment;
  baseURL?: string;
  timeoutMs?: number;
  maxRetries?: number;
};

const readEnv = (name: string): string | undefined => {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.[name];
  return value?.trim() || undefined;
};

const problem = (
  status: number,
  title: string,
  extra: Partial<Problem> = {},
): ConvexError<Problem> =>
  new ConvexError<Problem>({ type: "about:blank", title, status, ...extra });

// A Dodo customer id as it may stand in an API path: see core's id rule.
const CUSTOMER_ID = /^(?!\.\.?$)[A-Za-z0-9_.~-]{1,200}$/;

/**
 * Dodo Payments for a Convex app. Create it once, in `convex/dodo.ts`, and export its functions:
 *
 * ```ts
 * export const dodo = new DodoPayments(components.dodopayments, { identify, apiKey, environment });
 * export const { checkout, customerPortal } = dodo.api();
 * ```
 */
export class DodoPayments {
  readonly component: ComponentApi;
  readonly #options: DodoPaymentsOptions;
  readonly #logger: Logger;
  #reported = false;

  constructor(component: ComponentApi, options: DodoPaymentsOptions) {
    if (typeof options?.identify !== "function") {
      throw new TypeError(
        "DodoPayments: pass `identify`, which returns the signed-in user's { dodoCustomerId } or null.",
      );
    }
    this.component = component;
    this.#options = options;
    this.#logger = options.logger ?? consoleLogger;
  }

  /** `checkout` and `customerPortal`, bound to this instance, to export from `convex/dodo.ts`. */
  api(): DodoPaymentsApi {
    return {
      checkout: (ctx, args) => this.checkout(ctx, args),
      customerPortal: (ctx, args) => this.customerPortal(ctx, args),
    };
  }

  async checkout(ctx: DodoActionCtx, args: CheckoutArgs): Promise<{ checkout_url: string }> {
    const settings = this.#settings();
    const payload = this.#withCustomer(args?.payload, await this.#identify(ctx));
    const result = await ctx.runAction(this.component.lib.checkout, { ...settings, payload });
    if ("problem" in result) throw new ConvexError(result.problem);
    return { checkout_url: result.checkout_url };
  }

  async customerPortal(
    ctx: DodoActionCtx,
    args: CustomerPortalArgs = {},
  ): Promise<{ portal_url: string }> {
    const settings = this.#settings();
    const customerId = await this.#identify(ctx);
    if (!customerId) throw problem(401, "Not signed in");
    const result = await ctx.runAction(this.component.lib.customerPortal, {
      ...settings,
      customerId,
      ...(args?.send_email === undefined ? {} : { sendEmail: args.send_email }),
    });
    if ("problem" in result) throw new ConvexError(result.problem);
    return { portal_url: result.portal_url };
  }

  /** The identified customer's id, or null; a value that cannot be a customer id is a server bug. */
  async #identify(ctx: DodoActionCtx): Promise<string | null> {
    const identified = await this.#options.identify(ctx);
    const id = identified?.dodoCustomerId;
    if (id === undefined || id === null || id === "") return null;
    if (typeof id !== "string" || !CUSTOMER_ID.test(id)) {
      this.#logger.error("identify returned a dodoCustomerId that is not a Dodo customer id.");
      throw problem(500, "Internal server error");
    }
    return id;
  }

  /**
   * The payload with the identified customer, and the default return URL when it has none. A
   * `customer_id` that `identify` did not vouch for is refused: a caller could name anyone's.
   */
  #withCustomer(payload: CheckoutSessionBody, customerId: string | null): CheckoutSessionBody {
    if (typeof payload !== "object" || payload === null) {
      throw problem(400, "Invalid request", {
        errors: [{ field: "payload", message: "must be a checkout session body" }],
      });
    }
    const named = (payload.customer as { customer_id?: unknown } | null | undefined)?.customer_id;
    if (customerId === null && named !== undefined) {
      throw problem(400, "Invalid request", {
        errors: [
          {
            field: "customer.customer_id",
            message: "comes from identify (the signed-in user), never from the payload",
          },
        ],
      });
    }
    const returnUrl = this.#options.returnUrl?.trim() || readEnv(ENV.returnUrl);
    return {
      ...payload,
      ...(customerId === null ? {} : { customer: { customer_id: customerId } }),
      ...(!payload.return_url && returnUrl ? { return_url: returnUrl } : {}),
    };
  }

  /** The settings the component needs, read from the options or the app's environment per call. */
  #settings(): Settings {
    const options = this.#options;
    const apiKey = options.apiKey?.trim() || readEnv(ENV.apiKey);
    const environment = options.environment?.trim() || readEnv(ENV.environment) || "live_mode";
    if (!apiKey) {
      this.#misconfigured(
        `No Dodo Payments API key: pass \`apiKey\` or set ${ENV.apiKey} in the Convex dashboard.`,
      );
    }
    if (environment !== "test_mode" && environment !== "live_mode") {
      this.#misconfigured(
        `Invalid Dodo Payments environment ${JSON.stringify(environment)}: use "test_mode" or "live_mode".`,
      );
    }
    const baseURL = options.baseURL?.trim() || readEnv(ENV.baseURL);
    return {
      apiKey,
      environment,
      ...(baseURL ? { baseURL } : {}),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    };
  }

  #misconfigured(message: string): never {
    if (!this.#reported) {
      this.#reported = true;
      this.#logger.error(message);
    }
    throw problem(500, "Server misconfigured", {
      detail: "The payment integration is not configured correctly. See the server logs.",
    });
  }
}

/** What a webhook handler gets after the payload: the delivery's id, timestamp, exact body and request. */
export type WebhookDelivery = WebhookContext<DodoActionCtx>;

type ConvexHandler<P> = (
  ctx: DodoActionCtx,
  payload: P,
  delivery: WebhookDelivery,
) => MaybePromise<void>;

/** `onPaymentSucceeded`, `onSubscriptionActive`, ...: one per event type, payload narrowed to it. */
export type DodoWebhookEventHandlers = {
  [T in WebhookEventType as HandlerName<T>]?: ConvexHandler<WebhookEventOf<T>>;
};

export interface DodoWebhookHandlerConfig extends DodoWebhookEventHandlers {
  /** Called first for every verified event, including types newer than this package. */
  onPayload?: ConvexHandler<WebhookPayload>;
  /** Called (after `onPayload`) for an event type this package does not know yet; it is acknowledged. */
  onUnknownEvent?: ConvexHandler<UnknownWebhookPayload>;
  /** Called when a handler throws; the delivery is answered 500 so Dodo retries it. */
  onError?: (error: unknown, payload: WebhookPayload) => void;
  /** The `whsec_...` secret. Default: `DODO_PAYMENTS_WEBHOOK_KEY`, then `DODO_PAYMENTS_WEBHOOK_SECRET`. */
  webhookKey?: string | undefined;
  /** Accepted clock difference in seconds. Default 300. */
  toleranceSeconds?: number;
  /** Larger bodies are refused with 413 before they are hashed. Default 1 MiB. */
  maxBodyBytes?: number;
  logger?: Logger;
}

/** Core calls `(payload, delivery)`; Convex handlers take the action context first. */
function contextFirst<P>(
  handler: ConvexHandler<P> | undefined,
): ((payload: P, delivery: WebhookDelivery) => MaybePromise<void>) | undefined {
  // `delivery.context` is the ctx the HTTP action hands to core below: always set.
  return (
    handler &&
    ((payload, delivery) => handler(delivery.context as DodoActionCtx, payload, delivery))
  );
}

/**
 * The webhook endpoint as a Convex HTTP action, for `http.route({ path: "/dodopayments-webhook",
 * method: "POST", handler })` in `convex/http.ts`. Verifies the signature over the exact bytes,
 * then calls `onPayload` and the event's handler with `(ctx, payload)`.
 */
export function createDodoWebhookHandler(config: DodoWebhookHandlerConfig = {}): PublicHttpAction {
  const handlers: Record<string, unknown> = {};
  for (const type of WEBHOOK_EVENT_TYPES) {
    const name = handlerNameFor(type);
    // Each handler's payload type is narrowed to its event; core passes exactly that event.
    const handler = config[name] as ConvexHandler<WebhookPayload> | undefined;
    if (handler) handlers[name] = contextFirst(handler);
  }
  const handle = webhookHandler<DodoActionCtx>({
    ...(handlers as Partial<WebhookHandlerConfig<DodoActionCtx>>),
    onPayload: contextFirst(config.onPayload),
    onUnknownEvent: contextFirst(config.onUnknownEvent),
    webhookKey: config.webhookKey,
    ...(config.toleranceSeconds === undefined ? {} : { toleranceSeconds: config.toleranceSeconds }),
    ...(config.maxBodyBytes === undefined ? {} : { maxBodyBytes: config.maxBodyBytes }),
    ...(config.onError ? { onError: config.onError } : {}),
    ...(config.logger ? { logger: config.logger } : {}),
  });
  return httpActionGeneric((ctx, request) => handle(request, ctx));
}
