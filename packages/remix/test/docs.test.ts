// The README's snippets, compiled by check-types and run against the simulator. Each block is a
// route module there; here each is a function returning that module's exports, called once the
// environment is set (the snippets read `process.env` when the module loads).
// `Route.LoaderArgs` from `./+types/...` is generated per app by `react-router typegen`; here it is
// react-router's `LoaderFunctionArgs`, which it extends (examples/remix compiles the real thing).
import { signedSampleWebhook, startSimulator } from "@dodopayments/simulator";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  createContext,
  createStaticHandler,
  type MiddlewareFunction,
  type RouterContextProvider,
  RouterContextProvider as RouterContextProviderClass,
  type LoaderFunctionArgs as RRLoaderFunctionArgs,
} from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Checkout, CustomerPortal, DodoHttpError, Webhooks } from "../src/index";

declare namespace Route {
  type LoaderArgs = RRLoaderFunctionArgs;
}

const sim = await startSimulator({ port: 0 });
const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, {
    DODO_PAYMENTS_API_KEY: sim.apiKey,
    DODO_PAYMENTS_BASE_URL: sim.url,
    DODO_PAYMENTS_WEBHOOK_KEY: sim.webhookKey,
    DODO_PAYMENTS_ENVIRONMENT: "test_mode",
    DODO_PAYMENTS_RETURN_URL: "http://localhost:5173/success",
  });
});
afterAll(async () => {
  process.env = saved;
  await sim.close();
});

const handled: string[] = [];
async function fulfilOrder(paymentId: string, webhookId: string): Promise<void> {
  handled.push(`fulfil ${paymentId} ${webhookId}`);
}
async function grantAccess(subscriptionId: string): Promise<void> {
  handled.push(`grant ${subscriptionId}`);
}

// --- Remix v2, the documented form -------------------------------------------------------------

const remixCheckout = () => {
  const checkoutGetHandler = Checkout({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    type: "static",
  });
  const checkoutPostHandler = Checkout({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    type: "dynamic",
  });
  return {
    loader: ({ request }: LoaderFunctionArgs) => checkoutGetHandler(request),
    action: ({ request }: ActionFunctionArgs) => checkoutPostHandler(request),
    // The Dodo docs type the action's args as LoaderFunctionArgs: the same shape, it works too.
    seedAction: ({ request }: LoaderFunctionArgs) => checkoutPostHandler(request),
  };
};

const remixPortal = () => {
  const customerPortalHandler = CustomerPortal({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
  });
  return { loader: ({ request }: LoaderFunctionArgs) => customerPortalHandler(request) };
};

const remixWebhook = () => {
  const webhookHandler = Webhooks({
    webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
    onPayload: async (payload) => {
      handled.push(`payload ${payload.type}`);
    },
  });
  return { action: ({ request }: ActionFunctionArgs) => webhookHandler(request) };
};

// --- React Router 7/8 framework mode -----------------------------------------------------------

// app/context.ts
const userContext = createContext<{ id: string; dodoCustomerId: string } | null>(null);
// app/root.tsx's middleware (the README's comment), with a header standing in for the session.
const authMiddleware: MiddlewareFunction = async ({ request, context }) =>
  context.set(
    userContext,
    request.headers.get("x-user") === "u1" ? { id: "u1", dodoCustomerId: "cus_demo" } : null,
  );

const rrCheckout = () => ({
  loader: Checkout({ type: "static" }),
  action: Checkout({ type: "dynamic" }),
});

const rrCheckoutSession = () => ({
  action: Checkout<Readonly<RouterContextProvider>>({
    type: "session",
    allowedReturnUrls: "same-origin",
    beforeCheckout: async (payload, { context }) => {
      const user = context?.get(userContext);
      if (!user) throw new DodoHttpError(401, "Sign in first");
      return { ...payload, customer: { customer_id: user.dodoCustomerId } };
    },
  }),
});

const rrPortal = () => {
  const portal = CustomerPortal<Readonly<RouterContextProvider>>({
    getCustomerId: (_request, context) => context?.get(userContext)?.dodoCustomerId ?? null,
  });
  return { loader: (args: Route.LoaderArgs) => portal(args) };
};

const rrWebhook = () => {
  const webhook = Webhooks({
    onPaymentSucceeded: async (payload, { webhookId }) => {
      await fulfilOrder(payload.data.payment_id, webhookId);
    },
    onSubscriptionActive: async (payload) => {
      await grantAccess(payload.data.subscription_id);
    },
  });
  return { action: webhook, loader: webhook };
};

// -----------------------------------------------------------------------------------------------

const billing = {
  city: "Austin",
  country: "US",
  state: "TX",
  street: "1 Main St",
  zipcode: "78701",
};
const customer = { email: "test@example.com", name: "Test" };
const json = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const signed = <T extends "payment.succeeded" | "subscription.active">(type: T, id: string) => {
  const webhook = signedSampleWebhook(type, { webhookKey: sim.webhookKey, id, format: "pretty" });
  return {
    event: webhook.event,
    request: new Request("http://localhost:5173/api/webhook", {
      method: "POST",
      headers: webhook.headers,
      body: webhook.body,
    }),
  };
};

describe("README: Remix v2, the documented form", () => {
  // What Remix v2 passes: `{ request, params, context }` with its AppLoadContext.
  const args = (request: Request) => ({ request, params: {}, context: {} });

  it("checkout: loader answers a static link, action a payment link", async () => {
    const { loader, action, seedAction } = remixCheckout();
    const get = await loader(
      args(new Request("http://localhost:5173/api/checkout?productId=pdt_demo_onetime")),
    );
    expect(get.status).toBe(200);
    expect(((await get.json()) as { checkout_url: string }).checkout_url).toContain(sim.url);
    for (const post of [action, seedAction]) {
      const response = await post(
        args(
          json("http://localhost:5173/api/checkout", {
            product_id: "pdt_demo_onetime",
            quantity: 1,
            billing,
            customer,
          }),
        ),
      );
      expect(response.status).toBe(200);
    }
  });

  it("customer portal: the ?customer_id= form redirects", async () => {
    const response = await remixPortal().loader(
      args(new Request("http://localhost:5173/api/customer-portal?customer_id=cus_demo")),
    );
    expect(response.status).toBe(302);
  });

  it("webhook: the action verifies and calls onPayload; a bad signature is a 401", async () => {
    const { action } = remixWebhook();
    const { request } = signed("payment.succeeded", "msg_doc_remix");
    expect((await action(args(request))).status).toBe(200);
    expect(handled).toContain("payload payment.succeeded");
    const unsigned = json("http://localhost:5173/api/webhook", { type: "payment.succeeded" });
    expect((await action(args(unsigned))).status).toBe(401);
  });
});

describe("README: React Router framework mode, served by its own data router", () => {
  const checkout = rrCheckout();
  const webhook = rrWebhook();
  const handler = createStaticHandler([
    {
      id: "root",
      path: "/",
      middleware: [authMiddleware],
      children: [
        { id: "routes/api.checkout", path: "api/checkout", ...checkout },
        { id: "routes/api.checkout-session", path: "api/checkout-session", ...rrCheckoutSession() },
        { id: "routes/api.customer-portal", path: "api/customer-portal", ...rrPortal() },
        { id: "routes/api.webhook", path: "api/webhook", ...webhook },
      ],
    },
  ]);
  const query = async (request: Request): Promise<Response> => {
    const result: unknown = await handler
      .queryRoute(request, {
        requestContext: new RouterContextProviderClass(),
        generateMiddlewareResponse: (runRoute) => runRoute(request),
      })
      .catch((thrown: unknown) => thrown);
    if (!(result instanceof Response)) throw new Error(`not a Response: ${String(result)}`);
    return result;
  };

  it("checkout: `export const loader = Checkout(...)` and `action` work as they are", async () => {
    const get = await query(
      new Request("http://localhost:5173/api/checkout?productId=pdt_demo_onetime"),
    );
    expect(get.status).toBe(200);
    const post = await query(
      json("http://localhost:5173/api/checkout", {
        product_id: "pdt_demo_onetime",
        quantity: 1,
        billing,
        customer,
      }),
    );
    expect(post.status).toBe(200);
  });

  it("checkout session: beforeCheckout reads the user from the middleware's context", async () => {
    const body = { product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] };
    const anonymous = await query(json("http://localhost:5173/api/checkout-session", body));
    expect(anonymous.status).toBe(401);
    const signedIn = await query(
      json("http://localhost:5173/api/checkout-session", body, { "x-user": "u1" }),
    );
    expect(signedIn.status).toBe(200);
    expect(sim.requests.at(-1)?.body).toMatchObject({ customer: { customer_id: "cus_demo" } });
  });

  it("customer portal: getCustomerId from the context; the query cannot pick another customer", async () => {
    const signedIn = await query(
      new Request("http://localhost:5173/api/customer-portal?customer_id=cus_other", {
        headers: { "x-user": "u1" },
      }),
    );
    expect(signedIn.status).toBe(302);
    expect(sim.requests.at(-1)?.path).toBe("/customers/cus_demo/customer-portal/session");
    const anonymous = await query(
      new Request("http://localhost:5173/api/customer-portal?customer_id=cus_demo"),
    );
    expect(anonymous.status).toBe(401);
  });

  it("webhook: the action reads the untouched body; the loader makes GET a 405", async () => {
    const payment = signed("payment.succeeded", "msg_doc_rr_1");
    expect((await query(payment.request)).status).toBe(200);
    const subscription = signed("subscription.active", "msg_doc_rr_2");
    expect((await query(subscription.request)).status).toBe(200);
    expect(handled).toEqual(
      expect.arrayContaining([
        `fulfil ${payment.event.data.payment_id} msg_doc_rr_1`,
        `grant ${subscription.event.data.subscription_id}`,
      ]),
    );
    const get = await query(new Request("http://localhost:5173/api/webhook"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });
});
