import { adapterOptions, signedSampleWebhook, startSimulator } from "@dodopayments/simulator";
import type { LoaderFunction as RemixLoaderFunction } from "@remix-run/node";
import {
  type ActionFunction,
  createContext,
  createStaticHandler,
  type LoaderFunction,
  type LoaderFunctionArgs,
  type MiddlewareFunction,
  RouterContextProvider,
} from "react-router";
import { afterAll, describe, expect, it } from "vitest";
import { Checkout, CustomerPortal, type RemixRouteHandler, Webhooks } from "../src/index";

const sim = await startSimulator({ port: 0 });
afterAll(() => sim.close());

/** What React Router 8 passes a loader or action (its middleware makes `context` a provider). */
const routeArgs = (request: Request, context = new RouterContextProvider()) => ({
  request,
  context,
  params: {},
  url: new URL(request.url),
  pattern: new URL(request.url).pathname,
});

describe("handler shape", () => {
  it("is a React Router loader/action and a Remix v2 loader, as exported values", () => {
    // Compile-time checks: each assignment is what `export const loader = ...` has to satisfy.
    const loader: LoaderFunction = Checkout({ type: "static" });
    const action: ActionFunction = Checkout({ type: "session" });
    const typedContext: LoaderFunction = CustomerPortal<Readonly<RouterContextProvider>>({});
    const remixLoader: RemixLoaderFunction = Webhooks({});
    const direct: RemixRouteHandler = Webhooks({});
    expect(
      [loader, action, typedContext, remixLoader, direct].every((h) => typeof h === "function"),
    ).toBe(true);
  });
});

describe("both call forms", () => {
  const GET = Checkout({ ...adapterOptions(sim), type: "static" });
  const url = "http://localhost:5173/api/checkout?productId=pdt_demo_onetime";

  it("takes a bare Request (the documented Remix v2 form)", async () => {
    const response = await GET(new Request(url));
    expect(response.status).toBe(200);
    const { checkout_url } = (await response.json()) as { checkout_url: string };
    expect(checkout_url.startsWith(`${sim.url}/buy/pdt_demo_onetime`)).toBe(true);
  });

  it("takes the route args (React Router: `export const loader = Checkout(...)`)", async () => {
    const response = await GET(routeArgs(new Request(url)));
    expect(response.status).toBe(200);
    const { checkout_url } = (await response.json()) as { checkout_url: string };
    expect(checkout_url.startsWith(`${sim.url}/buy/pdt_demo_onetime`)).toBe(true);
  });

  it("reads a POST body in either form", async () => {
    const POST = Checkout({ ...adapterOptions(sim), type: "session" });
    const post = () =>
      new Request("http://localhost:5173/api/checkout", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] }),
      });
    for (const response of [await POST(post()), await POST(routeArgs(post()))]) {
      expect(response.status).toBe(200);
      expect(((await response.json()) as { checkout_url: string }).checkout_url).toContain(sim.url);
    }
  });
});

describe("the route context reaches the hooks", () => {
  type User = { dodoCustomerId: string };
  const userContext = createContext<User | null>(null);

  it("getCustomerId gets the RouterContextProvider the route was called with", async () => {
    const seen: unknown[] = [];
    const loader = CustomerPortal<Readonly<RouterContextProvider>>({
      ...adapterOptions(sim),
      getCustomerId: (_request, context) => {
        seen.push(context);
        return context?.get(userContext)?.dodoCustomerId;
      },
    });
    const context = new RouterContextProvider();
    context.set(userContext, { dodoCustomerId: "cus_demo" });
    const request = new Request("http://localhost:5173/api/customer-portal?customer_id=cus_other");
    const signedIn = await loader(routeArgs(request, context));
    expect(signedIn.status).toBe(302);
    expect(seen[0]).toBe(context);
    expect(sim.requests.at(-1)?.path).toBe("/customers/cus_demo/customer-portal/session");

    const signedOut = await loader(routeArgs(request));
    expect(signedOut.status).toBe(401);
  });

  it("a bare Request with a second argument passes that as the context", async () => {
    const seen: unknown[] = [];
    const loader = CustomerPortal<{ customerId: string }>({
      ...adapterOptions(sim),
      getCustomerId: (_request, context) => {
        seen.push(context);
        return context?.customerId;
      },
    });
    const response = await loader(new Request("http://localhost:5173/api/customer-portal"), {
      customerId: "cus_demo",
    });
    expect(response.status).toBe(302);
    expect(seen).toEqual([{ customerId: "cus_demo" }]);
    // Without one, the hooks see `undefined`.
    expect((await loader(new Request("http://localhost:5173/api/customer-portal"))).status).toBe(
      401,
    );
  });

  it("route args win over a second argument (React Router's data-strategy handler context)", async () => {
    const seen: unknown[] = [];
    const action = Webhooks<Readonly<RouterContextProvider>>({
      webhookKey: sim.webhookKey,
      onPayload: async (_payload, { context }) => {
        seen.push(context);
      },
    });
    const signed = signedSampleWebhook("payment.succeeded", { webhookKey: sim.webhookKey });
    const context = new RouterContextProvider();
    const request = new Request("http://localhost:5173/api/webhook", {
      method: "POST",
      headers: signed.headers,
      body: signed.body,
    });
    const response = await action(routeArgs(request, context), { strategy: true });
    expect(response.status).toBe(200);
    expect(seen).toEqual([context]);
  });

  it("webhooks verify the exact body and hand the handlers the route context", async () => {
    const signed = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
      format: "pretty",
      id: "msg_remix",
    });
    const received: string[] = [];
    const action = Webhooks<Readonly<RouterContextProvider>>({
      webhookKey: sim.webhookKey,
      onPaymentSucceeded: async (payload, { webhookId, context, rawBody }) => {
        received.push(
          `${payload.data.payment_id}:${webhookId}:${context?.get(userContext)?.dodoCustomerId}`,
        );
        expect(rawBody).toBe(signed.body);
      },
    });
    const context = new RouterContextProvider();
    context.set(userContext, { dodoCustomerId: "cus_ctx" });
    const response = await action(
      routeArgs(
        new Request("http://localhost:5173/api/webhook", {
          method: "POST",
          headers: signed.headers,
          body: signed.body,
        }),
        context,
      ),
    );
    expect(response.status).toBe(200);
    expect(received).toEqual([`${signed.event.data.payment_id}:msg_remix:cus_ctx`]);
  });
});

describe("inside React Router's own data router (createStaticHandler.queryRoute)", () => {
  type User = { dodoCustomerId: string };
  const userContext = createContext<User | null>(null);
  // Middleware, as an RR8 app's root would have, putting the signed-in user in the context.
  const auth: MiddlewareFunction = ({ request, context }) => {
    if (request.headers.get("x-user") === "demo")
      context.set(userContext, { dodoCustomerId: "cus_demo" });
  };
  const webhook = Webhooks({ webhookKey: sim.webhookKey });
  const handler = createStaticHandler([
    {
      id: "root",
      path: "/",
      middleware: [auth],
      children: [
        {
          id: "checkout",
          path: "api/checkout",
          loader: Checkout({ ...adapterOptions(sim), type: "static" }),
          action: Checkout({ ...adapterOptions(sim), type: "dynamic" }),
        },
        {
          id: "portal",
          path: "api/customer-portal",
          loader: CustomerPortal<Readonly<RouterContextProvider>>({
            ...adapterOptions(sim),
            getCustomerId: (_request, context) => context?.get(userContext)?.dodoCustomerId,
          }),
        },
        { id: "webhook", path: "api/webhook", loader: webhook, action: webhook },
        {
          id: "documented",
          path: "api/documented",
          loader: ({ request }: LoaderFunctionArgs) =>
            Checkout({ ...adapterOptions(sim), type: "static" })(request),
        },
      ],
    },
  ]);
  const query = async (request: Request): Promise<Response> => {
    const result: unknown = await handler
      .queryRoute(request, {
        requestContext: new RouterContextProvider(),
        // With middleware, React Router runs the route through this callback (as its server does).
        generateMiddlewareResponse: (runRoute) => runRoute(request),
      })
      .catch((thrown: unknown) => thrown);
    if (!(result instanceof Response)) throw new Error(`not a Response: ${String(result)}`);
    return result;
  };

  it("GET reaches the loader, POST the action, with the middleware's context", async () => {
    const get = await query(new Request("http://app.test/api/checkout?productId=pdt_demo_onetime"));
    expect(get.status).toBe(200);
    const post = await query(
      new Request("http://app.test/api/checkout", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          product_id: "pdt_demo_onetime",
          quantity: 1,
          billing: {
            city: "Austin",
            country: "US",
            state: "TX",
            street: "1 Main St",
            zipcode: "78701",
          },
          customer: { email: "test@example.com", name: "Test" },
        }),
      }),
    );
    expect(post.status).toBe(200);
    const documented = await query(
      new Request("http://app.test/api/documented?productId=pdt_demo_onetime"),
    );
    expect(documented.status).toBe(200);

    const portal = await query(
      new Request("http://app.test/api/customer-portal", { headers: { "x-user": "demo" } }),
    );
    expect(portal.status).toBe(302);
    const anonymous = await query(new Request("http://app.test/api/customer-portal"));
    expect(anonymous.status).toBe(401);
  });

  it("the webhook route answers GET with 405 and Allow: POST, and verifies a POST", async () => {
    const get = await query(new Request("http://app.test/api/webhook"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toContain("POST");
    const signed = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
      format: "pretty",
    });
    const post = await query(
      new Request("http://app.test/api/webhook", {
        method: "POST",
        headers: signed.headers,
        body: signed.body,
      }),
    );
    expect(post.status).toBe(200);
  });
});
