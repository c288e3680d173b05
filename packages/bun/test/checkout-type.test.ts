// Unit tests of Checkout's `type` routing, calling the handlers directly with Web `Request`s (as a
// `fetch` handler or a test would) against the simulator in this process. The same routing on
// the Bun runtime is in bun.test.ts.
import {
  adapterOptions,
  recordingLogger,
  type Simulator,
  startSimulator,
} from "@dodopayments/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Checkout, type CheckoutType } from "../src/index";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());

const ORIGIN = "http://127.0.0.1:3000";
const session = { product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] };
const paymentLink = {
  product_id: "pdt_demo_onetime",
  quantity: 1,
  billing: { city: "Austin", country: "US", state: "Texas", street: "1 Main St", zipcode: "73301" },
  customer: { email: "ada@example.com", name: "Ada Lovelace" },
};

const get = (query = "?productId=pdt_demo_onetime", method = "GET") =>
  new Request(`${ORIGIN}/api/checkout${query}`, { method });
const post = (body: unknown) =>
  new Request(`${ORIGIN}/api/checkout`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** The handler for `type` (undefined: the default), pointed at the simulator. */
const checkout = (type: CheckoutType | undefined) =>
  Checkout({
    ...adapterOptions(sim),
    returnUrl: `${ORIGIN}/success`,
    logger: recordingLogger(),
    ...(type ? { type } : {}),
  });

/** The status, and the simulator API calls the request caused ("METHOD /path"). */
async function call(
  handler: (request: Request) => Promise<Response>,
  request: Request,
): Promise<{ status: number; allow: string | null; calls: string[]; body: string }> {
  const before = sim.requests.length;
  const response = await handler(request);
  const body = await response.text();
  return {
    status: response.status,
    allow: response.headers.get("allow"),
    calls: sim.requests.slice(before).map((r) => `${r.method} ${r.path}`),
    body,
  };
}

describe("Checkout routes by `type`, never by method alone", () => {
  for (const type of [undefined, "static"] as const) {
    describe(`type ${type ?? "omitted (static)"}`, () => {
      it("GET and HEAD answer a static link built from the query", async () => {
        const result = await call(checkout(type), get());
        expect(result.status).toBe(200);
        expect(JSON.parse(result.body).checkout_url).toMatch(
          new RegExp(`^${sim.url}/buy/pdt_demo_onetime\\?`),
        );
        expect((await call(checkout(type), get(undefined, "HEAD"))).status).toBe(200);
      });

      it("POST is a 405 (Allow: GET, HEAD), whether the body is a session or a payment link", async () => {
        for (const body of [session, paymentLink]) {
          const result = await call(checkout(type), post(body));
          expect(result).toMatchObject({ status: 405, allow: "GET, HEAD", calls: [] });
        }
      });
    });
  }

  describe("type dynamic", () => {
    it("POST of a one-time product creates a payment (POST /payments)", async () => {
      const result = await call(checkout("dynamic"), post(paymentLink));
      expect(result.status).toBe(200);
      expect(result.calls).toEqual(["GET /products/pdt_demo_onetime", "POST /payments"]);
    });

    it("POST of a subscription product creates a subscription (POST /subscriptions)", async () => {
      const result = await call(
        checkout("dynamic"),
        post({ ...paymentLink, product_id: "pdt_demo_subscription" }),
      );
      expect(result.status).toBe(200);
      expect(result.calls).toContain("POST /subscriptions");
      expect(result.calls).not.toContain("POST /checkouts");
    });

    it("a checkout-session body is a 400 naming what a payment link needs, with no API call", async () => {
      const result = await call(checkout("dynamic"), post(session));
      expect(result.status).toBe(400);
      expect(result.calls).toEqual([]);
      const fields = (JSON.parse(result.body).errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(["billing", "customer"]));
    });

    it("GET and HEAD are a 405 (Allow: POST)", async () => {
      for (const method of ["GET", "HEAD"]) {
        const result = await call(checkout("dynamic"), get(undefined, method));
        expect(result).toMatchObject({ status: 405, allow: "POST", calls: [] });
      }
    });
  });

  describe("type session", () => {
    it("POST creates a checkout session (POST /checkouts) with the return URL", async () => {
      const result = await call(checkout("session"), post(session));
      expect(result.status).toBe(200);
      expect(result.calls).toEqual(["POST /checkouts"]);
      expect(JSON.parse(result.body).checkout_url).toMatch(new RegExp(`^${sim.url}/session/cks_`));
      expect(sim.requests.at(-1)?.body).toMatchObject({ return_url: `${ORIGIN}/success` });
    });

    it("a payment-link body is a 400 naming product_cart, with no API call", async () => {
      const result = await call(checkout("session"), post(paymentLink));
      expect(result.status).toBe(400);
      expect(result.calls).toEqual([]);
      const fields = (JSON.parse(result.body).errors as { field: string }[]).map((e) => e.field);
      expect(fields).toContain("product_cart");
    });

    it("GET is a 405 (Allow: POST)", async () => {
      const result = await call(checkout("session"), get());
      expect(result).toMatchObject({ status: 405, allow: "POST", calls: [] });
    });
  });

  it("an unknown type is refused when the handler is created", () => {
    expect(() => Checkout({ type: "payment" as CheckoutType })).toThrow(TypeError);
  });
});

describe("the second argument (Bun's server) is the hooks' context", () => {
  it("reaches beforeCheckout, typed by the type argument", async () => {
    const server = { id: "server-1", requestIP: () => ({ address: "127.0.0.1" }) };
    const contexts: unknown[] = [];
    const handler = Checkout<typeof server>({
      ...adapterOptions(sim),
      type: "session",
      beforeCheckout: (payload, { context }) => {
        contexts.push(context?.id);
        return payload;
      },
    });
    expect((await handler(post(session), server)).status).toBe(200);
    expect((await handler(post(session))).status).toBe(200);
    expect(contexts).toEqual(["server-1", undefined]);
  });
});
