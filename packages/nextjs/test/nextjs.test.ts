import { adapterOptions, signedSampleWebhook, startSimulator } from "@dodopayments/simulator";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import {
  Checkout,
  CustomerPortal,
  type NextRouteContext,
  type NextRouteHandler,
  Webhooks,
} from "../src/index";

// What Next.js 15/16 type-checks route exports against (simplified from the generated validator).
type AppRouteHandler<Params> = (
  request: NextRequest,
  context: { params: Promise<Params> },
) => Response | Promise<Response>;

const sim = await startSimulator({ port: 0 });
afterAll(() => sim.close());

const routeContext = <T extends Record<string, string | string[]>>(params: T) => ({
  params: Promise.resolve(params),
});

describe("route handler shape", () => {
  it("fits the App Router's (NextRequest, { params: Promise }) signature, dynamic segments too", () => {
    // biome-ignore lint/complexity/noBannedTypes: `{}` is what Next generates for a route without params.
    const plain: AppRouteHandler<{}> = Checkout({ type: "static" });
    const catchAll: AppRouteHandler<{ slug: string[] }> = Webhooks({});
    const portal: AppRouteHandler<{ id: string }> = CustomerPortal({});
    const generic: NextRouteHandler = Checkout({ type: "session" });
    expect([plain, catchAll, portal, generic].every((h) => typeof h === "function")).toBe(true);
  });
});

describe("with a NextRequest and the route context", () => {
  it("static checkout answers the link", async () => {
    const GET = Checkout({
      ...adapterOptions(sim),
      type: "static",
      returnUrl: "https://shop.example/done",
    });
    const response = await GET(
      new NextRequest("http://localhost:3000/api/checkout?productId=pdt_demo_onetime"),
      routeContext({}),
    );
    expect(response.status).toBe(200);
    const { checkout_url } = (await response.json()) as { checkout_url: string };
    expect(checkout_url.startsWith(`${sim.url}/buy/pdt_demo_onetime`)).toBe(true);
  });

  it("getCustomerId receives the NextRequest itself (cookies) and the route context", async () => {
    const seen: { request?: unknown; context?: NextRouteContext | undefined } = {};
    const GET = CustomerPortal({
      ...adapterOptions(sim),
      getCustomerId: async (request, context) => {
        seen.request = request;
        seen.context = context;
        return (request as NextRequest).cookies.get("session")?.value === "demo"
          ? "cus_demo"
          : null;
      },
    });
    const signedIn = await GET(
      new NextRequest("http://localhost:3000/api/customer-portal/acme?customer_id=cus_other", {
        headers: { cookie: "session=demo" },
      }),
      routeContext({ team: "acme" }),
    );
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("location")?.startsWith(sim.url)).toBe(true);
    expect(seen.request).toBeInstanceOf(NextRequest);
    expect(await seen.context?.params).toEqual({ team: "acme" });
    expect(sim.requests.at(-1)?.path).toBe("/customers/cus_demo/customer-portal/session");

    const signedOut = await GET(
      new NextRequest("http://localhost:3000/api/customer-portal/acme?customer_id=cus_demo"),
      routeContext({ team: "acme" }),
    );
    expect(signedOut.status).toBe(401);
  });

  it("webhooks verify the exact body of a NextRequest, and get the route context", async () => {
    // app/api/webhook/[source]/route.ts: a pretty-printed body, so only the exact bytes verify.
    const signed = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
      format: "pretty",
      id: "msg_next",
    });
    const request = new NextRequest("http://localhost:3000/api/webhook/dodo", {
      method: "POST",
      headers: signed.headers,
      body: signed.body,
    });
    const received: string[] = [];
    const params: unknown[] = [];
    const POST: AppRouteHandler<{ source: string }> = Webhooks({
      webhookKey: sim.webhookKey,
      onPaymentSucceeded: async (payload, { webhookId, context }) => {
        received.push(`${payload.data.payment_id}:${webhookId}`);
        params.push(await context?.params);
      },
    });
    const response = await POST(request, routeContext({ source: "dodo" }));
    expect(response.status).toBe(200);
    expect(received).toEqual([`${signed.event.data.payment_id}:msg_next`]);
    expect(params).toEqual([{ source: "dodo" }]);
  });

  it("works without the route context (called directly, e.g. from another handler)", async () => {
    const POST = Webhooks({ webhookKey: sim.webhookKey });
    const response = await POST(new Request("http://localhost/api/webhook", { method: "POST" }));
    expect(response.status).toBe(401);
  });
});
