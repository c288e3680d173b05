import type { EnvSource } from "../env";
import { readEnv } from "../env";
import {
  consoleLogger,
  DodoHttpError,
  jsonResponse,
  type Logger,
  methodNotAllowed,
  problemResponse,
  readBodyBytes,
  serverMisconfigured,
} from "../http";
import {
  handlerNameOf,
  isKnownEventType,
  type UnknownWebhookPayload,
  type WebhookContext,
  type WebhookEventHandlers,
  type WebhookPayload,
} from "./events";
import { verifyWebhookDetailed, WebhookPayloadError } from "./payload";
import { WebhookKeyError, WebhookVerificationError } from "./signature";

type Awaitable<T> = T | Promise<T>;

export interface WebhookHandlerConfig<TContext = unknown> extends WebhookEventHandlers {
  /** The `whsec_...` secret. Default: `DODO_PAYMENTS_WEBHOOK_KEY`, then `DODO_PAYMENTS_WEBHOOK_SECRET`. Read on the first request. */
  webhookKey?: string | undefined;
  /** Accepted clock difference in seconds, both directions. Default 300. */
  toleranceSeconds?: number;
  /** Larger bodies are refused with 413 before they are hashed. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Called first for every verified event, including types newer than this package. */
  onPayload?: (payload: WebhookPayload, context: WebhookContext) => Awaitable<void>;
  /** Called (after `onPayload`) for an event type this package does not know yet. */
  onUnknownEvent?: (payload: UnknownWebhookPayload, context: WebhookContext) => Awaitable<void>;
  /** Called when a handler throws; the request is answered 500 so Dodo retries it. */
  onError?: (error: unknown, payload: WebhookPayload) => void;
  logger?: Logger;
  env?: EnvSource<TContext>;
}

export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** Runs `onPayload`, then the handler for the event's type (or `onUnknownEvent`), in order. */
export async function dispatchWebhook(
  payload: WebhookPayload,
  handlers: Pick<WebhookHandlerConfig, keyof WebhookEventHandlers | "onPayload" | "onUnknownEvent">,
  context: WebhookContext,
): Promise<void> {
  await handlers.onPayload?.(payload, context);
  const type: string = payload.type;
  if (isKnownEventType(type)) {
    const handler = handlers[handlerNameOf(type)] as
      | ((payload: WebhookPayload, context: WebhookContext) => Awaitable<void>)
      | undefined;
    await handler?.(payload, context);
  } else {
    await handlers.onUnknownEvent?.(payload as unknown as UnknownWebhookPayload, context);
  }
}

const received = () => jsonResponse({ received: true });
const unauthorized = () => problemResponse(new DodoHttpError(401, "Invalid webhook signature"));

/** A fetch handler for Dodo Payments webhooks: `(request) => Promise<Response>`. */
export function webhookHandler<TContext = unknown>(
  config: WebhookHandlerConfig<TContext>,
): (request: Request, context?: TContext) => Promise<Response> {
  const logger = config.logger ?? consoleLogger;
  const limit = config.maxBodyBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  let webhookKey = config.webhookKey?.trim() || undefined;
  let warnedMissingKey = false;

  return async (request, context) => {
    try {
      if (request.method !== "POST") throw methodNotAllowed(["POST"]);
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
      const body = await readBodyBytes(request, limit);
      const verified = await verifyWebhookDetailed({
        body,
        headers: request.headers,
        webhookKey,
        ...(config.toleranceSeconds === undefined
          ? {}
          : { toleranceSeconds: config.toleranceSeconds }),
      });
      const handlerContext: WebhookContext = {
        webhookId: verified.webhookId,
        timestamp: verified.timestamp,
        rawBody: verified.rawBody,
        request,
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
        return problemResponse(new DodoHttpError(500, "Webhook handler failed"));
      }
      return received();
    } catch (error) {
      if (error instanceof WebhookVerificationError) return unauthorized();
      if (error instanceof WebhookPayloadError) {
        return problemResponse(
          new DodoHttpError(400, "Invalid webhook payload", { errors: error.issues }),
        );
      }
      if (error instanceof WebhookKeyError) {
        logger.error(`Webhook key rejected: ${error.message}`);
        return problemResponse(serverMisconfigured());
      }
      if (error instanceof DodoHttpError) return problemResponse(error);
      logger.error("Unexpected error while handling a webhook", error);
      return problemResponse(new DodoHttpError(500, "Internal server error"));
    }
  };
}
