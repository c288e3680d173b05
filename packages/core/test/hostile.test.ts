// Input an attacker or a broken network sends. Whatever an unauthenticated sender controls must
// end in a 4xx: never a handler call, never a 5xx, never an error (with its stack) in the log.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { checkoutHandler } from "../src/checkout/handler";
import { webhookHandler, webhookProcessor } from "../src/internal";
import { runNodeWebhook } from "../src/node";
import { customerPortalHandler } from "../src/portal/handler";
import { paymentEvent, referenceSign, webhookKey, webhookRequest } from "./helpers";

const compact = JSON.stringify(paymentEvent());

/** Keeps every line, and whether an error object (with its stack) came with it. */
function strictLogger() {
  const errors: Array<{ message: string; error: unknown }> = [];
  return {
    errors,
    warn: () => {},
    error: (message: string, error?: unknown) => void errors.push({ message, error }),
  };
}

function deeplyNested(depth: number, open = "[", close = "]"): string {
  return `{"business_id":"b","type":"payment.succeeded","timestamp":"t","data":${open.repeat(depth)}${close.repeat(depth)}}`;
}

/** The value JSON.parse gives for `deeplyNested`, built without recursion. */
function deeplyNestedObject(depth: number): Record<string, unknown> {
  let data: unknown[] = [];
  for (let i = 1; i < depth; i++) data = [data];
  return { business_id: "b", type: "payment.succeeded", timestamp: "t", data };
}

const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode),
  maxLength: 120,
});

/** Webhook headers as a sender without the key can make them: missing, malformed or forged. */
const forgedHeaders = fc.record(
  {
    "webhook-id": fc.oneof(headerValue, fc.constant("msg_1")),
    "webhook-timestamp": fc.oneof(
      headerValue,
      fc.constant(String(Math.floor(Date.now() / 1000))),
      fc.integer().map(String),
    ),
    "webhook-signature": fc.oneof(
      headerValue,
      fc
        .uint8Array({ minLength: 32, maxLength: 32 })
        .map((b) => `v1,${Buffer.from(b).toString("base64")}`),
      fc.array(headerValue, { maxLength: 4 }).map((parts) => parts.join(", ")),
    ),
  },
  { requiredKeys: [] },
);

/** Bodies: garbage bytes (invalid UTF-8 included), any JSON, deep nesting, huge numbers. */
const garbageBody = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.string({ maxLength: 2048 }),
  fc.json({ maxDepth: 8 }),
  fc.integer({ min: 1, max: 60_000 }).map((depth) => deeplyNested(depth)),
  fc.integer({ min: 1, max: 30_000 }).map((depth) => deeplyNested(depth, '{"a":', "}")),
  fc.integer({ min: 1, max: 5_000 }).map((digits) => compact.replace("2900", "9".repeat(digits))),
  fc.constant(compact),
);

describe("property: unsigned garbage never reaches a handler, a 5xx or an error log", () => {
  it("on the fetch handler (Next.js, Hono, Astro, Nuxt, Workers, ...)", async () => {
    const handlerCalls = vi.fn();
    const logger = strictLogger();
    const handler = webhookHandler({
      webhookKey,
      logger,
      onPayload: handlerCalls,
      onPaymentSucceeded: handlerCalls,
    });
    await fc.assert(
      fc.asyncProperty(garbageBody, forgedHeaders, async (body, headers) => {
        const response = await handler(webhookRequest(body, headers));
        expect([401, 413]).toContain(response.status);
        expect(await response.text()).not.toMatch(/\bat .+:\d+:\d+/);
      }),
      { numRuns: 300 },
    );
    expect(handlerCalls).not.toHaveBeenCalled();
    expect(logger.errors).toEqual([]);
  });

  it("on the Node path, behind a body parser that left only a parsed object", async () => {
    const handlerCalls = vi.fn();
    const logger = strictLogger();
    const processor = webhookProcessor({
      webhookKey,
      logger,
      onPayload: handlerCalls,
      onPaymentSucceeded: handlerCalls,
    });
    const parsedBody = fc.oneof(
      fc.jsonValue({ maxDepth: 6 }).filter((value) => typeof value === "object" && value !== null),
      fc.integer({ min: 1, max: 100_000 }).map(deeplyNestedObject),
    );
    await fc.assert(
      fc.property(parsedBody, forgedHeaders, (body, headers) => {
        const result = runNodeWebhook(
          processor,
          {
            method: "POST",
            url: "http://127.0.0.1/api/webhook",
            headers,
            parsed: () => ({ body }),
          },
          undefined,
        );
        expect(result).not.toBeInstanceOf(Promise);
        expect([401, 413]).toContain((result as { status: number }).status);
      }),
      { numRuns: 300 },
    );
    expect(handlerCalls).not.toHaveBeenCalled();
    expect(logger.errors).toEqual([]);
  });

  it("a parsed object nested 5,000 levels deep with a forged signature is 401, not a stack overflow", () => {
    const logger = strictLogger();
    const processor = webhookProcessor({ webhookKey, logger });
    const headers = {
      "webhook-id": "msg_deep",
      "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
      "webhook-signature": `v1,${randomBytes(32).toString("base64")}`,
    };
    const result = runNodeWebhook(
      processor,
      {
        method: "POST",
        url: "http://127.0.0.1/api/webhook",
        headers,
        parsed: () => ({ body: deeplyNestedObject(5_000) }),
      },
      undefined,
    );
    expect(result).toMatchObject({ status: 401 });
    expect(logger.errors).toEqual([]);
  });
});

describe("webhook keys and signature headers as real senders give them", () => {
  it("accepts a key without base64 `=` padding, as the reference library and the SDK do", async () => {
    const raw = randomBytes(32); // 44 base64 characters, the last one `=`
    const padded = `whsec_${raw.toString("base64")}`;
    expect(padded.endsWith("=")).toBe(true);
    const handler = webhookHandler({ webhookKey: padded.replace(/=+$/, "") });
    const headers = referenceSign(compact, { key: padded });
    expect((await handler(webhookRequest(compact, headers))).status).toBe(200);
  });

  it("still refuses a key that is not base64 at all", async () => {
    const logger = strictLogger();
    const handler = webhookHandler({ webhookKey: "whsec_abc$def", logger });
    const response = await handler(webhookRequest(compact, referenceSign(compact)));
    expect(response.status).toBe(500);
    expect(logger.errors.map((e) => e.message).join()).toContain("Webhook key rejected");
  });

  it("verifies two webhook-signature headers joined by Node (`, `) in either order", async () => {
    const handler = webhookHandler({ webhookKey });
    const headers = referenceSign(compact);
    const good = headers["webhook-signature"] as string;
    const bad = `v1,${randomBytes(32).toString("base64")}`;
    for (const joined of [`${good}, ${bad}`, `${bad}, ${good}`]) {
      const response = await handler(
        webhookRequest(compact, { ...headers, "webhook-signature": joined }),
      );
      expect(response.status, joined).toBe(200);
    }
    const processor = webhookProcessor({ webhookKey });
    for (const list of [
      [good, bad],
      [bad, good],
    ]) {
      const result = runNodeWebhook(
        processor,
        {
          method: "POST",
          url: "http://127.0.0.1/api/webhook",
          headers: { ...headers, "webhook-signature": list },
          parsed: () => ({ body: compact }),
        },
        undefined,
      );
      expect(result).toMatchObject({ status: 200 });
    }
    const forged = await handler(
      webhookRequest(compact, { ...headers, "webhook-signature": `${bad}, ${bad}` }),
    );
    expect(forged.status).toBe(401);
  });
});

describe("ids that end up in an API path", () => {
  const options = {
    bearerToken: "sk_test",
    environment: "test_mode" as const,
    baseURL: "http://127.0.0.1:9",
    logger: strictLogger(),
    fetch: vi.fn(async () => {
      throw new Error("no upstream call expected");
    }),
  };

  it("are validated as a safe path segment: 400 naming the field, no upstream call", async () => {
    const staticCheckout = checkoutHandler({ ...options, type: "static" });
    for (const productId of [".", "..", "a/b", "a?b", "a#b", "pdt%2e", "pdt 1", "pdt\u00e9"]) {
      const response = await staticCheckout(
        new Request(`http://app.test/api/checkout?productId=${encodeURIComponent(productId)}`),
      );
      expect(response.status, productId).toBe(400);
      const body = (await response.json()) as { errors: Array<{ field: string }> };
      expect(body.errors.map((e) => e.field)).toEqual(["productId"]);
    }
    const portal = customerPortalHandler(options);
    for (const customerId of [".", ".."]) {
      const response = await portal(
        new Request(`http://app.test/api/customer-portal?customer_id=${customerId}`),
      );
      expect(response.status, customerId).toBe(400);
    }
    const post = (type: "dynamic" | "session", body: unknown) =>
      checkoutHandler({ ...options, type })(
        new Request("http://app.test/api/checkout", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    const dynamic = await post("dynamic", {
      product_cart: [{ product_id: "..", quantity: 1 }],
      billing: { country: "US" },
      customer: { customer_id: "." },
    });
    expect(dynamic.status).toBe(400);
    const dynamicFields = ((await dynamic.json()) as { errors: Array<{ field: string }> }).errors;
    expect(dynamicFields.map((e) => e.field).sort()).toEqual([
      "customer.customer_id",
      "product_cart.0.product_id",
    ]);
    const session = await post("session", {
      product_cart: [
        { product_id: "pdt_1", quantity: 1, addons: [{ addon_id: "..", quantity: 1 }] },
      ],
    });
    expect(session.status).toBe(400);
    expect(options.fetch).not.toHaveBeenCalled();
    expect(options.logger.errors).toEqual([]);
  });

  it("with getCustomerId, the customer_id query is ignored rather than validated", async () => {
    const calls: string[] = [];
    const portal = customerPortalHandler({
      ...options,
      getCustomerId: () => "cus_signed_in",
      fetch: async (input: string | URL | Request) => {
        calls.push(new URL(input instanceof Request ? input.url : input).pathname);
        return Response.json({ link: "http://127.0.0.1:9/portal/x" });
      },
    });
    for (const query of ["customer_id=", `customer_id=${"c".repeat(201)}`, "customer_id=.."]) {
      const response = await portal(new Request(`http://app.test/api/customer-portal?${query}`));
      expect(response.status, query).toBe(302);
    }
    expect(calls).toEqual(Array(3).fill("/customers/cus_signed_in/customer-portal/session"));
  });

  it("a getCustomerId that returns something other than an id is a 500 for the app to fix", async () => {
    const logger = strictLogger();
    const portal = customerPortalHandler({ ...options, logger, getCustomerId: () => ".." });
    const response = await portal(new Request("http://app.test/api/customer-portal"));
    expect(response.status).toBe(500);
    expect(logger.errors).toHaveLength(1);
  });
});

describe("a server's own body limit", () => {
  it("is a 413 like ours when the server errors the body stream with status 413", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(Object.assign(new Error("Content-length exceeds limit"), { status: 413 }));
      },
    });
    const logger = strictLogger();
    const handler = webhookHandler({ webhookKey, logger });
    const response = await handler(
      new Request("http://127.0.0.1/api/webhook", {
        method: "POST",
        headers: referenceSign(compact),
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect(logger.errors).toEqual([]);
  });
});

describe("a refused upload on the fetch path", () => {
  /** A body that arrives like one from the network: 64 KiB chunks, each after `waitMs`. */
  function slowBody(chunks: number, waitMs: number) {
    const seen = { pulls: 0 };
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        seen.pulls++;
        if (seen.pulls > chunks) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    return { seen, body };
  }

  const post = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    webhookHandler({ webhookKey, logger: strictLogger() })(
      new Request("http://127.0.0.1/api/webhook", {
        method: "POST",
        headers: { ...referenceSign(compact), ...headers },
        body,
        duplex: "half",
      } as RequestInit),
    );

  it("an endless one is answered 413 with Connection: close, and not read after the answer", async () => {
    const { seen, body } = slowBody(Number.POSITIVE_INFINITY, 5);
    const response = await post(body);
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    const atAnswer = seen.pulls;
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A server that keeps the connection open anyway (Deno.serve) must not get it drained: at
    // most the read still pending and the stream's one chunk ahead arrive after the answer.
    expect(seen.pulls - atAnswer).toBeLessThanOrEqual(2);
  });

  it("a small declared one is answered 413 and read to its end, keeping the connection", async () => {
    const chunks = 48; // 3 MiB over 1.4 s or more: past the second spent before answering
    const { seen, body } = slowBody(chunks, 30);
    const response = await post(body, { "content-length": String(chunks * 64 * 1024) });
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBeNull();
    expect(seen.pulls).toBeLessThan(chunks);
    await vi.waitFor(() => expect(seen.pulls).toBe(chunks + 1), { timeout: 5_000 });
  });
});
