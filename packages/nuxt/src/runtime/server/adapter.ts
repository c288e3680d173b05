import type { IncomingMessage } from "node:http";
import * as core from "@dodopayments/core/internal";
import { getRequestURL, type H3Event, readRawBody, toWebRequest } from "h3";

/** The `runtimeConfig.private` keys this module reads (env overrides: `NUXT_PRIVATE_BEARER_TOKEN`, ...). */
export interface DodoRuntimeConfig {
  bearerToken?: string | undefined;
  webhookKey?: string | undefined;
  environment?: string | undefined;
  returnUrl?: string | undefined;
  /** API base URL override, e.g. a local `@dodopayments/simulator`. */
  baseURL?: string | undefined;
}

export type NuxtCheckoutConfig = core.CheckoutHandlerConfig<H3Event>;
export type NuxtCustomerPortalConfig = core.CustomerPortalHandlerConfig<H3Event>;
export type NuxtWebhookConfig = core.WebhookHandlerConfig<H3Event>;

/** What the factories return: pass it to `defineEventHandler`, or call it with the event. */
export type DodoEventHandler = (event: H3Event) => Promise<Response>;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The event as a Web `Request` whose body is exactly the bytes received. h3's own `toWebRequest`
 * streams Node requests through a stream that throws an uncaught error if its reader stops early
 * (core stops at the body limit), so the body is streamed from the Node request here, read only as
 * core pulls it; a body some middleware already read comes from `readRawBody`'s cache.
 */
export function eventToRequest(event: H3Event): Request {
  if (event.web?.request || !BODY_METHODS.has(event.method)) return toWebRequest(event);
  const incoming = event.node?.req;
  const unread =
    incoming !== undefined &&
    !incoming.readableDidRead &&
    !incoming.readableEnded &&
    !("_requestBody" in event && event._requestBody);
  return new Request(getRequestURL(event), {
    method: event.method,
    headers: event.headers,
    body: unread ? nodeBodyStream(incoming) : cachedBodyStream(event),
    // Required by Node's fetch for a stream body; missing from the DOM `RequestInit` type.
    duplex: "half",
  } as RequestInit);
}

/** A Node request body as a Web stream with backpressure; a cancel lets the rest run to nowhere. */
function nodeBodyStream(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true; // after a cancel the controller must not be touched again
  return new ReadableStream<Uint8Array>({
    start(controller) {
      incoming.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
      });
      incoming.once("end", () => open && controller.close());
      incoming.once("error", (error) => open && controller.error(error));
      incoming.pause();
    },
    pull() {
      incoming.resume();
    },
    cancel() {
      open = false;
      incoming.removeAllListeners("data");
      incoming.resume();
    },
  });
}

function cachedBodyStream(event: H3Event): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const bytes = await readRawBody(event, false);
      if (bytes?.byteLength) controller.enqueue(bytes);
      controller.close();
    },
  });
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;

/**
 * The factories, bound to a reader of `runtimeConfig.private`. The module binds it to Nitro's
 * `useRuntimeConfig`; tests bind it to a stub.
 */
export function createDodoNuxt(
  readRuntimeConfig: (event: H3Event | undefined) => DodoRuntimeConfig | undefined,
) {
  const env = (event: H3Event | undefined): core.EnvRecord => {
    const config = readRuntimeConfig(event) ?? {};
    return {
      [core.ENV.apiKey]: text(config.bearerToken),
      [core.ENV.webhookKey]: text(config.webhookKey),
      [core.ENV.environment]: text(config.environment),
      [core.ENV.returnUrl]: text(config.returnUrl),
      [core.ENV.baseURL]: text(config.baseURL),
    };
  };

  // The documented routes call a factory inside `defineEventHandler`, i.e. on every request:
  // equal configs give back the same handler (one SDK client, one product cache).
  const adapt = <TConfig extends { env?: NuxtCheckoutConfig["env"] }>(
    factory: (config: TConfig) => (request: Request, context?: H3Event) => Promise<Response>,
  ): ((config?: TConfig) => DodoEventHandler) => {
    const memo = core.memoizeFactory((config: TConfig): DodoEventHandler => {
      const handle = factory({ ...config, env: config.env ?? env });
      return (event) => handle(eventToRequest(event), event);
    });
    return (config = {} as TConfig) => memo(config);
  };

  return {
    /** Checkout: `type` `"static"` (GET, the default), `"dynamic"` or `"session"` (POST). Answers `{ checkout_url }`. */
    Checkout: adapt<NuxtCheckoutConfig>(core.checkoutHandler),
    /** Customer portal (GET): 302 to the portal, or `{ portal_url }` for `Accept: application/json`. */
    CustomerPortal: adapt<NuxtCustomerPortalConfig>(core.customerPortalHandler),
    /** Webhooks (POST): verifies the exact bytes, then calls `onPayload` and the typed `on<Event>` handlers. */
    Webhooks: adapt<NuxtWebhookConfig>(core.webhookHandler),
  };
}
