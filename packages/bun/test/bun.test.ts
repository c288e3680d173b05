// The handlers on the real Bun runtime: test/apps/routes.ts served by `Bun.serve({ routes })` in a
// `bun` process, talking to the simulator (in this process) over loopback.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  generateWebhookKey,
  type Simulator,
  signedSampleWebhook,
  startSimulator,
} from "@dodopayments/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Type only: importing the app itself would start its server here.
import type { Seen } from "./apps/routes";
import { appPath, type BunServer, startBunServer } from "./bun-process";

const RETURN_URL = "https://shop.example/thanks";

let sim: Simulator;
let app: BunServer;

const settings = (s: Simulator, returnUrl = RETURN_URL) => ({
  DODO_PAYMENTS_API_KEY: s.apiKey,
  DODO_PAYMENTS_BASE_URL: s.url,
  DODO_PAYMENTS_ENVIRONMENT: "test_mode",
  DODO_PAYMENTS_RETURN_URL: returnUrl,
  DODO_PAYMENTS_WEBHOOK_KEY: s.webhookKey,
});

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  app = await startBunServer(appPath("routes.ts"), { env: settings(sim) });
});
afterAll(async () => {
  await app?.stop();
  await sim?.close();
});

const url = (path: string) => `${app.url}${path}`;
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url(path), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

/** The response, and the simulator API calls made while it was answered ("METHOD /path"). */
async function withCalls(
  request: () => Promise<Response>,
): Promise<{ response: Response; calls: string[] }> {
  const before = sim.requests.length;
  const response = await request();
  return { response, calls: sim.requests.slice(before).map((r) => `${r.method} ${r.path}`) };
}

const seen = async () => (await (await fetch(url("/test/seen"))).json()) as Seen[];

const session = { product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] };
const dynamicBody = {
  product_id: "pdt_demo_onetime",
  quantity: 1,
  billing: { city: "Austin", country: "US", state: "Texas", street: "1 Main St", zipcode: "73301" },
  customer: { email: "ada@example.com", name: "Ada Lovelace" },
};

describe("Bun.serve routes: Checkout honours `type`", () => {
  it("static (and the default): GET answers a static link, with the return URL from the environment", async () => {
    for (const path of ["/checkout/static", "/checkout/default"]) {
      const response = await fetch(url(`${path}?productId=pdt_demo_onetime&quantity=2`));
      expect(response.status, path).toBe(200);
      const link = new URL(((await response.json()) as { checkout_url: string }).checkout_url);
      expect(`${link.origin}${link.pathname}`).toBe(`${sim.url}/buy/pdt_demo_onetime`);
      expect(link.searchParams.get("quantity")).toBe("2");
      expect(link.searchParams.get("redirect_url")).toBe(RETURN_URL);
    }
  });

  it("static: a POST is a 405 and creates nothing, whatever its body", async () => {
    for (const path of ["/checkout/static", "/checkout/default"]) {
      for (const body of [session, dynamicBody]) {
        const { response, calls } = await withCalls(() => postJson(path, body));
        expect(response.status, path).toBe(405);
        expect(response.headers.get("allow")).toBe("GET, HEAD");
        expect(calls).toEqual([]);
      }
    }
  });

  it("dynamic: a POST creates a payment link (POST /payments), not a checkout session", async () => {
    const { response, calls } = await withCalls(() => postJson("/checkout/dynamic", dynamicBody));
    expect(response.status).toBe(200);
    expect(calls).toContain("POST /payments");
    expect(calls).not.toContain("POST /checkouts");
    expect(sim.requests.findLast((r) => r.path === "/payments")?.body).toMatchObject({
      payment_link: true,
      return_url: RETURN_URL,
    });
  });

  it("dynamic: a checkout-session body is a 400, not a session; GET is a 405", async () => {
    const { response, calls } = await withCalls(() => postJson("/checkout/dynamic", session));
    expect(response.status).toBe(400);
    expect(calls).toEqual([]);
    const get = await fetch(url("/checkout/dynamic?productId=pdt_demo_onetime"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("session: a POST creates a checkout session; the hook gets Bun's request and server", async () => {
    const { response, calls } = await withCalls(() =>
      postJson("/checkout/session/main", session, { cookie: "session=demo" }),
    );
    expect(response.status).toBe(200);
    expect(calls).toEqual(["POST /checkouts"]);
    const { checkout_url } = (await response.json()) as { checkout_url: string };
    expect(checkout_url.startsWith(`${sim.url}/session/cks_`)).toBe(true);
    expect((await seen()).findLast((s) => s.hook === "beforeCheckout")).toEqual({
      hook: "beforeCheckout",
      contextIsServer: true,
      cookie: "demo",
      params: { shop: "main" },
    });
  });

  it("session: a payment-link body is a 400; GET is a 405", async () => {
    const { response, calls } = await withCalls(() =>
      postJson("/checkout/session/main", dynamicBody),
    );
    expect(response.status).toBe(400);
    expect(calls).toEqual([]);
    const get = await fetch(url("/checkout/session/main?productId=pdt_demo_onetime"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("a { GET, POST } route: GET static, POST session, HEAD from GET; Bun answers other methods 404", async () => {
    const get = await fetch(url("/api/checkout?productId=pdt_demo_onetime"));
    expect(get.status).toBe(200);
    const post = await postJson("/api/checkout", session);
    expect(post.status).toBe(200);
    expect(((await post.json()) as { checkout_url: string }).checkout_url).toContain("/session/");
    const head = await fetch(url("/api/checkout?productId=pdt_demo_onetime"), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const put = await fetch(url("/api/checkout"), { method: "PUT" });
    expect(put.status).toBe(404);
  });
});

describe("Bun.serve routes: customer portal", () => {
  it("the ?customer_id= form redirects to the portal", async () => {
    const response = await fetch(url("/api/customer-portal?customer_id=cus_demo"), {
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")?.startsWith(sim.url)).toBe(true);
  });

  it("getCustomerId reads the BunRequest's cookies and gets the server; the query cannot pick another customer", async () => {
    const { response, calls } = await withCalls(() =>
      fetch(url("/api/customer-portal/me?customer_id=cus_other"), {
        redirect: "manual",
        headers: { cookie: "session=demo" },
      }),
    );
    expect(response.status).toBe(302);
    expect(calls).toEqual(["POST /customers/cus_demo/customer-portal/session"]);
    expect((await seen()).findLast((s) => s.hook === "getCustomerId")).toEqual({
      hook: "getCustomerId",
      contextIsServer: true,
      cookie: "demo",
    });
    const signedOut = await fetch(url("/api/customer-portal/me"), { redirect: "manual" });
    expect(signedOut.status).toBe(401);
  });
});

describe("Bun.serve routes: webhooks", () => {
  it("verifies a signed body and hands the handlers the server and a readable request", async () => {
    const { body, headers } = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
      format: "pretty",
    });
    const response = await fetch(url("/api/webhook"), { method: "POST", headers, body });
    expect(response.status).toBe(200);
    expect((await seen()).filter((s) => s.webhookId === headers["webhook-id"])).toEqual([
      {
        hook: "onPayload",
        contextIsServer: true,
        webhookId: headers["webhook-id"],
        type: "payment.succeeded",
        requestBodyMatches: true,
      },
    ]);
  });

  it("refuses a tampered or wrongly keyed body with 401", async () => {
    const { body, headers } = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
    });
    const tampered = await fetch(url("/api/webhook"), {
      method: "POST",
      headers,
      body: body.replace("payment.succeeded", "payment.failed"),
    });
    expect(tampered.status).toBe(401);
    const other = signedSampleWebhook("payment.succeeded", { webhookKey: generateWebhookKey() });
    const wrongKey = await fetch(url("/api/webhook"), {
      method: "POST",
      headers: other.headers,
      body: other.body,
    });
    expect(wrongKey.status).toBe(401);
  });

  it("mounted as the whole route, GET is its 405 with Allow: POST; as { POST } Bun answers 404", async () => {
    const whole = await fetch(url("/api/webhook"));
    expect(whole.status).toBe(405);
    expect(whole.headers.get("allow")).toBe("POST");
    const postOnly = await fetch(url("/api/webhook/post-only"));
    expect(postOnly.status).toBe(404);
  });

  it("an oversized body is a 413", async () => {
    const { body, headers } = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
      format: (event) => JSON.stringify({ ...event, padding: "x".repeat(2 * 1024 * 1024) }),
    });
    const response = await fetch(url("/api/webhook"), { method: "POST", headers, body });
    expect(response.status).toBe(413);
  });

  it("the simulator's own deliveries are handled", async () => {
    sim.setWebhookUrl(url("/api/webhook"));
    const delivery = await sim.trigger("subscription.active");
    expect(delivery.attempts.at(-1)?.status).toBe(200);
    expect((await seen()).some((s) => s.webhookId === delivery.id)).toBe(true);
  });
});

describe("settings on Bun", () => {
  it("Bun.env is the process.env core reads", () => {
    expect(app.output()).toContain(`env {"sameObject":true,"returnUrl":"${RETURN_URL}"}`);
  });

  it("a .env file in the working directory, which Bun loads, configures the handlers", async () => {
    const other = await startSimulator({ port: 0 });
    const dir = mkdtempSync(join(tmpdir(), "dodo-bun-env-"));
    const fromFile = "https://from-dotenv.example/done";
    writeFileSync(
      join(dir, ".env"),
      Object.entries(settings(other, fromFile))
        .map(([name, value]) => `${name}=${value}`)
        .join("\n"),
    );
    // No DODO_* in the process environment: only the .env file has them.
    const fromDotenv = await startBunServer(appPath("routes.ts"), { cwd: dir });
    try {
      const response = await fetch(`${fromDotenv.url}/checkout/static?productId=pdt_demo_onetime`);
      expect(response.status).toBe(200);
      const link = new URL(((await response.json()) as { checkout_url: string }).checkout_url);
      expect(link.origin).toBe(other.url);
      expect(link.searchParams.get("redirect_url")).toBe(fromFile);
      const { body, headers } = signedSampleWebhook("payment.succeeded", {
        webhookKey: other.webhookKey,
      });
      const webhook = await fetch(`${fromDotenv.url}/api/webhook`, {
        method: "POST",
        headers,
        body,
      });
      expect(webhook.status).toBe(200);
    } finally {
      await fromDotenv.stop();
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("without settings, checkout answers 500 'Server misconfigured' and webhooks 500, naming nothing secret", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dodo-bun-bare-"));
    const bare = await startBunServer(appPath("routes.ts"), { cwd: dir });
    try {
      const checkout = await fetch(`${bare.url}/checkout/static?productId=pdt_demo_onetime`);
      expect(checkout.status).toBe(500);
      expect(((await checkout.json()) as { title: string }).title).toBe("Server misconfigured");
      const { body, headers } = signedSampleWebhook("payment.succeeded", {
        webhookKey: sim.webhookKey,
      });
      const webhook = await fetch(`${bare.url}/api/webhook`, { method: "POST", headers, body });
      expect(webhook.status).toBe(500);
      expect(await webhook.text()).not.toContain(sim.webhookKey);
    } finally {
      await bare.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
