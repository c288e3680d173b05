import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import {
  handlerNameFor,
  signWebhook,
  verifyWebhook,
  WEBHOOK_EVENT_TYPES,
  type WebhookContext,
  type WebhookEventHandlers,
  WebhookKeyError,
  type WebhookPayload,
  type WebhookRequestParts,
  WebhookVerificationError,
  webhookHandler,
  webhookProcessor,
} from "../src/internal";
import {
  paymentEvent,
  recordingLogger,
  referenceSign,
  webhookKey,
  webhookRequest,
} from "./helpers";

const compact = JSON.stringify(paymentEvent());

// Bodies Dodo could send that a parse-and-reserialize verifier would break on.
const nonCanonicalBodies: Record<string, string> = {
  compact,
  "pretty-printed": JSON.stringify(paymentEvent(), null, 2),
  "trailing newline": `${compact}\n`,
  "escaped unicode": compact.replace('"Ada"', '"Ad\\u00e9le"'),
  "escaped slash": compact.replace('"bus_test"', '"bus\\/test"'),
  "float with zero fraction": compact.replace('"total_amount":2900', '"total_amount":2900.0'),
  "integer beyond 2^53": compact.replace('"total_amount":2900', '"total_amount":9007199254740993'),
  "reordered keys": JSON.stringify({
    data: paymentEvent().data,
    timestamp: paymentEvent().timestamp,
    type: "payment.succeeded",
    business_id: "bus_test",
  }),
  "CRLF and tabs": `{\r\n\t"business_id": "bus_test",\r\n\t"type": "payment.succeeded",\r\n\t"timestamp": "2026-11-22T10:00:00Z",\r\n\t"data": {"payload_type": "Payment", "payment_id": "pay_1"}\r\n}`,
};

function handlerWith(handlers: Partial<Parameters<typeof webhookHandler>[0]> = {}) {
  const logger = recordingLogger();
  const handler = webhookHandler({ webhookKey, logger, ...handlers });
  return { handler, logger };
}

describe("webhook handler: genuine events", () => {
  for (const [name, body] of Object.entries(nonCanonicalBodies)) {
    it(`accepts a signed ${name} body and passes the exact bytes`, async () => {
      const onPayload = vi.fn();
      const { handler } = handlerWith({ onPayload });
      const headers = referenceSign(body);
      const response = await handler(webhookRequest(body, headers));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("");
      expect(onPayload).toHaveBeenCalledTimes(1);
      const [payload, context] = onPayload.mock.calls[0] as [WebhookPayload, WebhookContext];
      expect(payload.type).toBe("payment.succeeded");
      expect(context.rawBody).toBe(body);
      expect(context.webhookId).toBe(headers["webhook-id"]);
      expect(context.timestamp).toBe(Number(headers["webhook-timestamp"]));
    });
  }

  it("accepts a rotated multi-signature header when any v1 signature matches", async () => {
    const { handler } = handlerWith();
    const headers = referenceSign(compact);
    const other = referenceSign(compact, {
      key: `whsec_${Buffer.alloc(32, 7).toString("base64")}`,
      id: headers["webhook-id"],
      timestamp: Number(headers["webhook-timestamp"]),
    });
    headers["webhook-signature"] =
      `v1a,ZmFrZQ== ${other["webhook-signature"]} v2,abc ${headers["webhook-signature"]}`;
    expect((await handler(webhookRequest(compact, headers))).status).toBe(200);
  });

  it("accepts a key given without the whsec_ prefix, as the reference library does", async () => {
    const handler = webhookHandler({ webhookKey: webhookKey.slice(6), logger: recordingLogger() });
    expect((await handler(webhookRequest(compact, referenceSign(compact)))).status).toBe(200);
  });

  it("verifies bytes that are not valid UTF-8 exactly as received", async () => {
    const [before, after] = compact.split("Ada");
    const enc = new TextEncoder();
    const bytes = new Uint8Array([...enc.encode(`${before}Ad`), 0xff, ...enc.encode(after)]);
    const headers = await signWebhook({ body: bytes, webhookKey });
    const { handler } = handlerWith();
    // Re-encoding the decoded text would turn 0xff into U+FFFD and break the signature.
    expect((await handler(webhookRequest(bytes, headers))).status).toBe(200);
  });
});

describe("webhook handler: refusals", () => {
  it("refuses a wrong key with 401 and a generic body", async () => {
    const { handler } = handlerWith();
    const headers = referenceSign(compact, {
      key: `whsec_${Buffer.alloc(32, 1).toString("base64")}`,
    });
    const response = await handler(webhookRequest(compact, headers));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const text = await response.text();
    expect(text).not.toContain(webhookKey.slice(6, 20));
    expect(JSON.parse(text)).toMatchObject({ status: 401, title: "Invalid webhook signature" });
  });

  it.each(["webhook-id", "webhook-timestamp", "webhook-signature"])(
    "refuses a missing %s header with 401",
    async (name) => {
      const { handler } = handlerWith();
      const headers = referenceSign(compact);
      delete headers[name];
      expect((await handler(webhookRequest(compact, headers))).status).toBe(401);
    },
  );

  it.each([
    ["expired", -301],
    ["future", 301],
  ])("refuses an %s timestamp outside the 5-minute window", async (_name, offset) => {
    const { handler } = handlerWith();
    const headers = referenceSign(compact, { timestamp: Math.floor(Date.now() / 1000) + offset });
    expect((await handler(webhookRequest(compact, headers))).status).toBe(401);
  });

  it("accepts timestamps inside the window and honours a configured tolerance", async () => {
    const now = Math.floor(Date.now() / 1000);
    const { handler } = handlerWith();
    expect(
      (await handler(webhookRequest(compact, referenceSign(compact, { timestamp: now - 290 }))))
        .status,
    ).toBe(200);
    const strict = webhookHandler({ webhookKey, toleranceSeconds: 10, logger: recordingLogger() });
    expect(
      (await strict(webhookRequest(compact, referenceSign(compact, { timestamp: now - 60 }))))
        .status,
    ).toBe(401);
  });

  it("refuses an unsigned body, a signature without version, and a non-numeric timestamp", async () => {
    const { handler } = handlerWith();
    const headers = referenceSign(compact);
    expect(
      (
        await handler(
          webhookRequest(compact, {
            ...headers,
            "webhook-signature": headers["webhook-signature"]!.slice(3),
          }),
        )
      ).status,
    ).toBe(401);
    expect(
      (await handler(webhookRequest(compact, { ...headers, "webhook-timestamp": "soon" }))).status,
    ).toBe(401);
    expect((await handler(webhookRequest(compact, {}))).status).toBe(401);
  });

  it("answers 405 with Allow for other methods", async () => {
    const { handler } = handlerWith();
    const response = await handler(new Request("http://127.0.0.1/api/webhook", { method: "GET" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("answers 413 for a body over the limit, by Content-Length or by streaming", async () => {
    const { handler } = handlerWith({ maxBodyBytes: 1024 });
    const big = JSON.stringify(paymentEvent({ padding: "x".repeat(2048) }));
    expect((await handler(webhookRequest(big, referenceSign(big)))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(512));
        controller.close();
      },
    });
    const streamed = new Request("http://127.0.0.1/api/webhook", {
      method: "POST",
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await handler(streamed)).status).toBe(413);
  });

  it("answers 400 for a verified body that is not an event envelope", async () => {
    const { handler } = handlerWith();
    for (const body of ['{"type":"payment.succeeded"}', "not json", "[1,2]"]) {
      const response = await handler(webhookRequest(body, referenceSign(body)));
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("answers 401, not 400, for an unsigned body that is not JSON", async () => {
    const { handler } = handlerWith();
    expect((await handler(webhookRequest("not json", {}))).status).toBe(401);
  });

  it("answers 500 (server misconfigured) for a key that is not a whsec_ secret", async () => {
    const logger = recordingLogger();
    const handler = webhookHandler({ webhookKey: "my webhook secret!", logger });
    const response = await handler(webhookRequest(compact, referenceSign(compact)));
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("Server misconfigured");
    expect(logger.lines.join("\n")).not.toContain("my webhook secret");
  });
});

describe("webhook handler: dispatch", () => {
  it("runs onPayload, then the handler for the type, in order, and waits for both", async () => {
    const calls: string[] = [];
    const { handler } = handlerWith({
      onPayload: async () => {
        await new Promise((r) => setTimeout(r, 5));
        calls.push("onPayload");
      },
      onPaymentSucceeded: async (payload) => {
        calls.push(`onPaymentSucceeded:${payload.data.payment_id}`);
      },
      onPaymentFailed: () => void calls.push("wrong handler"),
    });
    expect((await handler(webhookRequest(compact, referenceSign(compact)))).status).toBe(200);
    expect(calls).toEqual(["onPayload", "onPaymentSucceeded:pay_123"]);
  });

  it("has a handler for every SDK event type, each receiving its own event", async () => {
    const received: string[] = [];
    const handlers: Record<string, (payload: WebhookPayload) => void> = {};
    for (const type of WEBHOOK_EVENT_TYPES)
      handlers[handlerNameFor(type)] = (payload) =>
        void received.push(`${handlerNameFor(type)}:${payload.type}`);
    const handler = webhookHandler({
      webhookKey,
      logger: recordingLogger(),
      ...(handlers as WebhookEventHandlers),
    });
    for (const type of WEBHOOK_EVENT_TYPES) {
      const body = JSON.stringify({
        business_id: "bus_1",
        type,
        timestamp: new Date().toISOString(),
        data: { payload_type: "X" },
      });
      expect((await handler(webhookRequest(body, referenceSign(body)))).status).toBe(200);
    }
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(48);
    expect(received).toEqual(WEBHOOK_EVENT_TYPES.map((t) => `${handlerNameFor(t)}:${t}`));
    expect(handlerNameFor("license_key.created")).toBe("onLicenseKeyCreated");
    expect(handlerNameFor("subscription.update_payment_method")).toBe(
      "onSubscriptionUpdatePaymentMethod",
    );
  });

  it("acknowledges an unknown future event type and gives it to onPayload and onUnknownEvent", async () => {
    const onPayload = vi.fn();
    const onUnknownEvent = vi.fn();
    const { handler } = handlerWith({ onPayload, onUnknownEvent });
    const body = JSON.stringify({
      business_id: "b",
      type: "invoice.finalized",
      timestamp: "2026-01-01T00:00:00Z",
      data: { payload_type: "Invoice", new_field: null },
    });
    expect((await handler(webhookRequest(body, referenceSign(body)))).status).toBe(200);
    expect(onPayload).toHaveBeenCalledOnce();
    expect(onUnknownEvent.mock.calls[0]?.[0]).toMatchObject({
      type: "invoice.finalized",
      data: { new_field: null },
    });
  });

  it("keeps new and null fields in data", async () => {
    const onPayload = vi.fn();
    const { handler } = handlerWith({ onPayload });
    const body = JSON.stringify(
      paymentEvent({
        data: { payload_type: "Payment", payment_id: "p", brand_new: { x: 1 }, status: null },
      }),
    );
    expect((await handler(webhookRequest(body, referenceSign(body)))).status).toBe(200);
    expect(onPayload.mock.calls[0]?.[0].data).toEqual({
      payload_type: "Payment",
      payment_id: "p",
      brand_new: { x: 1 },
      status: null,
    });
  });

  it("answers 500 with a generic body when a handler throws, and reports the error", async () => {
    const onError = vi.fn();
    const { handler } = handlerWith({
      onError,
      onPaymentSucceeded: () => {
        throw new Error("database down: password=hunter2");
      },
    });
    const response = await handler(webhookRequest(compact, referenceSign(compact)));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("at ");
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      message: expect.stringContaining("database down"),
    });
  });

  it("logs a throwing handler when there is no onError", async () => {
    const { handler, logger } = handlerWith({ onPayload: () => Promise.reject(new Error("boom")) });
    expect((await handler(webhookRequest(compact, referenceSign(compact)))).status).toBe(500);
    expect(logger.lines.join("\n")).toContain("payment.succeeded threw");
  });
});

describe("webhook key from the environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reads the key lazily: creating the handler never throws, requests fail 500 until it is set", async () => {
    vi.stubEnv("DODO_PAYMENTS_WEBHOOK_KEY", "");
    vi.stubEnv("DODO_PAYMENTS_WEBHOOK_SECRET", "");
    const logger = recordingLogger();
    const handler = webhookHandler({ logger });
    expect((await handler(webhookRequest(compact, referenceSign(compact)))).status).toBe(500);
    expect(logger.lines.join("\n")).toContain("DODO_PAYMENTS_WEBHOOK_KEY");
    vi.stubEnv("DODO_PAYMENTS_WEBHOOK_KEY", webhookKey);
    expect((await handler(webhookRequest(compact, referenceSign(compact)))).status).toBe(200);
  });

  it("accepts the documented alias DODO_PAYMENTS_WEBHOOK_SECRET", async () => {
    vi.stubEnv("DODO_PAYMENTS_WEBHOOK_KEY", "");
    vi.stubEnv("DODO_PAYMENTS_WEBHOOK_SECRET", webhookKey);
    const handler = webhookHandler({ logger: recordingLogger() });
    expect((await handler(webhookRequest(compact, referenceSign(compact)))).status).toBe(200);
  });

  it("prefers an explicit env source (framework env) over process.env", async () => {
    vi.stubEnv("DODO_PAYMENTS_WEBHOOK_KEY", `whsec_${Buffer.alloc(32, 9).toString("base64")}`);
    const handler = webhookHandler({
      logger: recordingLogger(),
      env: { DODO_PAYMENTS_WEBHOOK_KEY: webhookKey },
    });
    expect((await handler(webhookRequest(compact, referenceSign(compact)))).status).toBe(200);
  });
});

describe("verifyWebhook", () => {
  it("returns the typed event", async () => {
    const event = await verifyWebhook({
      body: compact,
      headers: referenceSign(compact),
      webhookKey,
    });
    expect(event.type).toBe("payment.succeeded");
    if (event.type === "payment.succeeded")
      expectTypeOf(event.data.payment_id).toEqualTypeOf<string>();
  });

  it("throws typed errors", async () => {
    await expect(verifyWebhook({ body: compact, headers: {}, webhookKey })).rejects.toMatchObject({
      name: "WebhookVerificationError",
      reason: "missing_headers",
    });
    await expect(
      verifyWebhook({ body: compact, headers: referenceSign(compact), webhookKey: "" }),
    ).rejects.toBeInstanceOf(WebhookKeyError);
    const headers = referenceSign(compact, { timestamp: 1_000 });
    await expect(verifyWebhook({ body: compact, headers, webhookKey })).rejects.toMatchObject({
      reason: "timestamp_too_old",
    });
  });

  it("reads headers from a Node-style record with any case and array values", async () => {
    const headers = referenceSign(compact);
    const nodeHeaders = {
      "Webhook-Id": headers["webhook-id"],
      "webhook-timestamp": [headers["webhook-timestamp"]!],
      "WEBHOOK-SIGNATURE": headers["webhook-signature"],
    };
    expect((await verifyWebhook({ body: compact, headers: nodeHeaders, webhookKey })).type).toBe(
      "payment.succeeded",
    );
  });

  it("signWebhook produces headers the reference library accepts", async () => {
    const headers = await signWebhook({
      body: compact,
      webhookKey,
      id: "msg_1",
      timestamp: Math.floor(Date.now() / 1000),
    });
    expect(new Webhook(webhookKey).verify(compact, headers)).toMatchObject({
      type: "payment.succeeded",
    });
  });
});

describe("agreement with the standardwebhooks reference library", () => {
  const now = Math.floor(Date.now() / 1000);
  const otherKey = `whsec_${Buffer.alloc(24, 3).toString("base64")}`;
  const base = referenceSign(compact, { id: "msg_ref", timestamp: now });
  const cases: Array<[string, string, Record<string, string>, string]> = [
    ["valid", compact, base, webhookKey],
    ["valid, unprefixed key", compact, base, webhookKey.slice(6)],
    ["wrong key", compact, base, otherKey],
    ["body changed", `${compact} `, base, webhookKey],
    ["id changed", compact, { ...base, "webhook-id": "msg_other" }, webhookKey],
    ["timestamp changed", compact, { ...base, "webhook-timestamp": String(now + 1) }, webhookKey],
    ["too old", compact, referenceSign(compact, { timestamp: now - 400 }), webhookKey],
    ["too new", compact, referenceSign(compact, { timestamp: now + 400 }), webhookKey],
    ["missing id", compact, { ...base, "webhook-id": "" }, webhookKey],
    ["missing signature", compact, { ...base, "webhook-signature": "" }, webhookKey],
    [
      "v1a only",
      compact,
      { ...base, "webhook-signature": base["webhook-signature"]!.replace("v1,", "v1a,") },
      webhookKey,
    ],
    [
      "several signatures",
      compact,
      { ...base, "webhook-signature": `v1,AAAA ${base["webhook-signature"]}` },
      webhookKey,
    ],
    [
      "truncated signature",
      compact,
      { ...base, "webhook-signature": base["webhook-signature"]!.slice(0, -2) },
      webhookKey,
    ],
    ["non-numeric timestamp", compact, { ...base, "webhook-timestamp": "abc" }, webhookKey],
  ];
  for (const [name, body, headers, key] of cases) {
    it(`agrees on: ${name}`, async () => {
      let reference = true;
      try {
        new Webhook(key).verify(body, headers);
      } catch {
        reference = false;
      }
      let ours = true;
      try {
        await verifyWebhook({ body, headers, webhookKey: key });
      } catch (error) {
        expect(error).toBeInstanceOf(WebhookVerificationError);
        ours = false;
      }
      expect(ours).toBe(reference);
    });
  }
});

describe("property: any change to body, id or timestamp is refused", () => {
  it("answers 401 for every tampered message", async () => {
    const { handler } = handlerWith();
    const now = Math.floor(Date.now() / 1000);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ body: fc.json(), id: fc.stringMatching(/^msg_[A-Za-z0-9]{1,20}$/) }),
        fc.constantFrom("body", "id", "timestamp"),
        fc.string({ minLength: 1, maxLength: 5 }),
        async ({ body, id }, field, noise) => {
          const headers = referenceSign(body, { id, timestamp: now });
          let tamperedBody = body;
          if (field === "body") tamperedBody = body + noise;
          if (field === "id") headers["webhook-id"] = id + noise.replace(/\s/g, "x");
          if (field === "timestamp") headers["webhook-timestamp"] = String(now - 1 - noise.length);
          const response = await handler(webhookRequest(tamperedBody, headers));
          expect(response.status).toBe(401);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("handler context and setup errors", () => {
  it("gives handlers the framework context the adapter passed", async () => {
    const seen: unknown[] = [];
    const handler = webhookHandler<{ env: { DB: string } }>({
      webhookKey,
      logger: recordingLogger(),
      onPaymentSucceeded: (_payload, { context }) => void seen.push(context?.env.DB),
    });
    const response = await handler(webhookRequest(compact, referenceSign(compact)), {
      env: { DB: "d1" },
    });
    expect(response.status).toBe(200);
    expect(seen).toEqual(["d1"]);
  });

  it("answers 500 and says why in the log when the body was read before the handler", async () => {
    const { handler, logger } = handlerWith();
    const request = webhookRequest(compact, referenceSign(compact));
    await request.text();
    const response = await handler(request);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("middleware");
    expect(logger.lines.join("\n")).toContain("already read before the Dodo Payments handler ran");
  });
});

describe("webhook processor (the path Node adapters take)", () => {
  const parts = (
    body: string,
    headers: Record<string, string>,
    toRequest: WebhookRequestParts["toRequest"] = () => {
      throw new Error("no request needed");
    },
  ): WebhookRequestParts => ({ method: "POST", headers, readBody: () => body, toRequest });

  it("answers synchronously when the body is in memory and the handlers are synchronous", () => {
    const seen: string[] = [];
    const processor = webhookProcessor({
      webhookKey,
      logger: recordingLogger(),
      onPayload: (payload) => void seen.push(payload.type),
    });
    const result = processor(parts(compact, referenceSign(compact)));
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toMatchObject({ status: 200, body: "" });
    expect(seen).toEqual(["payment.succeeded"]);
    const refused = processor(parts(compact, referenceSign(`${compact} `)));
    expect(refused).toMatchObject({ status: 401 });
  });

  it("waits for a handler's thenable, not only for native promises", async () => {
    const calls: string[] = [];
    const later = (name: string): PromiseLike<void> => ({
      // biome-ignore lint/suspicious/noThenProperty: a hand-written thenable is what this tests
      then(resolve) {
        setTimeout(() => {
          calls.push(name);
          resolve?.(undefined);
        }, 5);
        return Promise.resolve() as never;
      },
    });
    const processor = webhookProcessor({
      webhookKey,
      logger: recordingLogger(),
      onPayload: () => later("onPayload"),
      onPaymentSucceeded: () => later("onPaymentSucceeded"),
    });
    const result = processor(parts(compact, referenceSign(compact)));
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toMatchObject({ status: 200 });
    expect(calls).toEqual(["onPayload", "onPaymentSucceeded"]);
  });

  it("builds context.request only when a handler reads it, from the bytes that were verified", async () => {
    const toRequest = vi.fn(
      (body: Uint8Array | string) =>
        new Request("http://localhost/webhook", { method: "POST", body: body as BodyInit }),
    );
    const texts: string[] = [];
    const processor = webhookProcessor({
      webhookKey,
      logger: recordingLogger(),
      onPaymentSucceeded: async (_payload, context) => {
        expect(context.request).toBe(context.request);
        texts.push(await context.request.text());
      },
    });
    await processor(parts(compact, referenceSign(compact), toRequest));
    expect(texts).toEqual([compact]);
    expect(toRequest).toHaveBeenCalledOnce();
    await webhookProcessor({ webhookKey, logger: recordingLogger() })(
      parts(compact, referenceSign(compact), toRequest),
    );
    expect(toRequest).toHaveBeenCalledOnce();
  });

  it("gives a fresh readable request once a handler has read the body", async () => {
    const reads: string[] = [];
    const processor = webhookProcessor({
      webhookKey,
      logger: recordingLogger(),
      onPayload: async (_payload, context) => {
        reads.push(new TextDecoder().decode(await context.request.arrayBuffer()));
      },
      onPaymentSucceeded: async (_payload, context) => {
        reads.push(await context.request.text());
      },
    });
    const toRequest = (body: Uint8Array | string) =>
      new Request("http://localhost/webhook", { method: "POST", body: body as BodyInit });
    expect(await processor(parts(compact, referenceSign(compact), toRequest))).toMatchObject({
      status: 200,
    });
    expect(reads).toEqual([compact, compact]);
  });

  it("gives handlers a context whose own properties are plain data", async () => {
    // `request` is a getter on the prototype, not on each context: an object literal with its own
    // getter gets a hidden class per delivery, which cost a quarter of Express's throughput.
    let context: WebhookContext | undefined;
    const processor = webhookProcessor({
      webhookKey,
      logger: recordingLogger(),
      onPayload: (_payload, received) => {
        context = received;
      },
    });
    await processor(parts(compact, referenceSign(compact)));
    expect(Object.getOwnPropertyDescriptor(context, "request")).toBeUndefined();
    expect({ ...context }).toEqual({
      webhookId: expect.any(String),
      timestamp: expect.any(Number),
      rawBody: compact,
      context: undefined,
    });
  });

  it("still answers 500 and logs when onError itself throws", async () => {
    const logger = recordingLogger();
    const processor = webhookProcessor({
      webhookKey,
      logger,
      onPaymentSucceeded: () => {
        throw new Error("handler failed");
      },
      onError: () => {
        throw new Error("reporter failed");
      },
    });
    expect(await processor(parts(compact, referenceSign(compact)))).toMatchObject({ status: 500 });
    expect(logger.lines.join("\n")).toContain("onError threw");
  });
});
