// Checkout and customer portal through the example app's actions and the component's functions,
// under convex-test (not a deployed Convex backend), with the Dodo calls going to the simulator.
import type { Simulator } from "@dodopayments/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, components } from "../../../examples/convex/convex/_generated/api";
import { checkout } from "../../../examples/convex/convex/dodo";
import { DodoPayments, type DodoPaymentsOptions } from "../src/client/index";
import { exampleApp, RETURN_URL, refusal, startDodo, UPSTREAM_SECRET } from "./example-app";

const cart = [{ product_id: "pdt_demo_onetime", quantity: 1 }];

let sim: Simulator;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ sim, stop } = await startDodo());
});
afterAll(() => stop());
afterEach(() => sim.faults.clear());

/** The example app with users: Ada has a Dodo customer, Bob has none yet. */
async function appWithUsers(adaCustomer = "cus_demo") {
  const t = exampleApp();
  await t.run(async (ctx) => {
    await ctx.db.insert("users", {
      authId: "user_ada",
      email: "ada@example.com",
      dodoCustomerId: adaCustomer,
    });
    await ctx.db.insert("users", { authId: "user_bob", email: "bob@example.com" });
  });
  return {
    anonymous: t,
    ada: t.withIdentity({ subject: "user_ada" }),
    bob: t.withIdentity({ subject: "user_bob" }),
  };
}

const lastCall = (path: string) =>
  sim.requests.findLast((request) => request.method === "POST" && request.path === path);

/** Dodo calls made while `run` runs, by path. */
async function callsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const before = sim.requests.length;
  await run();
  return sim.requests.slice(before).map((request) => `${request.method} ${request.path}`);
}

/** A second instance on the example's component, with quick failures for the fault cases. */
function fastFailing(options: Partial<DodoPaymentsOptions> = {}) {
  return new DodoPayments(components.dodopayments, {
    identify: async () => null,
    timeoutMs: 800,
    maxRetries: 0,
    logger: { warn() {}, error() {} },
    ...options,
  });
}

describe("checkout (under convex-test, not a deployed backend)", () => {
  it("the example's createCheckout action creates a checkout session, with settings from the app's environment", async () => {
    const { anonymous } = await appWithUsers();
    const result = await anonymous.action(api.payments.createCheckout, { product_cart: cart });
    expect(Object.keys(result)).toEqual(["checkout_url"]);
    expect(result.checkout_url.startsWith(`${sim.url}/session/cks_`)).toBe(true);
    const body = lastCall("/checkouts")?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      product_cart: cart,
      billing_currency: "USD",
      feature_flags: { allow_discount_code: true },
      // DODO_PAYMENTS_RETURN_URL, read on the app side: the payload had none.
      return_url: RETURN_URL,
    });
    expect(body.customer).toBeUndefined();
  });

  it("a return URL in the payload wins over DODO_PAYMENTS_RETURN_URL", async () => {
    const { anonymous } = await appWithUsers();
    await anonymous.action(api.payments.createCheckout, {
      product_cart: cart,
      returnUrl: "http://127.0.0.1:9/thanks",
    });
    expect(lastCall("/checkouts")?.body).toMatchObject({ return_url: "http://127.0.0.1:9/thanks" });
  });

  it("a signed-in user with a Dodo customer checks out as that customer (identify)", async () => {
    const { ada } = await appWithUsers();
    await ada.action(api.payments.createCheckout, { product_cart: cart });
    expect(lastCall("/checkouts")?.body).toMatchObject({ customer: { customer_id: "cus_demo" } });
  });

  it("a customer_id in the payload is refused without identify, and replaced by the identified one with it", async () => {
    const { anonymous, ada } = await appWithUsers();
    const payload = { product_cart: cart, customer: { customer_id: "cus_someone_else" } };
    let problem: unknown;
    const calls = await callsDuring(async () => {
      problem = await refusal(anonymous.action((ctx) => checkout(ctx, { payload })));
    });
    expect(problem).toEqual({
      type: "about:blank",
      title: "Invalid request",
      status: 400,
      errors: [
        {
          field: "customer.customer_id",
          message: "comes from identify (the signed-in user), never from the payload",
        },
      ],
    });
    expect(calls).toEqual([]);
    await ada.action((ctx) => checkout(ctx, { payload }));
    expect(lastCall("/checkouts")?.body).toMatchObject({ customer: { customer_id: "cus_demo" } });
  });

  it("a guest may give an email: the customer is created on the checkout page", async () => {
    const { anonymous } = await appWithUsers();
    const customer = { email: "guest@example.com", name: "Guest" };
    await anonymous.action((ctx) => checkout(ctx, { payload: { product_cart: cart, customer } }));
    expect(lastCall("/checkouts")?.body).toMatchObject({ customer });
  });

  it("an invalid payload is a 400 naming the field (core's schema, in the component), with no Dodo call", async () => {
    const { anonymous } = await appWithUsers();
    let problem: unknown;
    const calls = await callsDuring(async () => {
      problem = await refusal(anonymous.action(api.payments.createCheckout, { product_cart: [] }));
    });
    expect(problem).toMatchObject({ status: 400, title: "Invalid request" });
    expect((problem as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      "product_cart",
    ]);
    const unsafe = await refusal(
      anonymous.action(api.payments.createCheckout, {
        product_cart: [{ product_id: "..", quantity: 1 }],
      }),
    );
    expect(unsafe.errors?.map((e) => e.field)).toEqual(["product_cart.0.product_id"]);
    expect(calls).toEqual([]);
  });

  it("an unknown product is a 400", async () => {
    const { anonymous } = await appWithUsers();
    const problem = await refusal(
      anonymous.action(api.payments.createCheckout, {
        product_cart: [{ product_id: "pdt_does_not_exist", quantity: 1 }],
      }),
    );
    expect(problem).toMatchObject({ status: 400, title: "Unknown product" });
  });

  it("Dodo API failures follow the status-code contract, without the upstream text", async () => {
    const { anonymous } = await appWithUsers();
    const dodo = fastFailing();
    const attempt = () =>
      refusal(anonymous.action((ctx) => dodo.checkout(ctx, { payload: { product_cart: cart } })));
    const upstream = { code: "INTERNAL", message: UPSTREAM_SECRET };

    sim.faults.set({ route: "POST /checkouts", status: 500, body: upstream });
    expect(await attempt()).toEqual({
      type: "about:blank",
      title: "Payment provider error",
      status: 502,
    });
    sim.faults.set({ route: "POST /checkouts", status: 429, retryAfter: 7, body: upstream });
    expect(await attempt()).toMatchObject({ status: 503, retryAfter: "7" });
    sim.faults.set({ route: "POST /checkouts", hang: true });
    expect(await attempt()).toMatchObject({ status: 504, title: "Payment provider timed out" });
    sim.faults.set({ route: "POST /checkouts", drop: true });
    expect(await attempt()).toMatchObject({ status: 502 });
  });

  it("a key Dodo rejects, a missing key or an invalid environment is a 500 'Server misconfigured'", async () => {
    const { anonymous } = await appWithUsers();
    const misconfigured = {
      type: "about:blank",
      title: "Server misconfigured",
      status: 500,
      detail: "The payment integration is not configured correctly. See the server logs.",
    };
    const run = (dodo: DodoPayments) =>
      refusal(anonymous.action((ctx) => dodo.checkout(ctx, { payload: { product_cart: cart } })));
    expect(await run(fastFailing({ apiKey: "sk_not_this_one" }))).toEqual(misconfigured);
    expect(await run(fastFailing({ environment: "sandbox" }))).toEqual(misconfigured);
    const key = process.env.DODO_PAYMENTS_API_KEY;
    delete process.env.DODO_PAYMENTS_API_KEY;
    try {
      const calls = await callsDuring(async () => {
        expect(await run(fastFailing())).toEqual(misconfigured);
      });
      expect(calls).toEqual([]);
    } finally {
      process.env.DODO_PAYMENTS_API_KEY = key;
    }
  });
});

describe("customer portal (under convex-test, not a deployed backend)", () => {
  it("the example's getCustomerPortal action opens the identified customer's portal", async () => {
    const { ada } = await appWithUsers();
    const result = await ada.action(api.payments.getCustomerPortal, { send_email: true });
    expect(Object.keys(result)).toEqual(["portal_url"]);
    expect(result.portal_url.startsWith(sim.url)).toBe(true);
    const call = lastCall("/customers/cus_demo/customer-portal/session");
    expect(call?.query.send_email).toBe("true");
  });

  it("without an identity it is refused with 401, and Dodo is not called", async () => {
    const { anonymous } = await appWithUsers();
    let problem: unknown;
    const calls = await callsDuring(async () => {
      problem = await refusal(anonymous.action(api.payments.getCustomerPortal, {}));
    });
    expect(problem).toEqual({ type: "about:blank", title: "Not signed in", status: 401 });
    expect(calls).toEqual([]);
  });

  it("a signed-in user without a Dodo customer is refused with 401 too", async () => {
    const { bob } = await appWithUsers();
    expect(await refusal(bob.action(api.payments.getCustomerPortal, {}))).toMatchObject({
      status: 401,
    });
  });

  it("a customer Dodo does not know is a 404", async () => {
    const { ada } = await appWithUsers("cus_nobody");
    expect(await refusal(ada.action(api.payments.getCustomerPortal, {}))).toMatchObject({
      status: 404,
      title: "Customer not found",
    });
  });

  it("an id from identify that cannot be a customer id is a 500, with no Dodo call", async () => {
    const { anonymous } = await appWithUsers();
    const dodo = fastFailing({ identify: async () => ({ dodoCustomerId: ".." }) });
    let problem: unknown;
    const calls = await callsDuring(async () => {
      problem = await refusal(anonymous.action((ctx) => dodo.customerPortal(ctx)));
    });
    expect(problem).toEqual({ type: "about:blank", title: "Internal server error", status: 500 });
    expect(calls).toEqual([]);
  });
});

describe("the component's own functions (under convex-test, not a deployed backend)", () => {
  const settings = () => ({
    apiKey: sim.apiKey,
    environment: "test_mode" as const,
    baseURL: sim.url,
  });

  it("are actions the app calls with the settings it read", async () => {
    const t = exampleApp();
    const session = await t.action(components.dodopayments.lib.checkout, {
      ...settings(),
      payload: { product_cart: cart },
    });
    expect(session).toEqual({ checkout_url: expect.stringContaining(`${sim.url}/session/cks_`) });
    const portal = await t.action(components.dodopayments.lib.customerPortal, {
      ...settings(),
      customerId: "cus_demo",
    });
    expect(portal).toEqual({ portal_url: expect.stringContaining(sim.url) });
  });

  it("check their arguments with Convex validators", async () => {
    const t = exampleApp();
    const call = (args: Record<string, unknown>) =>
      // Deliberately wrong arguments: what the validators are for.
      t.action(components.dodopayments.lib.customerPortal, args as never);
    await expect(call({ ...settings(), customerId: 42 })).rejects.toThrow(/Validator/);
    await expect(
      call({ ...settings(), environment: "sandbox", customerId: "cus_demo" }),
    ).rejects.toThrow(/Validator/);
    const { apiKey: _omitted, ...withoutKey } = settings();
    await expect(call({ ...withoutKey, customerId: "cus_demo" })).rejects.toThrow(/apiKey/);
    await expect(
      t.action(components.dodopayments.lib.checkout, { ...settings() } as never),
    ).rejects.toThrow(/payload/);
  });
});
