import { adapterOptions, signedSampleWebhook, startSimulator } from "@dodopayments/simulator";
import { afterAll, describe, expect, it } from "vitest";
import {
  Checkout,
  CustomerPortal,
  type TanStackHandlerArgs,
  Webhooks,
  withMethodNotAllowed,
} from "../src/index";

const sim = await startSimulator({ port: 0 });
afterAll(() => sim.close());

/** What TanStack Start passes to a server route handler (createStartHandler's handler call). */
function startArgs<TContext>(request: Request, context: TContext, params = {}) {
  return {
    request,
    context,
    params,
    pathname: new URL(request.url).pathname,
    next: (options?: { context?: unknown }) => ({
      isNext: true as const,
      context: options?.context,
    }),
  };
}

type Session = { user?: { dodoCustomerId: string } };

describe("both call forms", () => {
  const checkout = Checkout({
    ...adapterOptions(sim),
    type: "static",
    returnUrl: "https://shop.example/done",
  });
  const request = () =>
    new Request("http://localhost:3000/api/checkout?productId=pdt_demo_onetime");

  it("`GET: Checkout(cfg)`: takes Start's handler args", async () => {
    const response = await checkout(startArgs(request(), {}));
    expect(response.status).toBe(200);
    const { checkout_url } = (await response.json()) as { checkout_url: string };
    expect(checkout_url.startsWith(`${sim.url}/buy/pdt_demo_onetime`)).toBe(true);
  });

  it("the documented `async ({ request }) => Checkout(cfg)(request)`: takes a bare Request", async () => {
    const seedHandler = async ({ request }: { request: Request }) => checkout(request);
    const response = await seedHandler(startArgs(request(), {}));
    expect(response.status).toBe(200);
    const { checkout_url } = (await response.json()) as { checkout_url: string };
    expect(checkout_url.startsWith(`${sim.url}/buy/pdt_demo_onetime`)).toBe(true);
  });

  it("args without a context work too", async () => {
    const response = await checkout({ request: request() });
    expect(response.status).toBe(200);
  });

  it("hands the request to core unread, so POST bodies are parsed there", async () => {
    const POST = Checkout({ ...adapterOptions(sim), type: "session" });
    const body = JSON.stringify({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
    });
    const args = startArgs(
      new Request("http://localhost:3000/api/checkout", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      }),
      {},
    );
    const response = await POST(args);
    expect(response.status).toBe(200);
    expect(sim.requests.at(-1)?.path).toBe("/checkouts");
  });
});

describe("the route context reaches the hooks", () => {
  it("getCustomerId receives the Request and the middleware context", async () => {
    const seen: { request?: Request; context?: Session | undefined } = {};
    const GET = CustomerPortal<Session>({
      ...adapterOptions(sim),
      getCustomerId: (request, context) => {
        seen.request = request;
        seen.context = context;
        return context?.user?.dodoCustomerId ?? null;
      },
    });
    const signedIn = startArgs(
      new Request("http://localhost:3000/api/customer-portal?customer_id=cus_other"),
      { user: { dodoCustomerId: "cus_demo" } },
    );
    const response = await GET(signedIn);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")?.startsWith(sim.url)).toBe(true);
    expect(sim.requests.at(-1)?.path).toBe("/customers/cus_demo/customer-portal/session");
    expect(seen.request).toBe(signedIn.request);
    expect(seen.context).toEqual({ user: { dodoCustomerId: "cus_demo" } });

    const signedOut = await GET(
      startArgs(new Request("http://localhost:3000/api/customer-portal?customer_id=cus_demo"), {}),
    );
    expect(signedOut.status).toBe(401);
  });

  it("beforeCheckout receives it", async () => {
    const contexts: unknown[] = [];
    const POST = Checkout<{ tenant: string }>({
      ...adapterOptions(sim),
      type: "session",
      beforeCheckout: (payload, { context }) => {
        contexts.push(context);
        return payload;
      },
    });
    const response = await POST(
      startArgs(
        new Request("http://localhost:3000/api/checkout", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] }),
        }),
        { tenant: "acme" },
      ),
    );
    expect(response.status).toBe(200);
    expect(contexts).toEqual([{ tenant: "acme" }]);
  });

  it("the env option can read from it", async () => {
    const GET = Checkout<{ env: Record<string, string> }>({
      type: "static",
      env: (context) => context?.env,
    });
    const response = await GET(
      startArgs(new Request("http://localhost:3000/api/checkout?productId=pdt_demo_onetime"), {
        env: {
          DODO_PAYMENTS_API_KEY: sim.apiKey,
          DODO_PAYMENTS_BASE_URL: sim.url,
          DODO_PAYMENTS_ENVIRONMENT: "test_mode",
        },
      }),
    );
    expect(response.status).toBe(200);
  });

  it("webhook handlers get it, and verify the exact body", async () => {
    const signed = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
      format: "pretty",
      id: "msg_tanstack",
    });
    const received: string[] = [];
    const contexts: unknown[] = [];
    const handler = Webhooks<{ requestId: string }>({
      webhookKey: sim.webhookKey,
      onPaymentSucceeded: async (payload, { webhookId, context, rawBody }) => {
        received.push(`${payload.data.payment_id}:${webhookId}`);
        contexts.push(context);
        expect(rawBody).toBe(signed.body);
      },
    });
    const response = await handler(
      startArgs(
        new Request("http://localhost:3000/api/webhook", {
          method: "POST",
          headers: signed.headers,
          body: signed.body,
        }),
        { requestId: "req_1" },
      ),
    );
    expect(response.status).toBe(200);
    expect(received).toEqual([`${signed.event.data.payment_id}:msg_tanstack`]);
    expect(contexts).toEqual([{ requestId: "req_1" }]);
  });

  it("a bare Request means no context", async () => {
    const contexts: unknown[] = [];
    const GET = CustomerPortal({
      ...adapterOptions(sim),
      getCustomerId: (_request, context) => {
        contexts.push(context);
        return "cus_demo";
      },
    });
    const response = await GET(new Request("http://localhost:3000/api/customer-portal"));
    expect(response.status).toBe(302);
    expect(contexts).toEqual([undefined]);
  });
});

describe("405 instead of Start's 404 page", () => {
  it("`ANY: Webhooks(cfg)` answers other methods with core's 405 and `Allow: POST`", async () => {
    const ANY = Webhooks({ webhookKey: sim.webhookKey });
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await ANY(
        startArgs(new Request("http://localhost:3000/api/webhook", { method }), {}),
      );
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("`ANY: CustomerPortal(cfg)` allows GET and HEAD", async () => {
    const ANY = CustomerPortal({ ...adapterOptions(sim) });
    const response = await ANY(
      startArgs(new Request("http://localhost:3000/api/customer-portal", { method: "POST" }), {}),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });

  it("withMethodNotAllowed adds an ANY handler listing the methods given, HEAD with GET", async () => {
    const GET = Checkout({ ...adapterOptions(sim), type: "static" });
    const POST = Checkout({ ...adapterOptions(sim), type: "session" });
    const handlers = withMethodNotAllowed({ GET, POST });
    expect(handlers.GET).toBe(GET);
    expect(handlers.POST).toBe(POST);
    for (const method of ["PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const response = await handlers.ANY(
        startArgs(new Request("http://localhost:3000/api/checkout", { method }), {}),
      );
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
    }
  });

  it("its 405 is the same answer core gives", async () => {
    const fromCore = await Webhooks({ webhookKey: sim.webhookKey })(
      new Request("http://localhost:3000/api/webhook"),
    );
    const fromHelper = await withMethodNotAllowed({ POST: Webhooks({}) }).ANY(
      new Request("http://localhost:3000/api/webhook"),
    );
    expect(fromHelper.status).toBe(fromCore.status);
    expect([...fromHelper.headers]).toEqual([...fromCore.headers]);
    expect(await fromHelper.text()).toBe(await fromCore.text());
  });

  it("lists only what it is given", async () => {
    const { ANY } = withMethodNotAllowed({ POST: Webhooks({}) });
    const response = await ANY({ request: new Request("http://localhost/", { method: "GET" }) });
    expect(response.headers.get("allow")).toBe("POST");
  });
});

describe("types", () => {
  it("TanStackHandlerArgs is what the handlers accept", () => {
    const args: TanStackHandlerArgs<{ a: number }> = {
      request: new Request("http://localhost/"),
      context: { a: 1 },
    };
    expect(typeof Checkout<{ a: number }>({ type: "static" })).toBe("function");
    expect(args.context?.a).toBe(1);
  });
});
