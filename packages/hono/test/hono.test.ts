import {
  generateWebhookKey,
  recordingLogger,
  type SampleWebhookFormat,
  type Simulator,
  signedSampleWebhook,
  startSimulator,
  type WebhookEventType,
} from "@dodopayments/simulator";
import { Hono } from "hono";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Checkout, CustomerPortal, type Logger, Webhooks } from "../src/index";

const DODO_NAMES = [
  "DODO_PAYMENTS_API_KEY",
  "DODO_PAYMENTS_BASE_URL",
  "DODO_PAYMENTS_ENVIRONMENT",
  "DODO_PAYMENTS_RETURN_URL",
  "DODO_PAYMENTS_WEBHOOK_KEY",
  "DODO_PAYMENTS_WEBHOOK_SECRET",
];

type Bindings = {
  DODO_PAYMENTS_API_KEY: string;
  DODO_PAYMENTS_BASE_URL: string;
  DODO_PAYMENTS_ENVIRONMENT: string;
  DODO_PAYMENTS_RETURN_URL: string;
  DODO_PAYMENTS_WEBHOOK_KEY: string;
};
type AppEnv = { Bindings: Bindings; Variables: { customerId: string | undefined } };

// A RecordingLogger is a Logger: the handlers log into `lines` instead of the console.
const silent = (): Logger => recordingLogger();

let sim: Simulator;
let bindings: Bindings;

beforeAll(async () => {
  // Prove that nothing is read from process.env: the settings only exist as bindings.
  for (const name of DODO_NAMES) delete process.env[name];
  sim = await startSimulator({ port: 0 });
  bindings = {
    DODO_PAYMENTS_API_KEY: sim.apiKey,
    DODO_PAYMENTS_BASE_URL: sim.url,
    DODO_PAYMENTS_ENVIRONMENT: "test_mode",
    DODO_PAYMENTS_RETURN_URL: "https://shop.example/thanks",
    DODO_PAYMENTS_WEBHOOK_KEY: sim.webhookKey,
  };
});
afterAll(() => sim.close());

/** `app.request`'s RequestInit: a sample event of `type`, signed (default: the bindings' key). */
function signed(
  type: WebhookEventType,
  format: SampleWebhookFormat = "compact",
  webhookKey = sim.webhookKey,
): RequestInit {
  const { body, headers } = signedSampleWebhook(type, { webhookKey, format });
  return { method: "POST", headers, body };
}

describe("env bindings (c.env)", () => {
  it("static checkout reads the API key and base URL from c.env", async () => {
    const app = new Hono<AppEnv>();
    app.get("/api/checkout", Checkout({ type: "static" }));
    const response = await app.request("/api/checkout?productId=pdt_demo_onetime", {}, bindings);
    expect(response.status).toBe(200);
    const { checkout_url } = (await response.json()) as { checkout_url: string };
    expect(checkout_url.startsWith(`${sim.url}/buy/pdt_demo_onetime`)).toBe(true);
    expect(new URL(checkout_url).searchParams.get("redirect_url")).toBe(
      bindings.DODO_PAYMENTS_RETURN_URL,
    );
  });

  it("answers 500 'server misconfigured' without bindings or process.env", async () => {
    const logger = silent();
    const app = new Hono();
    app.get("/api/checkout", Checkout({ type: "static", logger }));
    const response = await app.request("/api/checkout?productId=pdt_demo_onetime");
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/misconfigured/i);
  });

  it("an explicit env option wins over the bindings", async () => {
    const app = new Hono<AppEnv>();
    app.get(
      "/api/checkout",
      Checkout({
        type: "static",
        env: (c) => ({ ...c?.env, DODO_PAYMENTS_API_KEY: "" }),
        logger: silent(),
      }),
    );
    const response = await app.request("/api/checkout?productId=pdt_demo_onetime", {}, bindings);
    expect(response.status).toBe(500);
  });

  it("a POST session checkout works with bindings", async () => {
    const app = new Hono<AppEnv>();
    app.post("/api/checkout", Checkout({ type: "session" }));
    const response = await app.request(
      "/api/checkout",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] }),
      },
      bindings,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty("checkout_url");
  });
});

describe("CustomerPortal", () => {
  it("hands the Hono context to getCustomerId", async () => {
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      c.set("customerId", c.req.header("x-user") === "demo" ? "cus_demo" : undefined);
      await next();
    });
    const seen: unknown[] = [];
    app.get(
      "/api/customer-portal",
      CustomerPortal<AppEnv>({
        getCustomerId: (request, c) => {
          seen.push(request, c);
          return c?.get("customerId");
        },
      }),
    );
    const ok = await app.request(
      "/api/customer-portal",
      { headers: { "x-user": "demo" } },
      bindings,
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(seen[1]).toHaveProperty("req");

    const anonymous = await app.request("/api/customer-portal", {}, bindings);
    expect(anonymous.status).toBe(401);
  });
});

describe("Webhooks", () => {
  let received: string[];
  beforeEach(() => {
    received = [];
  });
  const handlers = {
    onPayload: async (payload: { type: string }) => {
      received.push(payload.type);
    },
  };

  it("verifies with the key from c.env", async () => {
    const app = new Hono<AppEnv>();
    app.post("/api/webhook", Webhooks(handlers));
    const response = await app.request("/api/webhook", signed("payment.succeeded"), bindings);
    expect(response.status).toBe(200);
    expect(received).toEqual(["payment.succeeded"]);
  });

  it("answers 401 for a wrong signature and 405 for GET", async () => {
    const app = new Hono<AppEnv>();
    app.on(["GET", "POST"], "/api/webhook", Webhooks(handlers));
    const wrong = await app.request(
      "/api/webhook",
      signed("payment.succeeded", "compact", generateWebhookKey()),
      bindings,
    );
    expect(wrong.status).toBe(401);
    const get = await app.request("/api/webhook", {}, bindings);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(received).toEqual([]);
  });

  // Pretty-printed: any re-serialization would change the bytes and fail verification.
  const pretty = () => signed("subscription.active", "pretty");

  it("verifies the exact bytes after a middleware read c.req.json()", async () => {
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      await c.req.json();
      await next();
    });
    app.post("/api/webhook", Webhooks(handlers));
    const response = await app.request("/api/webhook", pretty(), bindings);
    expect(response.status).toBe(200);
    expect(received).toEqual(["subscription.active"]);
  });

  it("verifies the exact bytes after a middleware read c.req.text()", async () => {
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      await c.req.text();
      await next();
    });
    app.post("/api/webhook", Webhooks(handlers));
    const response = await app.request("/api/webhook", pretty(), bindings);
    expect(response.status).toBe(200);
  });

  it("when only a parsed object is cached (older Hono), verifies its compact form and fails closed", async () => {
    const logger = recordingLogger();
    const app = new Hono<AppEnv>();
    // What `c.req.json()` leaves behind in Hono releases that cache the parsed object.
    app.use(async (c, next) => {
      const parsed = c.req.raw.json();
      (c.req.bodyCache as Record<string, unknown>).json = parsed;
      await parsed;
      await next();
    });
    app.post("/api/webhook", Webhooks({ ...handlers, logger }));
    const compact = signed("payment.succeeded");
    expect((await app.request("/api/webhook", compact, bindings)).status).toBe(200);
    expect((await app.request("/api/webhook", pretty(), bindings)).status).toBe(401);
    expect(logger.lines).toEqual([expect.stringMatching(/^warn: .*compact re-serialization/)]);
    expect(received).toEqual(["payment.succeeded"]);
  });

  it("refuses a body over maxBodyBytes with 413", async () => {
    const app = new Hono<AppEnv>();
    app.post("/api/webhook", Webhooks({ ...handlers, maxBodyBytes: 100 }));
    const response = await app.request("/api/webhook", pretty(), bindings);
    expect(response.status).toBe(413);
  });
});
