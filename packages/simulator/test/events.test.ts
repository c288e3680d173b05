import DodoPayments from "dodopayments";
import { Webhook } from "standardwebhooks";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  generateWebhookKey,
  sampleEvent,
  sampleWebhookPayload,
  signedSampleWebhook,
  signWebhook,
  WEBHOOK_EVENT_TYPES,
  type WebhookEnvelope,
  type WebhookEventType,
} from "../src/index.js";

const PAYLOAD_TYPES: Record<string, string> = {
  payment: "Payment",
  refund: "Refund",
  dispute: "Dispute",
  subscription: "Subscription",
  license_key: "LicenseKey",
  payout: "Payout",
  credit: "CreditLedgerEntry",
  abandoned_checkout: "AbandonedCheckout",
  dunning: "DunningAttempt",
  entitlement_grant: "EntitlementGrant",
};

describe("sampleEvent", () => {
  it("covers all 48 SDK event types with the right payload_type", () => {
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(48);
    expect(new Set(WEBHOOK_EVENT_TYPES).size).toBe(48);
    for (const type of WEBHOOK_EVENT_TYPES) {
      const event = sampleEvent(type);
      expect(event.type).toBe(type);
      expect(event.business_id).toBe("bus_simulator");
      expect(Number.isNaN(Date.parse(event.timestamp))).toBe(false);
      const family = type.slice(0, type.indexOf("."));
      const expected = type === "credit.balance_low" ? "CreditBalanceLow" : PAYLOAD_TYPES[family];
      expect(event.data.payload_type, type).toBe(expected);
    }
  });

  it("makes state fields agree with the event", () => {
    expect(sampleEvent("payment.failed").data.status).toBe("failed");
    expect(sampleEvent("dispute.won").data.dispute_status).toBe("dispute_won");
    expect(sampleEvent("subscription.cancelled").data.status).toBe("cancelled");
    expect(sampleEvent("subscription.on_hold").data.status).toBe("on_hold");
    expect(sampleEvent("payout.success").data.status).toBe("success");
    expect(sampleEvent("refund.failed").data.status).toBe("failed");
    expect(sampleEvent("entitlement_grant.revoked").data.status).toBe("Revoked");
    expect(sampleEvent("credit.deducted").data.transaction_type).toBe("credit_deducted");
  });

  it("applies overrides and is typed per event", () => {
    const e = sampleEvent("payment.succeeded", {
      business_id: "bus_x",
      timestamp: "2025-01-02T03:04:05.000Z",
      data: { total_amount: 1, metadata: { order: "1" } },
    });
    expect(e).toMatchObject({ business_id: "bus_x", timestamp: "2025-01-02T03:04:05.000Z" });
    expect(e.data).toMatchObject({
      total_amount: 1,
      metadata: { order: "1" },
      payload_type: "Payment",
    });
    expectTypeOf(e).toEqualTypeOf<WebhookEnvelope<"payment.succeeded">>();
    expectTypeOf(e.data.payment_id).toEqualTypeOf<string>();
    expectTypeOf(sampleWebhookPayload("license_key.created").data.key).toEqualTypeOf<string>();
    expectTypeOf<(typeof WEBHOOK_EVENT_TYPES)[number]>().toEqualTypeOf<WebhookEventType>();
    expect(() => sampleEvent("nope" as WebhookEventType)).toThrow(/Unknown/);
  });
});

describe("signWebhook (core's, re-exported)", () => {
  it("produces headers that standardwebhooks and the SDK verify", async () => {
    const webhookKey = generateWebhookKey();
    for (const type of WEBHOOK_EVENT_TYPES) {
      const body = JSON.stringify(sampleEvent(type));
      const headers = await signWebhook({ body, webhookKey });
      expect(headers["webhook-id"]).toMatch(/^msg_/);
      expect(headers["webhook-signature"]).toMatch(/^v1,/);
      expect(new Webhook(webhookKey).verify(body, { ...headers })).toEqual(JSON.parse(body));
      const client = new DodoPayments({
        bearerToken: "x",
        webhookKey,
        baseURL: "http://127.0.0.1:1",
      });
      expect(client.webhooks.unwrap(body, { headers: { ...headers } }).type).toBe(type);
    }
  });

  it("honours a given id and timestamp, and signs as the simulator's own deliveries do", async () => {
    const webhookKey = generateWebhookKey();
    const a = await signWebhook({
      body: "{}",
      webhookKey,
      id: "msg_fixed",
      timestamp: 1_700_000_000,
    });
    expect(a["webhook-timestamp"]).toBe("1700000000");
    expect(a["webhook-signature"]).toBe(
      new Webhook(webhookKey).sign("msg_fixed", new Date(1_700_000_000_000), "{}"),
    );
    // signedSampleWebhook signs synchronously with the simulator's signer: the same signature.
    const sample = signedSampleWebhook("payment.succeeded", {
      webhookKey,
      id: "msg_same",
      timestamp: 1_700_000_000,
    });
    const again = await signWebhook({
      body: sample.body,
      webhookKey,
      id: "msg_same",
      timestamp: 1_700_000_000,
    });
    expect(again["webhook-signature"]).toBe(sample.headers["webhook-signature"]);
    await expect(signWebhook({ body: "{}", webhookKey: "not a key!" })).rejects.toThrow(/whsec_/);
  });
});
