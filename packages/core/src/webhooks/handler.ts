import { ENV, type EnvSource, readEnv } from "../env";
import {
  consoleLogger,
  DodoHttpError,
  errorResult,
  type Logger,
  methodNotAllowed,
  type PlainResponse,
  problemResult,
  readBodyBytes,
  serverMisconfigured,
  toResponse,
} from "../http";
import { after, isThenable, type MaybePromise } from "../maybe";
import {
  handlerNameOf,
  isKnownEventType,
  type UnknownWebhookPayload,
  type WebhookContext,
  type WebhookEventHandlers,
  type WebhookPayload,
} from "./events";
import { type IdempotencyOptions, idempotencyGuard } from "./idempotency/guard";
import { checkWebhook, type VerifiedWebhook, WebhookPayloadError } from "./payload";
import { type HeadersLike, WebhookKeyError, WebhookVerificationError } from "./signature";

export interface WebhookHandlerConfig<TContext = unknown> extends WebhookEventHandlers<TContext> {
  /** The `whsec_...` secret. Default: `DODO_PAYMENTS_WEBHOOK_KEY`, then `DODO_PAYMENTS_WEBHOOK_SECRET`. Read on the first request. */
  webhookKey?: string | undefined;
  /** Accepted clock difference in seconds, both directions. Default 300. */
  toleranceSeconds?: number;
  /** Larger bodies are refused with 413 before they are hashed. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Called first for every verified event, including types newer than this package. */
  onPayload?: (payload: WebhookPayload, context: WebhookContext<TContext>) => MaybePromise<void>;
  /** Called (after `onPayload`) for an event type this package does not know yet. */
  onUnknownEvent?: (
    payload: UnknownWebhookPayload,
    context: WebhookContext<TContext>,
  ) => MaybePromise<void>;
  /** Called when a handler throws; the request is answered 500 so Dodo retries it. */
  onError?: (error: unknown, payload: WebhookPayload) => void;
  logger?: Logger;
  env?: EnvSource<TContext>;
  /**
   * Exactly-once handling per `webhook-id`, across instances that share the store: a delivery
   * claims its id (`leaseSeconds`), runs the handlers and marks the id completed
   * (`retainSeconds`); a failure releases the claim so the retry runs. A completed id is answered
   * 200 without running a handler, one in progress elsewhere 409 with `Retry-After`. Off by default.
   */
  idempotency?: IdempotencyOptions;
}

export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;

type EventHandler<TContext> = (
  payload: WebhookPayload,
  context: WebhookContext<TContext>,
) => MaybePromise<void>;

/**
 * Runs `onPayload`, then the handler for the event's type (or `onUnknownEvent`), in order.
 * Synchronous when the handlers are; a promise when one of them returns one.
 */
export function dispatchWebhook<TContext = unknown>(
  payload: WebhookPayload,
  handlers: Pick<
    WebhookHandlerConfig<TContext>,
    keyof WebhookEventHandlers | "onPayload" | "onUnknownEvent"
  >,
  context: WebhookContext<TContext>,
): MaybePromise<void> {
  const type: string = payload.type;
  const handler = (
    isKnownEventType(type) ? handlers[handlerNameOf(type)] : handlers.onUnknownEvent
  ) as EventHandler<TContext> | undefined;
  const first = handlers.onPayload?.(payload, context);
  if (isThenable(first)) {
    return Promise.resolve(first).then(() => handler?.(payload, context));
  }
  const second = handler?.(payload, context);
  // The handler's own promise when it is a native one: nothing awaits its value.
  return isThenable(second) ? (Promise.resolve(second) as Promise<void>) : undefined;
}

/**
 * A webhook request as any server can describe it without building a Web `Request`: the hot path
 * of Node servers, where constructing one per delivery costs more than verifying it.
 */
export interface WebhookRequestParts {
  method: string;
  headers: HeadersLike;
  /**
   * Reads the body, refusing more than `limit` bytes with a 413 `DodoHttpError`. `logger` is the
   * handler's, for a reader that has something to say about how the route is mounted.
   */
  readBody(limit: number, logger: Logger): MaybePromise<Uint8Array | string>;
  /** The request as a Web `Request` with the body read, built only if a handler reads `context.request`. */
  toRequest(body: Uint8Array | string): Request;
}

/** Answers a webhook request. Synchronous when the body is in memory and the handlers are too. */
export type WebhookProcessor<TContext> = (
  parts: WebhookRequestParts,
  context?: TContext,
) => MaybePromise<PlainResponse>;

/**
 * The context handlers receive. A class rather than an object literal with a `request` getter:
 * such a literal gets a hidden class of its own per delivery, which V8 then has to collect.
 */
class DeliveryContext<TContext> implements WebhookContext<TContext> {
  readonly webhookId: string;
  readonly timestamp: number;
  readonly rawBody: string;
  readonly context: TContext | undefined;
  readonly #parts: WebhookRequestParts;
  readonly #body: Uint8Array | string;
  #request: Request | undefined;

  constructor(
    verified: VerifiedWebhook,
    context: TContext | undefined,
    parts: WebhookRequestParts,
    body: Uint8Array | string,
  ) {
    this.webhookId = verified.webhookId;
    this.timestamp = verified.timestamp;
    this.rawBody = verified.rawBody;
    this.context = context;
    this.#parts = parts;
    this.#body = body;
  }

  /** A request with the exact bytes received; a fresh one once a handler has read the body. */
  get request(): Request {
    if (!this.#request || this.#request.bodyUsed) this.#request = this.#parts.toRequest(this.#body);
    return this.#request;
  }
}

// Dodo reads only the status. An empty body keeps the answer to every delivery as small as it gets.
const RECEIVED: PlainResponse = Object.freeze({ status: 200, headers: {}, body: "" });

/**
 * The webhook handler as a function of request parts to a plain response (see `webhookHandler`).
 * Every delivery takes this path, so it adds no promise or object a delivery does not need.
 */
export function webhookProcessor<TContext = unknown>(
  config: WebhookHandlerConfig<TContext>,
): WebhookProcessor<TContext> {
  const logger = config.logger ?? consoleLogger;
  const limit = config.maxBodyBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  const tolerance = config.toleranceSeconds;
  let webhookKey = config.webhookKey?.trim() || undefined;
  let warnedMissingKey = false;

  const refused = (error: unknown): PlainResponse => {
    if (error instanceof WebhookVerificationError) {
      return problemResult(new DodoHttpError(401, "Invalid webhook signature"));
    }
    if (error instanceof WebhookPayloadError) {
      return problemResult(
        new DodoHttpError(400, "Invalid webhook payload", { errors: error.issues }),
      );
    }
    if (error instanceof WebhookKeyError) {
      logger.error(`Webhook key rejected: ${error.message}`);
      return problemResult(serverMisconfigured());
    }
    return errorResult(error, logger, "webhook handler");
  };

  const handlerFailed = (error: unknown, payload: WebhookPayload): PlainResponse => {
    if (config.onError) {
      try {
        config.onError(error, payload);
      } catch (onErrorFailure) {
        logger.error("onError threw", onErrorFailure);
      }
    } else {
      logger.error(
        `Webhook handler for ${payload.type} threw; answering 500 so Dodo Payments retries.`,
        error,
      );
    }
    return problemResult(new DodoHttpError(500, "Webhook handler failed"));
  };

  const dispatch = (
    verified: VerifiedWebhook,
    parts: WebhookRequestParts,
    body: Uint8Array | string,
    context: TContext | undefined,
  ): MaybePromise<PlainResponse> => {
    const handlerContext = new DeliveryContext(verified, context, parts, body);
    let pending: MaybePromise<void>;
    try {
      pending = dispatchWebhook(verified.payload, config, handlerContext);
    } catch (error) {
      return handlerFailed(error, verified.payload);
    }
    return after(
      pending,
      () => RECEIVED,
      (error) => handlerFailed(error, verified.payload),
    );
  };

  // Verification comes first: only a verified delivery reaches the store.
  const guard = config.idempotency ? idempotencyGuard(config.idempotency, logger) : undefined;
  const deliver = guard
    ? (
        verified: VerifiedWebhook,
        parts: WebhookRequestParts,
        body: Uint8Array | string,
        context: TContext | undefined,
      ): MaybePromise<PlainResponse> =>
        guard(verified.webhookId, () => dispatch(verified, parts, body, context))
    : dispatch;

  const verify = (
    parts: WebhookRequestParts,
    body: Uint8Array | string,
    key: string,
    context: TContext | undefined,
  ): MaybePromise<PlainResponse> => {
    try {
      const checked = checkWebhook({
        body,
        headers: parts.headers,
        webhookKey: key,
        toleranceSeconds: tolerance,
      });
      return after(checked, (verified) => deliver(verified, parts, body, context), refused);
    } catch (error) {
      return refused(error);
    }
  };

  return (parts, context) => {
    try {
      if (parts.method !== "POST") throw methodNotAllowed(["POST"]);
      webhookKey ??= readEnv(config.env, context, ENV.webhookKey, ENV.webhookSecret);
      const key = webhookKey;
      if (!key) {
        if (!warnedMissingKey) {
          warnedMissingKey = true;
          logger.error(
            `No webhook key: pass \`webhookKey\` or set ${ENV.webhookKey}. Webhooks are refused with 500 until then.`,
          );
        }
        throw serverMisconfigured();
      }
      return after(
        parts.readBody(limit, logger),
        (body) => verify(parts, body, key, context),
        refused,
      );
    } catch (error) {
      return refused(error);
    }
  };
}

/** A Web `Request` as webhook request parts: its body is read once, and handlers get a copy. */
export function fetchWebhookParts(request: Request): WebhookRequestParts {
  return {
    method: request.method,
    headers: request.headers,
    readBody: (limit) => readBodyBytes(request, limit),
    // The original's body has been read (verification needs the bytes first).
    toRequest: (body) =>
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: body as BodyInit,
        signal: request.signal,
      }),
  };
}

/** A fetch handler for Dodo Payments webhooks: `(request, context?) => Promise<Response>`. */
export function webhookHandler<TContext = unknown>(
  config: WebhookHandlerConfig<TContext>,
): (request: Request, context?: TContext) => Promise<Response> {
  const process = webhookProcessor(config);
  return async (request, context) => toResponse(await process(fetchWebhookParts(request), context));
}
