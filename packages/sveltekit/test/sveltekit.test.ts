import { adapterOptions, signedSampleWebhook, startSimulator } from "@dodopayments/simulator";
import type { RequestEvent, RequestHandler } from "@sveltejs/kit";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  Checkout,
  CustomerPortal,
  platformEnv,
  type SvelteKitRequestEvent,
  Webhooks,
} from "../src/index";

const sim = await startSimulator({ port: 0 });
afterAll(() => sim.close());

/** The parts of SvelteKit's RequestEvent these tests use; SvelteKit builds the real one per request. */
function requestEvent(
  request: Request,
  extra: { locals?: App.Locals; platform?: unknown } = {},
): SvelteKitRequestEvent {
  return {
    request,
    url: new URL(request.url),
    params: {},
    locals: extra.locals ?? {},
    platform: extra.platform as App.Platform | undefined,
  };
}

const webhookRequest = (body: string, headers: Record<string, string>) =>
  new Request("http://localhost:5173/api/webhook", { method: "POST", headers, body });

describe("handler shapes", () => {
  it("Checkout returns { GET, POST }, CustomerPortal { GET }, Webhooks the POST handler", () => {
    const checkout = Checkout({ type: "static" });
    expect(Object.keys(checkout).sort()).toEqual(["GET", "POST"]);
    const portal = CustomerPortal({});
    expect(Object.keys(portal)).toEqual(["GET"]);
    const webhook = Webhooks({});
    for (const handler of [checkout.GET, checkout.POST, portal.GET, webhook]) {
      expect(typeof handler).toBe("function");
      expect(handler.length).toBe(1);
    }
  });

  it("each handler is a SvelteKit RequestHandler, taking the RequestEvent", () => {
    expectTypeOf(Checkout({ type: "static" }).GET).toExtend<RequestHandler>();
    expectTypeOf(Checkout({ type: "session" }).POST).toExtend<RequestHandler>();
    expectTypeOf(CustomerPortal({}).GET).toExtend<RequestHandler>();
    expectTypeOf(Webhooks({})).toExtend<RequestHandler>();
    expectTypeOf<RequestEvent>().toExtend<SvelteKitRequestEvent>();
  });

  it("GET and POST run one handler: the method its type does not take is a 405 with Allow", async () => {
    const { GET, POST } = Checkout({ ...adapterOptions(sim), type: "session" });
    const response = await GET(requestEvent(new Request("http://localhost:5173/api/checkout")));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    const staticLink = Checkout({ ...adapterOptions(sim), type: "static" });
    const post = await staticLink.POST(
      requestEvent(new Request("http://localhost:5173/api/checkout", { method: "POST" })),
    );
    expect(post.status).toBe(405);
    expect(POST).toBe(GET);
  });
});

describe("context passing", () => {
  it("getCustomerId gets the request and the RequestEvent (locals from the handle hook)", async () => {
    let seen: SvelteKitRequestEvent | undefined;
    const { GET } = CustomerPortal({
      ...adapterOptions(sim),
      getCustomerId: (request, event) => {
        seen = event;
        expect(request).toBe(event?.request);
        return event?.locals?.user?.dodoCustomerId;
      },
    });
    const request = new Request("http://localhost:5173/api/customer-portal?customer_id=cus_other");
    const event = requestEvent(request, { locals: { user: { dodoCustomerId: "cus_demo" } } });
    const response = await GET(event);
    expect(response.status).toBe(302);
    expect(seen).toBe(event);
    expect(sim.requests.at(-1)?.path).toBe("/customers/cus_demo/customer-portal/session");

    const anonymous = await GET(
      requestEvent(new Request("http://localhost:5173/api/customer-portal?customer_id=cus_demo")),
    );
    expect(anonymous.status).toBe(401);
  });

  it("beforeCheckout gets the RequestEvent", async () => {
    const contexts: unknown[] = [];
    const { POST } = Checkout({
      ...adapterOptions(sim),
      type: "session",
      beforeCheckout: (payload, { context, type }) => {
        contexts.push(context, type);
        return payload;
      },
    });
    const event = requestEvent(
      new Request("http://localhost:5173/api/checkout", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] }),
      }),
    );
    const response = await POST(event);
    expect(response.status).toBe(200);
    expect(contexts).toEqual([event, "session"]);
  });

  it("webhooks verify the untouched request body, and get the RequestEvent", async () => {
    const seen: string[] = [];
    const contexts: unknown[] = [];
    const POST = Webhooks({
      webhookKey: sim.webhookKey,
      onSubscriptionActive: async (payload, { webhookId, context, request }) => {
        seen.push(`${payload.data.subscription_id}:${webhookId}`);
        contexts.push(context);
        expect(await request.text()).toBe(body);
      },
    });
    // Four-space indentation and a final newline: bytes no JSON.stringify round trip gives back.
    const { event, body, headers } = signedSampleWebhook("subscription.active", {
      format: (sample) => `${JSON.stringify(sample, null, 4)}\n`,
      id: "msg_sveltekit",
      webhookKey: sim.webhookKey,
    });
    const kitEvent = requestEvent(webhookRequest(body, headers));
    const response = await POST(kitEvent);
    expect(response.status).toBe(200);
    expect(seen).toEqual([`${event.data.subscription_id}:msg_sveltekit`]);
    expect(contexts).toEqual([kitEvent]);
  });

  it("a webhook GET (through `fallback`) is a 405 with Allow: POST", async () => {
    const fallback = Webhooks({ webhookKey: sim.webhookKey });
    const response = await fallback(requestEvent(new Request("http://localhost:5173/api/webhook")));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});

describe("settings", () => {
  it("the env option is read on the first request (a `$env/dynamic/private` record)", async () => {
    const env: Record<string, string | undefined> = {};
    const { GET } = Checkout({ type: "static", env });
    env.DODO_PAYMENTS_API_KEY = sim.apiKey;
    env.DODO_PAYMENTS_BASE_URL = sim.url;
    env.DODO_PAYMENTS_ENVIRONMENT = "test_mode";
    env.DODO_PAYMENTS_RETURN_URL = "https://shop.example/success";
    const response = await GET(
      requestEvent(new Request("http://localhost:5173/api/checkout?productId=pdt_demo_onetime")),
    );
    expect(response.status).toBe(200);
    const { checkout_url } = (await response.json()) as { checkout_url: string };
    expect(checkout_url.startsWith(`${sim.url}/buy/pdt_demo_onetime`)).toBe(true);
    expect(new URL(checkout_url).searchParams.get("redirect_url")).toBe(
      "https://shop.example/success",
    );
  });

  it("without env, the adapter's platform.env (Cloudflare bindings) is read", async () => {
    const POST = Webhooks({});
    const { body, headers } = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
    });
    const platform = { env: { DODO_PAYMENTS_WEBHOOK_KEY: sim.webhookKey } };
    const response = await POST(requestEvent(webhookRequest(body, headers), { platform }));
    expect(response.status).toBe(200);
  });

  it("platformEnv reads platform.env only when it is an object", () => {
    const request = new Request("http://localhost:5173/");
    expect(platformEnv(undefined)).toBeUndefined();
    expect(platformEnv(requestEvent(request))).toBeUndefined();
    expect(platformEnv(requestEvent(request, { platform: { env: "x" } }))).toBeUndefined();
    const env = { A: "1" };
    expect(platformEnv(requestEvent(request, { platform: { env } }))).toBe(env);
  });
});

describe("body limits", () => {
  it("a body the server refuses while it is read (adapter-node's BODY_SIZE_LIMIT) is a 413, not a 500", async () => {
    const errors: unknown[] = [];
    const POST = Webhooks({
      webhookKey: sim.webhookKey,
      logger: { warn: () => {}, error: (...args: unknown[]) => errors.push(args) },
    });
    // What adapter-node hands SvelteKit once an upload passes BODY_SIZE_LIMIT: a stream that
    // errors with a SvelteKitError of status 413.
    const tooLarge = Object.assign(new Error("request body size exceeded BODY_SIZE_LIMIT"), {
      status: 413,
    });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(1024));
        controller.error(tooLarge);
      },
    });
    const request = new Request("http://localhost:5173/api/webhook", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await POST(requestEvent(request));
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(errors).toEqual([]);
  });

  it("any other failure while reading stays a logged 500", async () => {
    const errors: unknown[] = [];
    const POST = Webhooks({
      webhookKey: sim.webhookKey,
      logger: { warn: () => {}, error: (...args: unknown[]) => errors.push(args) },
    });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new Error("connection reset"));
      },
    });
    const request = new Request("http://localhost:5173/api/webhook", {
      method: "POST",
      body,
      duplex: "half",
    } as RequestInit);
    const response = await POST(requestEvent(request));
    expect(response.status).toBe(500);
    expect(errors).toHaveLength(1);
  });
});
