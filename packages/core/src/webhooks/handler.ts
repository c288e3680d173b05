import type { EnvSource } from "../env";
import { readEnv } from "../env";
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
import type { MaybePromise } from "../maybe";
import {
  handlerNameOf,
  isKnownEventType,
  type UnknownWebhookPayload,
  type WebhookContext,
  type WebhookEventHandlers,
  type WebhookPayload,
} from "./events";
import { checkWebhook, WebhookPayloadError } from "./payload";
import { type HeadersLike, WebhookKeyError, WebhookVerificationError } from "./signature";

type Awaitable<T> = T | Promise<T>;

export interface WebhookHandlerConfig<TContext = unknown> extends WebhookEventHandlers<TContext> {
  /** The `whsec_...` secret. Default: `DODO_PAYMENTS_WEBHOOK_KEY`, then `DODO_PAYMENTS_WEBHOOK_SECRET`. Read on the first request. */
  webhookKey?: string | undefined;
  /** Accepted clock difference in seconds, both directions. Default 300. */
  toleranceSeconds?: number;
  /** Larger bodies are refused with 413 before they are hashed. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Called first for every verified event, including types newer than this package. */
  onPayload?: (payload: WebhookPayload, context: WebhookContext<TContext>) => Awaitable<void>;
  /** Called (after `onPayload`) for an event type this package does not know yet. */
  onUnknownEvent?: (
    payload: UnknownWebhookPayload,
    context: WebhookContext<TContext>,
  ) => Awaitable<void>;
  /** Called when a handler throws; the request is answered 500 so Dodo retries it. */
  onError?: (error: unknown, payload: WebhookPayload) => void;
  logger?: Logger;
  env?: EnvSource<TContext>;
}

export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** Runs `onPayload`, then the handler for the event's type (or `onUnknownEvent`), in order. */
export async function dispatchWebhook<TContext = unknown>(
  payload: WebhookPayload,
  handlers: Pick<
    WebhookHandlerConfig<TContext>,
    keyof WebhookEventHandlers | "onPayload" | "onUnknownEvent"
  >,
  context: WebhookContext<TContext>,
): Promise<void> {
  // Awaited only when a handler is set: most events reach one or two handlers of the 49.
  if (handlers.onPayload) await handlers.onPayload(payload, context);
  const type: string = payload.type;
  if (isKnownEventType(type)) {
    const handler = handlers[handlerNameOf(type)] as
      | ((payload: WebhookPayload, context: WebhookContext<TContext>) => Awaitable<void>)
      | undefined;
    if (handler) await handler(payload, context);
  } else if (handlers.onUnknownEvent) {
    await handlers.onUnknownEvent(payload as unknown as UnknownWebhookPayload, context);
  }
}

/**
 * A webhook request as any server can describe it without building a Web `Request`: the hot path
 * of Node servers, where constructing one per delivery costs more than verifying it.
 */
export interface WebhookRequestParts {
  method: string;
  headers: HeadersLike;
  /** Reads the body, refusing more than `limit` bytes with a 413 `DodoHttpError`. */
  readBody(limit: number): MaybePromise<Uint8Array | string>;
  /** The request as a Web `Request`, built only if a handler reads `context.request`. */
  toRequest(): Request;
}

export type WebhookProcessor<TContext> = (
  parts: WebhookRequestParts,
  context?: TContext,
) => Promise<PlainResponse>;

// Dodo reads only the status. An empty body keeps the answer to every delivery as small as it gets.
const RECEIVED: PlainResponse = Object.freeze({ status: 200, headers: {}, body: "" });

/** The webhook handler as a function of request parts to a plain response (see `webhookHandler`). */
export function webhookProcessor<TContext = unknown>(
  config: WebhookHandlerConfig<TContext>,
): WebhookProcessor<TContext> {
  const logger = config.logger ?? consoleLogger;
  const limit = config.maxBodyBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  let webhookKey = config.webhookKey?.trim() || undefined;
  let warnedMissingKey = false;

  return async (parts, context) => {
    try {
      if (parts.method !== "POST") throw methodNotAllowed(["POST"]);
      webhookKey ??= readEnv(
        config.env,
        context,
        "DODO_PAYMENTS_WEBHOOK_KEY",
        "DODO_PAYMENTS_WEBHOOK_SECRET",
      );
      if (!webhookKey) {
        if (!warnedMissingKey) {
          warnedMissingKey = true;
          logger.error(
            "No webhook key: pass `webhookKey` or set DODO_PAYMENTS_WEBHOOK_KEY. Webhooks are refused with 500 until then.",
          );
        }
        throw serverMisconfigured();
      }
      const read = parts.readBody(limit);
      const checked = checkWebhook({
        body: read instanceof Promise ? await read : read,
        headers: parts.headers,
        webhookKey,
        ...(config.toleranceSeconds === undefined
          ? {}
          : { toleranceSeconds: config.toleranceSeconds }),
      });
      const verified = checked instanceof Promise ? await checked : checked;
      let request: Request | undefined;
      const handlerContext: WebhookContext<TContext> = {
        context,
        webhookId: verified.webhookId,
        timestamp: verified.timestamp,
        rawBody: verified.rawBody,
        get request() {
          request ??= parts.toRequest();
          return request;
        },
      };
      try {
        await dispatchWebhook(verified.payload, config, handlerContext);
      } catch (error) {
        if (config.onError) config.onError(error, verified.payload);
        else
          logger.error(
            `Webhook handler for ${verified.payload.type} threw; answering 500 so Dodo Payments retries.`,
            error,
          );
        return problemResult(new DodoHttpError(500, "Webhook handler failed"));
      }
      return RECEIVED;
    } catch (error) {
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
    }
  };
}

/** A fetch handler for Dodo Payments webhooks: `(request, context?) => Promise<Response>`. */
export function webhookHandler<TContext = unknown>(
  config: WebhookHandlerConfig<TContext>,
): (request: Request, context?: TContext) => Promise<Response> {
  const process = webhookProcessor(config);
  return async (request, context) =>
    toResponse(
      await process(
        {
          method: request.method,
          headers: request.headers,
          readBody: (limit) => readBodyBytes(request, limit),
          toRequest: () => request,
        },
        context,
      ),
    );
}
