import { adapterOptions, signedSampleWebhook, startSimulator } from "@dodopayments/simulator";
import type { APIContext, APIRoute } from "astro";
import { afterAll, describe, expect, it } from "vitest";
import { Checkout, CustomerPortal, Webhooks } from "../src/index";

const sim = await startSimulator({ port: 0 });
afterAll(() => sim.close());

/** The parts of Astro's APIContext these tests use; Astro builds the real one per request. */
function apiContext(request: Request, locals: Record<string, unknown> = {}): APIContext {
  const url = new URL(request.url);
  return { request, url, params: {}, locals, site: undefined } as unknown as APIContext;
}

describe("APIRoute shape", () => {
  it("each factory returns an APIRoute", () => {
    const routes: APIRoute[] = [
      Checkout({ type: "static" }),
      Checkout({ type: "dynamic" }),
      CustomerPortal({}),
      Webhooks({}),
    ];
    expect(routes.every((route) => typeof route === "function" && route.length === 1)).toBe(true);
  });
});

describe("context passing", () => {
  it("getCustomerId gets the request and the APIContext (locals from middleware)", async () => {
    let seen: APIContext | undefined;
    const GET = CustomerPortal({
      ...adapterOptions(sim),
      getCustomerId: (request, context) => {
        seen = context;
        expect(request).toBe(context?.request);
        return (context?.locals as { customerId?: string } | undefined)?.customerId;
      },
    });
    const request = new Request("http://localhost:4321/api/customer-portal?customer_id=cus_other");
    const context = apiContext(request, { customerId: "cus_demo" });
    const response = await GET(context);
    expect(response.status).toBe(302);
    expect(seen).toBe(context);
    expect(sim.requests.at(-1)?.path).toBe("/customers/cus_demo/customer-portal/session");

    const anonymous = await GET(
      apiContext(new Request("http://localhost:4321/api/customer-portal?customer_id=cus_demo")),
    );
    expect(anonymous.status).toBe(401);
  });

  it("beforeCheckout gets the APIContext", async () => {
    const contexts: unknown[] = [];
    const POST = Checkout({
      ...adapterOptions(sim),
      type: "session",
      beforeCheckout: (payload, { context, type }) => {
        contexts.push(context, type);
        return payload;
      },
    });
    const request = new Request("http://localhost:4321/api/checkout", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] }),
    });
    const context = apiContext(request);
    const response = await POST(context);
    expect(response.status).toBe(200);
    expect(contexts).toEqual([context, "session"]);
  });

  it("webhooks verify the untouched request body, and get the APIContext", async () => {
    const seen: string[] = [];
    const contexts: unknown[] = [];
    const POST = Webhooks({
      webhookKey: sim.webhookKey,
      onSubscriptionActive: async (payload, { webhookId, context }) => {
        seen.push(`${payload.data.subscription_id}:${webhookId}`);
        contexts.push(context);
      },
    });
    // Four-space indentation and a final newline: bytes no JSON.stringify round trip gives back.
    const { event, body, headers } = signedSampleWebhook("subscription.active", {
      format: (sample) => `${JSON.stringify(sample, null, 4)}\n`,
      id: "msg_astro",
      webhookKey: sim.webhookKey,
    });
    const context = apiContext(
      new Request("http://localhost:4321/api/webhook", { method: "POST", headers, body }),
    );
    const response = await POST(context);
    expect(response.status).toBe(200);
    expect(seen).toEqual([`${event.data.subscription_id}:msg_astro`]);
    expect(contexts).toHaveLength(1);
    expect(contexts[0]).toBe(context);
  });

  it("exported as ALL, other methods get 405 with Allow", async () => {
    const ALL = Webhooks({ webhookKey: sim.webhookKey });
    const response = await ALL(apiContext(new Request("http://localhost:4321/api/webhook")));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
