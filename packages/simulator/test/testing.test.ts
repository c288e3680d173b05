import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  adapterOptions,
  generateWebhookKey,
  type RecordingLogger,
  recordingLogger,
  type SampleWebhookFormat,
  type SignedWebhookHeaders,
  type Simulator,
  signedSampleWebhook,
  startSimulator,
  type WebhookEnvelope,
} from "../src/index.js";

/** The logger shape every @dodopayments adapter accepts (core's `Logger`, restated here). */
interface AdapterLogger {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

describe("adapterOptions", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it("points an adapter at the simulator: its API key, its URL, test mode", async () => {
    const options = adapterOptions(sim);
    expect(options).toEqual({
      bearerToken: sim.apiKey,
      baseURL: sim.url,
      environment: "test_mode",
    });
    // What an adapter's session checkout then does: POST /checkouts with the bearer token.
    const session = await fetch(new URL("/checkouts", options.baseURL), {
      method: "POST",
      headers: {
        authorization: `Bearer ${options.bearerToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] }),
    });
    expect(session.status).toBe(200);
    expect(sim.requests.at(-1)).toMatchObject({ method: "POST", path: "/checkouts" });
  });
});

describe("signedSampleWebhook", () => {
  const webhookKey = generateWebhookKey();

  it("signs a compact sample event that standardwebhooks verifies", () => {
    const { event, body, headers } = signedSampleWebhook("payment.succeeded", { webhookKey });
    expectTypeOf(event).toEqualTypeOf<WebhookEnvelope<"payment.succeeded">>();
    expect(event.type).toBe("payment.succeeded");
    expect(body).toBe(JSON.stringify(event));
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["webhook-id"]).toMatch(/^msg_/);
    expect(headers["webhook-signature"]).toMatch(/^v1,/);
    expect(new Webhook(webhookKey).verify(body, headers)).toEqual(event);
    // Another key does not verify it.
    expect(() => new Webhook(generateWebhookKey()).verify(body, headers)).toThrow();
  });

  it("writes the pretty body with two-space indentation, and signs those bytes", () => {
    const pretty = signedSampleWebhook("subscription.active", { webhookKey, format: "pretty" });
    expect(pretty.body).toBe(JSON.stringify(pretty.event, null, 2));
    expect(pretty.body).toContain('\n  "type": "subscription.active"');
    expect(new Webhook(webhookKey).verify(pretty.body, pretty.headers)).toEqual(pretty.event);
    // The compact form of the same event is other bytes: the pretty signature does not cover it.
    expect(() =>
      new Webhook(webhookKey).verify(JSON.stringify(pretty.event), pretty.headers),
    ).toThrow();
  });

  it("signs what a format function writes", () => {
    const fourSpaces: SampleWebhookFormat<"refund.succeeded"> = (sample) =>
      `${JSON.stringify(sample, null, 4)}\n`;
    const { event, body, headers } = signedSampleWebhook("refund.succeeded", {
      webhookKey,
      format: fourSpaces,
    });
    expect(body).toBe(`${JSON.stringify(event, null, 4)}\n`);
    expect(new Webhook(webhookKey).verify(body, headers)).toEqual(event);
  });

  it("applies overrides to the event, and the given id and timestamp to the headers", () => {
    const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const { event, body, headers } = signedSampleWebhook("payment.succeeded", {
      webhookKey,
      id: "msg_fixed",
      timestamp: signedAt,
      overrides: {
        business_id: "bus_test",
        timestamp: "2025-01-01T00:00:00Z",
        data: { total_amount: 4200, currency: "EUR" },
      },
    });
    expect(event.business_id).toBe("bus_test");
    expect(event.timestamp).toBe("2025-01-01T00:00:00Z");
    expect(event.data.total_amount).toBe(4200);
    expect(event.data.currency).toBe("EUR");
    expect(event.data.payment_id).toMatch(/^pay_/);
    expect(JSON.parse(body)).toEqual(event);
    expect(headers["webhook-id"]).toBe("msg_fixed");
    expect(headers["webhook-timestamp"]).toBe(String(signedAt.getTime() / 1000));
    expect(new Webhook(webhookKey).verify(body, headers)).toEqual(event);
    const asSeconds = signedSampleWebhook("payment.succeeded", {
      webhookKey,
      id: "msg_fixed",
      timestamp: signedAt.getTime() / 1000,
    });
    expect(asSeconds.headers["webhook-timestamp"]).toBe(headers["webhook-timestamp"]);
  });

  it("gives every call a fresh event and message id", () => {
    const a = signedSampleWebhook("payment.succeeded", { webhookKey });
    const b = signedSampleWebhook("payment.succeeded", { webhookKey });
    expect(a.event.data.payment_id).not.toBe(b.event.data.payment_id);
    expect(a.headers["webhook-id"]).not.toBe(b.headers["webhook-id"]);
  });

  it("headers are a plain record that fetch and Request accept as they are", () => {
    const { body, headers } = signedSampleWebhook("payment.succeeded", { webhookKey });
    expectTypeOf(headers).toEqualTypeOf<SignedWebhookHeaders>();
    expectTypeOf(headers).toExtend<Record<string, string>>();
    const request = new Request("http://localhost/api/webhook", { method: "POST", headers, body });
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.headers.get("webhook-id")).toBe(headers["webhook-id"]);
  });

  it("refuses a key that is not a Standard Webhooks secret, and an unknown event type", () => {
    expect(() => signedSampleWebhook("payment.succeeded", { webhookKey: "secret" })).toThrow(
      /whsec_/,
    );
    // @ts-expect-error: not an event type
    expect(() => signedSampleWebhook("payment.maybe", { webhookKey })).toThrow(/Unknown/);
  });
});

describe("recordingLogger", () => {
  it("records warnings and errors in order, with the error passed", () => {
    const logger = recordingLogger();
    expect(logger.lines).toEqual([]);
    logger.warn("first");
    logger.error("second");
    logger.error("third", new TypeError("boom"));
    logger.error("fourth", "plain");
    expect(logger.lines).toEqual([
      "warn: first",
      "error: second",
      "error: third (TypeError: boom)",
      "error: fourth (plain)",
    ]);
  });

  it("fits the adapters' logger option, methods detached too", () => {
    const logger = recordingLogger();
    expectTypeOf(logger).toExtend<AdapterLogger>();
    const adapterLogger: AdapterLogger = logger;
    const { warn } = adapterLogger;
    warn("detached");
    expect(logger.lines).toEqual(["warn: detached"]);
  });

  it("gives each logger its own lines", () => {
    const a: RecordingLogger = recordingLogger();
    const b = recordingLogger();
    a.warn("only a");
    expect(a.lines).toEqual(["warn: only a"]);
    expect(b.lines).toEqual([]);
  });
});
