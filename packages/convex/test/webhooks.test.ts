// The webhook HTTP action, fetched through convex-test's HTTP router (not a deployed backend):
// the example's convex/http.ts, and a router with a handler for every event type.

import { handlerNameFor } from "@dodopayments/core/webhooks";
import {
  WEBHOOK_EVENT_TYPES as SIMULATED_TYPES,
  type Simulator,
  signedSampleWebhook,
  signWebhook,
} from "@dodopayments/simulator";
import { httpRouter } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDodoWebhookHandler,
  type DodoActionCtx,
  type DodoWebhookHandlerConfig,
  WEBHOOK_EVENT_TYPES,
  type WebhookDelivery,
} from "../src/client/index";
import { exampleApp, startDodo } from "./example-app";

let sim: Simulator;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ sim, stop } = await startDodo());
});
afterAll(() => stop());

const post = (t: ReturnType<typeof exampleApp>, body: string, headers: Record<string, string>) =>
  t.fetch("/dodopayments-webhook", { method: "POST", headers, body });

describe("the example's convex/http.ts (under convex-test, not a deployed backend)", () => {
  it("a signed payment.succeeded is verified and handled with (ctx, payload): the payment is stored", async () => {
    const t = exampleApp();
    const { event, body, headers } = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
      format: "pretty",
    });
    const response = await post(t, body, headers);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    const stored = await t.run(async (ctx) => ({
      payments: await ctx.db.query("payments").collect(),
      events: await ctx.db.query("webhookEvents").collect(),
    }));
    expect(stored.payments).toEqual([
      expect.objectContaining({
        paymentId: event.data.payment_id,
        amount: event.data.total_amount,
        customerEmail: event.data.customer.email,
      }),
    ]);
    expect(stored.events).toEqual([
      expect.objectContaining({ webhookId: headers["webhook-id"], type: "payment.succeeded" }),
    ]);
  });

  it("a redelivery of the same webhook id is recorded once", async () => {
    const t = exampleApp();
    const { body, headers } = signedSampleWebhook("subscription.active", {
      webhookKey: sim.webhookKey,
    });
    expect((await post(t, body, headers)).status).toBe(200);
    expect((await post(t, body, headers)).status).toBe(200);
    const events = await t.run((ctx) => ctx.db.query("webhookEvents").collect());
    expect(events.map((e) => e.webhookId)).toEqual([headers["webhook-id"]]);
  });

  it("tampered, unsigned, stale or wrongly keyed deliveries are a 401 and change nothing", async () => {
    const t = exampleApp();
    const { body, headers } = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
    });
    const { "webhook-signature": _signature, ...unsigned } = headers;
    const stale = await signWebhook({
      body,
      webhookKey: sim.webhookKey,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    const otherKey = signedSampleWebhook("payment.succeeded", {
      webhookKey: `whsec_${btoa("k".repeat(32))}`,
    });
    for (const [sentBody, sentHeaders] of [
      [body.replace('"total_amount":', '"total_amount":1'), headers],
      [body, unsigned],
      [body, { ...headers, ...stale }],
      [otherKey.body, otherKey.headers],
    ] as const) {
      const response = await post(t, sentBody, sentHeaders);
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
    const stored = await t.run(async (ctx) => ctx.db.query("webhookEvents").collect());
    expect(stored).toEqual([]);
  });

  it("without a webhook secret in the environment it is a 500 'Server misconfigured'", async () => {
    const secret = process.env.DODO_PAYMENTS_WEBHOOK_SECRET;
    delete process.env.DODO_PAYMENTS_WEBHOOK_SECRET;
    try {
      // A fresh handler: the secret is read on its first delivery and then kept.
      const http = httpRouter();
      http.route({
        path: "/dodopayments-webhook",
        method: "POST",
        handler: createDodoWebhookHandler({ logger: { warn() {}, error() {} } }),
      });
      const t = exampleApp(routerModules(http));
      const { body, headers } = signedSampleWebhook("payment.succeeded", {
        webhookKey: sim.webhookKey,
      });
      const response = await post(t, body, headers);
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ title: "Server misconfigured" });
    } finally {
      process.env.DODO_PAYMENTS_WEBHOOK_SECRET = secret;
    }
  });
});

/** convex-test modules for an app whose only module is this router (and an empty `_generated`). */
function routerModules(http: ReturnType<typeof httpRouter>) {
  return {
    "./convex/_generated/api.js": () => import("../../../examples/convex/convex/_generated/api.js"),
    "./convex/http.ts": async () => ({ default: http }),
  };
}

describe("every event type (under convex-test, not a deployed backend)", () => {
  type Seen = { handler: string; type: string; webhookId: string; ctxFirst: boolean };
  const seen: Seen[] = [];
  const record =
    (handler: string) =>
    async (ctx: DodoActionCtx, payload: { type: string }, delivery: WebhookDelivery) => {
      seen.push({
        handler,
        type: payload.type,
        webhookId: delivery.webhookId,
        ctxFirst: typeof ctx.runMutation === "function" && typeof ctx.auth === "object",
      });
      if ((payload as { business_id?: string }).business_id === "bus_throw") {
        throw new Error("handler failure requested by the test");
      }
    };
  const errors: string[] = [];
  const config: DodoWebhookHandlerConfig = {
    onPayload: record("onPayload"),
    onUnknownEvent: record("onUnknownEvent"),
    onError: (error) => errors.push(String(error)),
  };
  for (const type of WEBHOOK_EVENT_TYPES) {
    Object.assign(config, { [handlerNameFor(type)]: record(handlerNameFor(type)) });
  }
  const http = httpRouter();
  http.route({
    path: "/dodopayments-webhook",
    method: "POST",
    handler: createDodoWebhookHandler(config),
  });

  it("core's 48 event types are the simulator's, and each has a typed handler name", () => {
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(48);
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual([...SIMULATED_TYPES].sort());
    const names: Array<keyof DodoWebhookHandlerConfig> = WEBHOOK_EVENT_TYPES.map(handlerNameFor);
    expect(names).toContain("onLicenseKeyCreated");
  });

  it("each event reaches onPayload, then its own handler, with (ctx, payload, delivery)", async () => {
    const t = exampleApp(routerModules(http));
    for (const type of WEBHOOK_EVENT_TYPES) {
      const { body, headers } = signedSampleWebhook(type, { webhookKey: sim.webhookKey });
      seen.length = 0;
      const response = await post(t, body, headers);
      expect(response.status, type).toBe(200);
      const webhookId = headers["webhook-id"];
      expect(seen, type).toEqual([
        { handler: "onPayload", type, webhookId, ctxFirst: true },
        { handler: handlerNameFor(type), type, webhookId, ctxFirst: true },
      ]);
    }
  });

  it("an unknown event type is acknowledged and reaches onPayload and onUnknownEvent", async () => {
    const t = exampleApp(routerModules(http));
    const body = JSON.stringify({
      business_id: "bus_1",
      type: "invoice.future_event",
      timestamp: new Date().toISOString(),
      data: { payload_type: "Invoice" },
    });
    seen.length = 0;
    const response = await post(t, body, {
      "content-type": "application/json",
      ...(await signWebhook({ body, webhookKey: sim.webhookKey })),
    });
    expect(response.status).toBe(200);
    expect(seen.map((entry) => entry.handler)).toEqual(["onPayload", "onUnknownEvent"]);
  });

  it("a throwing handler is a 500 with a generic body, so Dodo retries; onError gets the error", async () => {
    const t = exampleApp(routerModules(http));
    const { body, headers } = signedSampleWebhook("refund.succeeded", {
      webhookKey: sim.webhookKey,
      overrides: { business_id: "bus_throw" },
    });
    const response = await post(t, body, headers);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("requested by the test");
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: "Webhook handler failed" });
    expect(errors).toEqual(["Error: handler failure requested by the test"]);
  });
});
