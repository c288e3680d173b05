import { after, type MaybePromise } from "../maybe";
import type { WebhookPayload } from "./events";
import {
  checkWebhookSignature,
  type VerifiedSignature,
  type VerifySignatureOptions,
} from "./signature";

type FieldIssue = { field: string; message: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const TEXT_FIELDS = ["business_id", "type", "timestamp"] as const;

/**
 * The envelope is checked strictly; `data` leniently: Dodo adds fields over time and a genuine,
 * signed event must never be refused because of one. Written out rather than as a schema: four
 * fields, checked in place without copying the event, on the path every delivery takes. Returns
 * undefined for a valid envelope.
 */
function envelopeIssues(event: unknown): FieldIssue[] | undefined {
  if (!isObject(event)) return [{ field: "body", message: "must be a JSON object" }];
  const issues: FieldIssue[] = [];
  for (const field of TEXT_FIELDS) {
    const value = event[field];
    if (typeof value !== "string") issues.push({ field, message: "must be a string" });
    else if (field === "type" && value === "") {
      issues.push({ field, message: "must not be empty" });
    }
  }
  const data = event.data;
  if (!isObject(data)) issues.push({ field: "data", message: "must be an object" });
  else if (data.payload_type !== undefined && typeof data.payload_type !== "string") {
    issues.push({ field: "data.payload_type", message: "must be a string" });
  }
  return issues.length > 0 ? issues : undefined;
}

/** The body verified but is not a Dodo Payments event envelope. Answer 400. */
export class WebhookPayloadError extends Error {
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[]) {
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
  const issues = envelopeIssues(json);
  if (issues) {
    throw new WebhookPayloadError("Webhook body is not a Dodo Payments event", issues);
  }
  return json as WebhookPayload;
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
    return {
      webhookId: signature.webhookId,
      timestamp: signature.timestamp,
      payload: parseWebhookPayload(rawBody),
      rawBody,
    };
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
