// The types users get: the client's methods inferred from the server plugin, and `auth.api`.
// `tsc` (check-types) checks the assertions; the calls run against a real app.
import { type Simulator, startSimulator } from "@dodopayments/simulator";
import type DodoPayments from "dodopayments";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { CheckoutResponse, ListResponse } from "../src/index";
import { type App, signUp, startApp, type TestAuth } from "./app";

let sim: Simulator;
let app: App;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  app = await startApp(sim);
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
});

describe("types", () => {
  it("the client's methods and answers are typed from the server plugin", async () => {
    const { client } = await signUp(app, { verified: true });

    const session = await client.dodopayments.checkoutSession({ slug: "pro", referenceId: "r1" });
    expectTypeOf(session.data).toEqualTypeOf<(CheckoutResponse & { session_id: string }) | null>();
    expect(session.data?.session_id).toMatch(/^cks_/);

    const link = await client.dodopayments.checkout({
      slug: "ebook",
      billing: { country: "US", zipcode: 94103 },
    });
    expectTypeOf(link.data).toEqualTypeOf<CheckoutResponse | null>();
    expect(link.data?.redirect).toBe(true);

    const portal = await client.dodopayments.customer.portal();
    expectTypeOf(portal.data).toEqualTypeOf<{ url: string; redirect: true } | null>();
    expect(portal.data?.redirect).toBe(true);

    const subscriptions = await client.dodopayments.customer.subscriptions.list({
      query: { limit: 5, page: 1, status: "active" },
    });
    expectTypeOf(
      subscriptions.data,
    ).toEqualTypeOf<ListResponse<DodoPayments.SubscriptionListResponse> | null>();
    expect(subscriptions.data?.items).toEqual([]);

    const payments = await client.dodopayments.customer.payments.list({
      query: { status: "succeeded" },
    });
    expectTypeOf(
      payments.data,
    ).toEqualTypeOf<ListResponse<DodoPayments.PaymentListResponse> | null>();
    expect(payments.data?.items).toEqual([]);

    // @ts-expect-error: statuses are the API's
    await client.dodopayments.customer.payments.list({ query: { status: "sideways" } });
    // The webhook is called by Dodo Payments only, not by the client (the client's proxy would
    // make a method of any name, so this is a check of the types alone).
    // @ts-expect-error: no such method
    void client.dodopayments.webhooks;
  });

  it("auth.api has the checkout, portal and list endpoints, not the webhook", async () => {
    expectTypeOf<TestAuth["api"]>().toHaveProperty("dodoCheckoutSession");
    expectTypeOf<TestAuth["api"]>().toHaveProperty("dodoCheckout");
    expectTypeOf<TestAuth["api"]>().toHaveProperty("dodoCustomerPortal");
    expectTypeOf<TestAuth["api"]>().toHaveProperty("dodoCustomerSubscriptions");
    expectTypeOf<TestAuth["api"]>().toHaveProperty("dodoCustomerPayments");
    expectTypeOf<TestAuth["api"]>().not.toHaveProperty("dodoWebhooks");

    // On the server, with the request's headers for the session.
    const { cookie } = await signUp(app);
    const result = await app.auth.api.dodoCheckoutSession({
      body: { slug: "ebook" },
      headers: new Headers({ cookie: cookie() }),
    });
    expectTypeOf(result.url).toBeString();
    expect(result.url).toMatch(/\/session\/cks_/);
  });
});
