import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

export const webhookKey = `whsec_${randomBytes(32).toString("base64")}`;

/** Signs with the reference implementation, independent of the code under test. */
export function referenceSign(
  body: string,
  options: { key?: string; id?: string; timestamp?: number } = {},
): Record<string, string> {
  const id = options.id ?? `msg_${randomBytes(8).toString("hex")}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = new Webhook(options.key ?? webhookKey).sign(
    id,
    new Date(timestamp * 1000),
    body,
  );
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signature,
  };
}

export function webhookRequest(
  body: string | Uint8Array,
  headers: Record<string, string>,
  init: RequestInit = {},
): Request {
  return new Request("http://127.0.0.1/api/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: body as BodyInit,
    ...init,
  });
}

export function paymentEvent(overrides: Record<string, unknown> = {}) {
  return {
    business_id: "bus_test",
    type: "payment.succeeded",
    timestamp: "2026-11-22T10:00:00.000Z",
    data: {
      payload_type: "Payment",
      payment_id: "pay_123",
      total_amount: 2900,
      currency: "USD",
      customer: { customer_id: "cus_1", email: "ada@example.com", name: "Ada" },
      metadata: {},
    },
    ...overrides,
  };
}

/** Silences the package's own logging while keeping what it said, for assertions. */
export function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    warn: (message: string) => void lines.push(`warn: ${message}`),
    error: (message: string) => void lines.push(`error: ${message}`),
  };
}
