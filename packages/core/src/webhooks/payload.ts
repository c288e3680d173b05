import * as z from "zod/mini";
import { after, type MaybePromise } from "../maybe";
import type { WebhookPayload } from "./events";
import {
  checkWebhookSignature,
  type VerifiedSignature,
  type VerifySignatureOptions,
} from "./signature";

// The envelope is checked strictly; `data` leniently: Dodo adds fields over time and a genuine,
// signed event must never be refused because of one. Unknown keys are kept as they are.
const envelopeSchema = z.object({
  business_id: z.string(),
  type: z.string().check(z.minLength(1)),
  timestamp: z.string(),
  data: z.looseObject({ payload_type: z.optional(z.string()) }),
});

/** The body verified but is not a Dodo Payments event envelope. Answer 400. */
export class WebhookPayloadError extends Error {
  readonly issues: { field: string; message: string }[];
  constructor(message: string, issues: { field: string; message: string }[]) {
    super(message);
    this.name = "WebhookPayloadError";
    this.issues = issues;
  }
}

export function parseWebhookPayload(body: string): WebhookPayload {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new WebhookPayloadError("Webhook body is not valid JSON", [
      { field: "body", message: "must be valid JSON" },
    ]);
  }
  const result = envelopeSchema.safeParse(json);
  if (!result.success) {
    throw new WebhookPayloadError(
      "Webhook body is not a Dodo Payments event",
      result.error.issues.map((issue) => ({
        field: issue.path.join(".") || "body",
        message: issue.message,
      })),
    );
  }
  // The schema keeps unknown keys, so the object is the event as sent.
  return result.data as unknown as WebhookPayload;
}

export type VerifyWebhookOptions = VerifySignatureOptions;

export interface VerifiedWebhook extends VerifiedSignature {
  payload: WebhookPayload;
  rawBody: string;
}

const utf8 = new TextDecoder();

/** Verification plus parsing, keeping the signature facts the handler context needs. */
export async function verifyWebhookDetailed(
  options: VerifyWebhookOptions,
): Promise<VerifiedWebhook> {
  return checkWebhook(options);
}

/** `verifyWebhookDetailed`, synchronous where the runtime has node:crypto. */
export function checkWebhook(options: VerifyWebhookOptions): MaybePromise<VerifiedWebhook> {
  return after(checkWebhookSignature(options), (signature) => {
    const rawBody = typeof options.body === "string" ? options.body : utf8.decode(options.body);
    return { ...signature, payload: parseWebhookPayload(rawBody), rawBody };
  });
}

/**
 * Verifies the signature over the exact bytes, then parses and validates the event.
 * Throws `WebhookVerificationError` (401), `WebhookPayloadError` (400) or `WebhookKeyError` (500).
 *
 * Like the SDK's `webhooks.unwrap`, the result is typed as the union of the event types this
 * package knows; an event type newer than the package still verifies and is returned as sent.
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookPayload> {
  return (await verifyWebhookDetailed(options)).payload;
}
