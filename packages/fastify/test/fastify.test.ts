// Fastify-specific behaviour the shared conformance suite does not cover.
import {
  adapterOptions,
  generateWebhookKey,
  recordingLogger,
  type SignedSampleWebhook,
  signedSampleWebhook,
  startSimulator,
} from "@dodopayments/simulator";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import dodopayments, {
  Checkout,
  CustomerPortal,
  dodopaymentsPlugin,
  type WebhookContext,
  Webhooks,
} from "../src/index";

const webhookKey = generateWebhookKey();

// The API behind the checkout and portal routes of the "against the simulator" tests.
const sim = await startSimulator({ port: 0 });
afterAll(() => sim.close());

const apps: FastifyInstance[] = [];
function newApp(): FastifyInstance {
  const app = Fastify();
  apps.push(app);
  return app;
}
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** A payment.succeeded sample signed with `webhookKey`, written compact or pretty. */
const sample = (format: "compact" | "pretty") =>
  signedSampleWebhook("payment.succeeded", { webhookKey, format });

/** Injects a signed delivery into the app, as Dodo Payments would POST it. */
function webhook(app: FastifyInstance, { body, headers }: SignedSampleWebhook) {
  return app.inject({ method: "POST", url: "/api/webhooks", headers, payload: body });
}

describe("route handlers", () => {
  it("Checkout() returns { getHandler, postHandler } route handlers", () => {
    const checkout = Checkout({ type: "session" });
    expect(Object.keys(checkout).sort()).toEqual(["getHandler", "postHandler"]);
    expect(typeof checkout.getHandler).toBe("function");
    expect(typeof checkout.postHandler).toBe("function");
    expect(typeof CustomerPortal({})).toBe("function");
    expect(typeof Webhooks({ webhookKey })).toBe("function");
  });

  it("with Fastify's default JSON parser: compact JSON verifies, pretty JSON is refused, one log line", async () => {
    const logger = recordingLogger();
    const seen: WebhookContext[] = [];
    const app = newApp();
    app.post(
      "/api/webhooks",
      Webhooks({
        webhookKey,
        logger,
        onPaymentSucceeded: async (_payload, context) => {
          seen.push(context);
        },
      }),
    );
    expect((await webhook(app, sample("compact"))).statusCode).toBe(200);
    expect((await webhook(app, sample("compact"))).statusCode).toBe(200);
    expect((await webhook(app, sample("pretty"))).statusCode).toBe(401);
    expect(seen).toHaveLength(2);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warn: .*dodopayments plugin/);
  });

  it("with the docs' global raw (string) JSON parser, verifies the exact bytes", async () => {
    const logger = recordingLogger();
    const seen: WebhookContext[] = [];
    const fastify = newApp();
    fastify.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
      done(null, body);
    });
    fastify.post(
      "/api/webhooks",
      Webhooks({
        webhookKey,
        logger,
        onPayload: async (_payload, context) => {
          seen.push(context);
        },
      }),
    );
    const pretty = sample("pretty");
    const response = await webhook(fastify, pretty);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("");
    expect(seen[0]?.rawBody).toBe(pretty.body);
    expect(logger.lines).toEqual([]);
  });

  it("writes the core response through reply: status, headers and body", async () => {
    const app = newApp();
    app.post("/api/webhooks", Webhooks({ webhookKey, logger: recordingLogger() }));
    const response = await app.inject({
      method: "POST",
      url: "/api/webhooks",
      headers: { "content-type": "application/json" },
      payload: sample("compact").body,
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ status: 401 });
  });

  it("a throwing handler answers 500 and the app keeps serving", async () => {
    const logger = recordingLogger();
    const app = newApp();
    app.post(
      "/api/webhooks",
      Webhooks({
        webhookKey,
        logger,
        onPayload: () => {
          throw new Error("boom");
        },
      }),
    );
    app.get("/health", async () => "ok");
    const response = await webhook(app, sample("compact"));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain("boom");
    // Fastify's default JSON parser ran first: a warning about it, then the handler's error.
    expect(logger.lines).toContainEqual(expect.stringMatching(/^error: .*\(Error: boom\)$/));
    expect((await app.inject("/health")).body).toBe("ok");
  });
});

describe("dodopaymentsPlugin", () => {
  it("is the default export", () => {
    expect(dodopayments).toBe(dodopaymentsPlugin);
  });

  it("stays encapsulated: the app keeps its JSON parser, the plugin's webhook verifies exact bytes", async () => {
    const logger = recordingLogger();
    const seen: WebhookContext[] = [];
    const app = newApp();
    app.post("/echo", async (request) => ({
      type: typeof request.body,
      isBuffer: Buffer.isBuffer(request.body),
      body: request.body,
    }));
    await app.register(dodopaymentsPlugin, {
      prefix: "/api",
      webhooks: {
        webhookKey,
        logger,
        onPaymentSucceeded: async (_payload, context) => {
          seen.push(context);
        },
      },
    });
    app.post("/echo-after", async (request) => ({ type: typeof request.body }));

    const pretty = sample("pretty");
    const response = await webhook(app, pretty);
    expect(response.statusCode).toBe(200);
    expect(seen[0]?.rawBody).toBe(pretty.body);
    expect(logger.lines).toEqual([]);

    for (const url of ["/echo", "/echo-after"]) {
      const echo = await app.inject({ method: "POST", url, payload: { hello: "world" } });
      expect(echo.json()).toMatchObject({ type: "object" });
    }
    expect(
      (await app.inject({ method: "POST", url: "/echo", payload: { hello: "world" } })).json(),
    ).toEqual({ type: "object", isBuffer: false, body: { hello: "world" } });
  });

  it("serves the documented default paths under the prefix; other methods on the webhook get 405", async () => {
    const app = newApp();
    await app.register(dodopaymentsPlugin, {
      prefix: "/pay",
      checkout: [{ type: "static" }, { type: "dynamic" }, { type: "session" }],
      customerPortal: {},
      webhooks: { webhookKey, logger: recordingLogger() },
    });
    await app.ready();
    expect(app.hasRoute({ method: "GET", url: "/pay/checkout" })).toBe(true);
    expect(app.hasRoute({ method: "POST", url: "/pay/checkout" })).toBe(true);
    expect(app.hasRoute({ method: "POST", url: "/pay/checkout-session" })).toBe(true);
    expect(app.hasRoute({ method: "GET", url: "/pay/checkout-session" })).toBe(false);
    expect(app.hasRoute({ method: "GET", url: "/pay/customer-portal" })).toBe(true);
    expect(app.hasRoute({ method: "POST", url: "/pay/webhooks" })).toBe(true);
    const get = await app.inject("/pay/webhooks");
    expect(get.statusCode).toBe(405);
    expect(get.headers.allow).toBe("POST");
  });

  it("an unknown checkout type fails at registration with core's message", async () => {
    const app = newApp();
    // @ts-expect-error: not a checkout type
    app.register(dodopaymentsPlugin, { checkout: { type: "subscription" } });
    await expect(app.ready()).rejects.toThrow(/unknown type/);
  });

  describe("against the simulator", () => {
    const config = () => ({ ...adapterOptions(sim), maxRetries: 0, logger: recordingLogger() });
    const sessionBody = { product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] };

    it("checkout routes work inside the plugin (raw bytes) and with the default parser (object)", async () => {
      const app = newApp();
      await app.register(dodopaymentsPlugin, {
        prefix: "/api",
        checkout: { ...config(), type: "session" },
      });
      app.post("/outside/checkout-session", Checkout({ ...config(), type: "session" }).postHandler);
      for (const url of ["/api/checkout-session", "/outside/checkout-session"]) {
        const response = await app.inject({
          method: "POST",
          url,
          headers: { "content-type": "application/json" },
          payload: JSON.stringify(sessionBody, null, 2),
        });
        expect(response.statusCode).toBe(200);
        expect(response.json<{ checkout_url: string }>().checkout_url).toContain("/session/");
      }
    });

    it("the documented Checkout().getHandler / postHandler snippet works", async () => {
      const fastify = newApp();
      const checkoutGet = Checkout({ ...config(), type: "static" });
      const checkoutPost = Checkout({ ...config(), type: "dynamic" });
      fastify.get("/api/checkout", checkoutGet.getHandler);
      fastify.post("/api/checkout", checkoutPost.postHandler);
      const get = await fastify.inject("/api/checkout?productId=pdt_demo_onetime");
      expect(get.statusCode).toBe(200);
      expect(get.json<{ checkout_url: string }>().checkout_url).toContain("/buy/pdt_demo_onetime");
      const post = await fastify.inject({
        method: "POST",
        url: "/api/checkout",
        payload: {
          product_id: "pdt_demo_onetime",
          quantity: 1,
          billing: { city: "A", country: "US", state: "TX", street: "1 St", zipcode: "1" },
          customer: { email: "a@example.com", name: "A" },
        },
      });
      expect(post.statusCode).toBe(200);
      expect((await fastify.inject("/api/checkout")).statusCode).toBe(400);
    });

    it("hands the Fastify request to hooks as their context, and redirects via Location", async () => {
      const contexts: FastifyRequest[] = [];
      const app = newApp();
      await app.register(dodopaymentsPlugin, {
        prefix: "/api",
        customerPortal: {
          ...config(),
          getCustomerId: (request, context) => {
            if (context) contexts.push(context);
            expect(new URL(request.url).pathname).toBe("/api/customer-portal");
            return context?.headers["x-customer"] === "demo" ? "cus_demo" : null;
          },
        },
      });
      const response = await app.inject({
        url: "/api/customer-portal",
        headers: { "x-customer": "demo" },
      });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location?.startsWith(sim.url)).toBe(true);
      expect(contexts[0]?.routeOptions.url).toBe("/api/customer-portal");
      expect((await app.inject("/api/customer-portal")).statusCode).toBe(401);
    });
  });
});
