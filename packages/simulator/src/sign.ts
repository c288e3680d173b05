// The simulator's synchronous signer, for what must sign without awaiting: its webhook
// dispatcher and `signedSampleWebhook`. The public `signWebhook` is core's (async): see index.ts.
import type { WebhookHeaders } from "@dodopayments/core/webhooks";
import { Webhook } from "standardwebhooks";
import { newId } from "./util.js";

export interface SignWebhookSyncOptions {
  /** The exact body that will be sent (a string: what is signed is what must be sent). */
  body: string;
  /** The endpoint's `whsec_...` secret. */
  webhookKey: string;
  /** The message id (`webhook-id`); a fresh `msg_...` id when omitted. */
  id?: string;
  /** When the message is sent: a Date, or unix seconds. Defaults to now. */
  timestamp?: Date | number;
}

/**
 * Signs a webhook body the way Dodo Payments does (Standard Webhooks, HMAC-SHA256 over
 * `id.timestamp.body` with the base64 key after `whsec_`), using the reference
 * `standardwebhooks` implementation. Returns the headers to send with the body.
 */
export function signWebhookSync(options: SignWebhookSyncOptions): WebhookHeaders {
  if (typeof options.body !== "string") {
    throw new TypeError("signWebhookSync: body must be the exact string that will be sent");
  }
  if (typeof options.webhookKey !== "string" || !options.webhookKey.startsWith("whsec_")) {
    throw new TypeError(
      "signWebhookSync: webhookKey must be a Standard Webhooks secret (whsec_...)",
    );
  }
  const id = options.id ?? newId("msg");
  const date =
    options.timestamp === undefined
      ? new Date()
      : typeof options.timestamp === "number"
        ? new Date(options.timestamp * 1000)
        : options.timestamp;
  const signature = new Webhook(options.webhookKey).sign(id, date, options.body);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(date.getTime() / 1000)),
    "webhook-signature": signature,
  };
}
