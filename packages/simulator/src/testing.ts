// Helpers for testing your own Dodo Payments routes: adapter options that point at a simulator,
// a signed sample delivery for a webhook route, and a logger that records what was logged.
import type { WebhookHeaders } from "@dodopayments/core/webhooks";
import { type SampleEventOverrides, sampleEvent, type WebhookEnvelope } from "./events.js";
import type { WebhookEventType } from "./sdk-types.js";
import { signWebhookSync } from "./sign.js";
import type { Simulator } from "./simulator.js";

/** The API settings of a `@dodopayments/*` adapter's checkout and customer portal handlers. */
export interface SimulatorAdapterOptions {
  bearerToken: string;
  baseURL: string;
  environment: "test_mode";
}

/**
 * The options that point an adapter's `Checkout` / `CustomerPortal` handlers at a running
 * simulator: its API key, its URL as `baseURL`, and `test_mode`. Spread them into the handler's
 * config (`Checkout({ ...adapterOptions(sim), type: "static" })`); the webhook key is
 * `sim.webhookKey`.
 */
export function adapterOptions(sim: Pick<Simulator, "apiKey" | "url">): SimulatorAdapterOptions {
  return { bearerToken: sim.apiKey, baseURL: sim.url, environment: "test_mode" };
}

/**
 * How the body is written: `"compact"` is `JSON.stringify(event)`, what Dodo Payments sends;
 * `"pretty"` is `JSON.stringify(event, null, 2)`, which a handler that re-serializes a parsed body
 * cannot reproduce; a function writes the body any other way (the result is what gets signed).
 */
export type SampleWebhookFormat<T extends WebhookEventType = WebhookEventType> =
  | "compact"
  | "pretty"
  | ((event: WebhookEnvelope<T>) => string);

export interface SignedSampleWebhookOptions<T extends WebhookEventType = WebhookEventType> {
  /** The endpoint's `whsec_...` secret the body is signed with. */
  webhookKey: string;
  /** How the body is written. Default `"compact"`. */
  format?: SampleWebhookFormat<T>;
  /** The message id (`webhook-id`); a fresh `msg_...` id when omitted. */
  id?: string;
  /** When the message is signed (`webhook-timestamp`): a Date, or unix seconds. Defaults to now. */
  timestamp?: Date | number;
  /** Passed to `sampleEvent`: envelope fields and `data` fields to replace. */
  overrides?: SampleEventOverrides<T>;
}

/** The headers to send with the body: the three Standard Webhooks headers and the JSON type. */
export type SignedWebhookHeaders = Pick<WebhookHeaders, keyof WebhookHeaders> & {
  "content-type": "application/json";
};

export interface SignedSampleWebhook<T extends WebhookEventType = WebhookEventType> {
  /** The sample envelope, typed for its event type. */
  event: WebhookEnvelope<T>;
  /** The exact string that was signed: send it unchanged. */
  body: string;
  /** `content-type: application/json` and the `webhook-id`, `-timestamp`, `-signature` headers. */
  headers: SignedWebhookHeaders;
}

/**
 * A sample event of `type` (see `sampleEvent`), written as `format` and signed with `webhookKey`
 * (as `signWebhook` does, synchronously): everything a test needs to POST a delivery to a webhook route.
 *
 * ```ts
 * const { event, body, headers } = signedSampleWebhook("payment.succeeded", { webhookKey });
 * const response = await fetch(`${appUrl}/api/webhook`, { method: "POST", headers, body });
 * ```
 */
export function signedSampleWebhook<T extends WebhookEventType>(
  type: T,
  options: SignedSampleWebhookOptions<T>,
): SignedSampleWebhook<T> {
  const event = sampleEvent(type, options.overrides);
  const format = options.format ?? "compact";
  const body =
    format === "compact"
      ? JSON.stringify(event)
      : format === "pretty"
        ? JSON.stringify(event, null, 2)
        : format(event);
  const { webhookKey, id, timestamp } = options;
  const signed = signWebhookSync({ body, webhookKey, id, timestamp });
  return { event, body, headers: { "content-type": "application/json", ...signed } };
}

/**
 * A logger that records instead of printing; it fits the `logger` option of the
 * `@dodopayments/*` adapters (`{ warn(message), error(message, error?) }`).
 */
export interface RecordingLogger {
  /**
   * Every line logged, in order: `"warn: <message>"` or `"error: <message>"`, the latter followed
   * by ` (<error>)` when an error was passed (`Name: message` for an Error).
   */
  readonly lines: string[];
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** A fresh {@link RecordingLogger}: pass it as `logger`, then assert on `lines`. */
export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return {
    lines,
    warn(message) {
      lines.push(`warn: ${message}`);
    },
    error(message, error) {
      lines.push(error === undefined ? `error: ${message}` : `error: ${message} (${show(error)})`);
    },
  };
}

function show(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
