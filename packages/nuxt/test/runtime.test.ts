// The module's server runtime, mounted in a real h3 v1 app on a node:http server (what Nitro 2
// runs in Nuxt 3 and 4) and talking to the simulator. `useRuntimeConfig` comes from Nitro's
// `#imports`, which only exists inside a Nuxt build: vitest.config.ts aliases it to
// test/stubs/imports.ts so these tests control the runtime config.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  recordingLogger,
  type Simulator,
  signWebhook,
  startSimulator,
} from "@dodopayments/simulator";
import {
  type App,
  createApp,
  createRouter,
  defineEventHandler,
  getCookie,
  type H3Event,
  toNodeListener,
} from "h3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runtimeConfig, runtimeConfigCalls, useRuntimeConfig } from "#imports";
import {
  Checkout,
  CustomerPortal,
  checkoutHandler,
  customerPortalHandler,
  type WebhookPayload,
  Webhooks,
} from "../src/runtime/server/index";

const silent = { warn() {}, error() {} };
const sessions: Record<string, string> = { s1: "cus_demo" };
/** A session lookup written once at module scope, as the README recommends. */
const customerFromSession = (_request: Request, event: H3Event | undefined) =>
  (event && sessions[getCookie(event, "session") ?? ""]) || null;

const received: Array<{ type: string; webhookId: string; rawBody: string }> = [];
const onPayload = async (
  payload: WebhookPayload,
  context: { webhookId: string; rawBody: string },
) => {
  received.push({ type: payload.type, webhookId: context.webhookId, rawBody: context.rawBody });
};

let sim: Simulator;
let server: Server;
let origin: string;

function buildApp(): App {
  const app = createApp();
  const router = createRouter();
  // The documented route files: the factory runs inside defineEventHandler, on every request.
  router.get(
    "/api/checkout",
    defineEventHandler((event) => {
      const {
        private: { bearerToken, environment, returnUrl },
      } = useRuntimeConfig();
      const handler = checkoutHandler({
        bearerToken: bearerToken,
        environment: environment,
        returnUrl: returnUrl,
        logger: silent,
      });
      return handler(event);
    }),
  );
  router.post(
    "/api/checkout",
    defineEventHandler((event) => {
      const {
        private: { bearerToken, environment, returnUrl },
      } = useRuntimeConfig();
      const handler = checkoutHandler({
        bearerToken: bearerToken,
        environment: environment,
        returnUrl: returnUrl,
        type: "dynamic",
        logger: silent,
      });
      return handler(event);
    }),
  );
  // The module-scope form: no options at all, everything from runtimeConfig.
  router.post("/api/checkout-session", defineEventHandler(Checkout({ type: "session" })));
  router.get(
    "/api/customer-portal",
    defineEventHandler((event) => {
      const {
        private: { bearerToken, environment },
      } = useRuntimeConfig();
      const handler = customerPortalHandler({
        bearerToken,
        environment: environment,
        logger: silent,
      });
      return handler(event);
    }),
  );
  router.get(
    "/api/customer-portal/me",
    defineEventHandler((event) =>
      CustomerPortal({ getCustomerId: customerFromSession, logger: silent })(event),
    ),
  );
  router.use(
    "/api/webhook",
    defineEventHandler((event) => {
      const {
        private: { webhookKey },
      } = useRuntimeConfig();
      const handler = Webhooks({ webhookKey: webhookKey, onPayload, logger: silent });
      return handler(event);
    }),
  );
  // Module-scope handlers: the webhook key comes from runtimeConfig only.
  router.use("/api/webhook-runtime-config", defineEventHandler(Webhooks({ onPayload })));
  router.use("/api/webhook-small", defineEventHandler(Webhooks({ maxBodyBytes: 64, onPayload })));
  app.use(router);
  return app;
}

beforeAll(async () => {
  for (const name of Object.keys(process.env)) {
    if (name.startsWith("DODO_PAYMENTS_")) delete process.env[name];
  }
  sim = await startSimulator({ port: 0 });
  server = createServer(toNodeListener(buildApp()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await sim.close();
});

beforeEach(() => {
  // What nuxt.config's runtimeConfig.private holds at run time (NUXT_PRIVATE_* overrides).
  runtimeConfig.private = {
    bearerToken: sim.apiKey,
    webhookKey: sim.webhookKey,
    environment: "test_mode",
    returnUrl: "https://shop.example/thanks",
    baseURL: sim.url,
  };
  runtimeConfigCalls.length = 0;
  received.length = 0;
});

const productLookups = () =>
  sim.requests.filter(
    (request) => request.method === "GET" && request.path.startsWith("/products/"),
  ).length;

describe("checkout", () => {
  it("answers a static checkout link, with the base URL and return URL from runtimeConfig", async () => {
    const response = await fetch(`${origin}/api/checkout?productId=pdt_demo_onetime&quantity=2`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { checkout_url: string };
    const url = new URL(body.checkout_url);
    expect(url.origin).toBe(sim.url);
    expect(url.pathname).toBe("/buy/pdt_demo_onetime");
    expect(url.searchParams.get("quantity")).toBe("2");
    expect(url.searchParams.get("redirect_url")).toBe("https://shop.example/thanks");
    // The runtime config is read with the event, as Nitro's useRuntimeConfig(event) expects.
    expect(runtimeConfigCalls.some((event) => event !== undefined)).toBe(true);
  });

  it("answers 400 problem+json for a missing productId", async () => {
    const response = await fetch(`${origin}/api/checkout`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("creates a dynamic payment link from a POST body", async () => {
    const response = await fetch(`${origin}/api/checkout`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
        customer: { email: "ada@example.com", name: "Ada" },
        billing: { country: "US", city: "Austin", state: "TX", street: "1 Main", zipcode: "78701" },
        payment_link: true,
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { checkout_url: string };
    expect(body.checkout_url.startsWith(sim.url)).toBe(true);
  });

  it("creates a checkout session with every setting from runtimeConfig", async () => {
    const response = await fetch(`${origin}/api/checkout-session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        product_cart: [{ product_id: "pdt_demo_subscription", quantity: 1 }],
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { checkout_url: string };
    expect(body.checkout_url.startsWith(`${sim.url}/session/`)).toBe(true);
  });

  it("answers 400 for invalid JSON and 405 with Allow for a wrong method", async () => {
    const invalid = await fetch(`${origin}/api/checkout-session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(invalid.status).toBe(400);
    const handler = checkoutHandler({ type: "session" });
    const app = createApp().use("/", defineEventHandler(handler));
    const local = createServer(toNodeListener(app));
    await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(local.address() as AddressInfo).port}/`);
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });

  it("answers 500 'server misconfigured' when no API key is configured anywhere", async () => {
    runtimeConfig.private = { baseURL: sim.url };
    const logger = recordingLogger();
    const handler = checkoutHandler({ environment: "test_mode", logger, maxRetries: 0 });
    const app = createApp().use("/", defineEventHandler(handler));
    const local = createServer(toNodeListener(app));
    await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
    try {
      const port = (local.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/?productId=pdt_demo_onetime`);
      expect(response.status).toBe(500);
      expect(((await response.json()) as { title: string }).title).toBe("Server misconfigured");
      // The reason goes to the server log only.
      expect(logger.lines).toEqual([expect.stringMatching(/^error: .*DODO_PAYMENTS_API_KEY/)]);
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });
});

describe("customer portal", () => {
  it("redirects (302) to the portal for the documented ?customer_id= form", async () => {
    const response = await fetch(`${origin}/api/customer-portal?customer_id=cus_demo`, {
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")?.startsWith(sim.url)).toBe(true);
  });

  it("answers { portal_url } when JSON is asked for", async () => {
    const response = await fetch(`${origin}/api/customer-portal?customer_id=cus_demo`, {
      headers: { accept: "application/json" },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { portal_url: string }).portal_url).toContain(sim.url);
  });

  it("resolves the customer from an h3 cookie session with getCustomerId(request, event)", async () => {
    const signedIn = await fetch(`${origin}/api/customer-portal/me?customer_id=cus_other`, {
      headers: { cookie: "session=s1" },
      redirect: "manual",
    });
    expect(signedIn.status).toBe(302);
    const anonymous = await fetch(`${origin}/api/customer-portal/me`, { redirect: "manual" });
    expect(anonymous.status).toBe(401);
  });
});

describe("webhooks", () => {
  // Pretty-printed, with unicode escapes and a number format JSON.stringify would not produce.
  const prettyBody = (type: string) =>
    `{\n  "business_id": "bus_simulator",\n  "type": "${type}",\n  "timestamp": "2025-01-01T00:00:00Z",\n  "data": {\n    "payload_type": "Payment",\n    "payment_id": "pay_\\u0031",\n    "total_amount": 1.50,\n    "note": "caf\\u00e9 \u20ac"\n  }\n}\n`;

  it("verifies the exact bytes and calls the handlers", async () => {
    const body = prettyBody("payment.succeeded");
    const headers = await signWebhook({ body, webhookKey: sim.webhookKey, id: "msg_exact" });
    const response = await fetch(`${origin}/api/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    expect(response.status).toBe(200);
    expect(received).toEqual([
      { type: "payment.succeeded", webhookId: "msg_exact", rawBody: body },
    ]);
  });

  it("answers 401 for a body that differs by one byte from what was signed", async () => {
    const body = prettyBody("payment.succeeded");
    const headers = await signWebhook({ body, webhookKey: sim.webhookKey });
    const response = await fetch(`${origin}/api/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: body.replace("1.50", "1.5"),
    });
    expect(response.status).toBe(401);
    expect(received).toEqual([]);
  });

  it("accepts a delivery from the simulator with the key from runtimeConfig only", async () => {
    sim.setWebhookUrl(`${origin}/api/webhook-runtime-config`);
    const delivery = await sim.trigger("subscription.active");
    expect(delivery.attempts[0]?.status).toBe(200);
    expect(received.map((event) => event.type)).toEqual(["subscription.active"]);
  });

  it("answers 405 with Allow: POST for GET", async () => {
    const response = await fetch(`${origin}/api/webhook`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("answers 413 for a declared oversize body without reading it", async () => {
    const body = "x".repeat(200);
    const headers = await signWebhook({ body, webhookKey: sim.webhookKey });
    const response = await fetch(`${origin}/api/webhook-small`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    expect(response.status).toBe(413);
  });

  it("answers 413 for an oversize chunked body and keeps serving", async () => {
    const signed = await signWebhook({ body: "", webhookKey: sim.webhookKey });
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${origin}/api/webhook-small`,
        {
          method: "POST",
          headers: {
            "transfer-encoding": "chunked",
            ...signed,
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on("error", reject);
      let sent = 0;
      const timer = setInterval(() => {
        request.write(Buffer.alloc(50, 0x61));
        if (++sent === 6) {
          clearInterval(timer);
          request.end();
        }
      }, 5);
    });
    expect(status).toBe(413);
    const after = await fetch(`${origin}/api/webhook`);
    expect(after.status).toBe(405);
  });

  it("answers 500 when no webhook key is configured", async () => {
    runtimeConfig.private = {};
    const logger = recordingLogger();
    const handler = Webhooks({ logger, maxBodyBytes: 1000 });
    const app = createApp().use("/", defineEventHandler(handler));
    const local = createServer(toNodeListener(app));
    await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
    try {
      const port = (local.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "{}" });
      expect(response.status).toBe(500);
      expect(logger.lines).toEqual([expect.stringMatching(/^error: No webhook key/)]);
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });
});

describe("memoization of the per-request factory calls", () => {
  it("gives back the same handler for equal configs, and a new one otherwise", () => {
    const config = { bearerToken: "k1", environment: "test_mode", returnUrl: undefined };
    const first = checkoutHandler(config);
    expect(checkoutHandler({ ...config })).toBe(first);
    expect(Checkout({ environment: "test_mode", bearerToken: "k1" })).toBe(first);
    expect(checkoutHandler({ ...config, bearerToken: "k2" })).not.toBe(first);
    expect(checkoutHandler({ ...config, type: "session" })).not.toBe(first);
    // Each factory has its own memo.
    expect(customerPortalHandler(config)).not.toBe(first);
    expect(customerPortalHandler(config)).toBe(customerPortalHandler({ ...config }));
    // Inline hooks are new functions on every call: a new handler, as it must be.
    expect(Webhooks({ onPayload: async () => {} })).not.toBe(
      Webhooks({ onPayload: async () => {} }),
    );
    expect(Webhooks({ onPayload })).toBe(Webhooks({ onPayload }));
  });

  it("keeps one product cache across requests to a documented route", async () => {
    const before = productLookups();
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${origin}/api/checkout?productId=pdt_demo_subscription`);
      expect(response.status).toBe(200);
    }
    expect(productLookups() - before).toBeLessThanOrEqual(1);
  });
});
