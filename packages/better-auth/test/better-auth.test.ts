// The plugin in a real Better Auth 1.7 app (node:sqlite in memory, email and password, served by
// node:http), called by the real client plugin, against the simulator over loopback.
import { type Simulator, startSimulator } from "@dodopayments/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebhookPayload } from "../src/index";
import { type App, payOnHostedPage, signUp, startApp, storedUser, verifyEmail } from "./app";

const UPSTREAM_SECRET = "upstream-detail-cus_secret@example.com";

let sim: Simulator;
let app: App;
const delivered: Array<{
  type: string;
  webhookId: string;
  customerId?: string;
  userEmail?: string;
}> = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, retryDelaysMs: [100, 200] });
  app = await startApp(sim, {
    webhooks: {
      onPayload: async (payload: WebhookPayload, { webhookId, context }) => {
        const customer = (payload.data as { customer?: { customer_id: string } }).customer;
        // Handlers get Better Auth's context: here, the user the customer belongs to.
        const users = customer
          ? await context?.adapter.findMany<{ email: string }>({
              model: "user",
              where: [{ field: "dodoCustomerId", value: customer.customer_id }],
            })
          : [];
        delivered.push({
          type: payload.type,
          webhookId,
          ...(customer ? { customerId: customer.customer_id } : {}),
          ...(users?.[0] ? { userEmail: users[0].email } : {}),
        });
      },
    },
  });
  sim.setWebhookUrl(`${app.url}/api/auth/dodopayments/webhooks`);
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
});

afterEach(() => sim.faults.clear());

const lastCall = (method: string, path: string) =>
  sim.requests.findLast((r) => r.method === method && r.path === path);

describe("customer on sign-up", () => {
  it("creates the Dodo customer with the user's email and name, and keeps its id on the user", async () => {
    const { user, email } = await signUp(app, { name: "Ada Lovelace" });
    const stored = await storedUser(app, user.id);
    expect(stored?.dodoCustomerId).toMatch(/^cus_/);
    const customer = sim.state.customers.get(stored?.dodoCustomerId as string);
    expect(customer).toMatchObject({ email, name: "Ada Lovelace" });
  });

  it("links the existing customer with that email instead of creating another", async () => {
    const { user } = await signUp(app, { email: "demo@example.com" });
    expect((await storedUser(app, user.id))?.dodoCustomerId).toBe("cus_demo");
    const withEmail = [...sim.state.customers.values()].filter(
      (c) => c.email === "demo@example.com",
    );
    expect(withEmail).toHaveLength(1);
  });

  it("a Dodo failure never fails the sign-up: it is logged, and the customer is made on first use", async () => {
    sim.faults.set({ route: "GET /customers", status: 500, body: { message: UPSTREAM_SECRET } });
    const before = app.logs.length;
    const { client, user, email } = await signUp(app);
    expect((await storedUser(app, user.id))?.dodoCustomerId ?? null).toBeNull();
    const logged = app.logs.slice(before).join("\n");
    expect(logged).toContain("first use");
    expect(logged).not.toContain(UPSTREAM_SECRET);
    expect(logged).not.toContain(email);

    sim.faults.clear();
    await verifyEmail(app, user.id);
    const { data, error } = await client.dodopayments.customer.portal();
    expect(error).toBeNull();
    expect(data?.url.startsWith(`${sim.url}/portal/`)).toBe(true);
    const stored = await storedUser(app, user.id);
    expect(sim.state.customers.get(stored?.dodoCustomerId as string)?.email).toBe(email);
  });

  it("an unreachable Dodo at sign-up does not hold the sign-up beyond the short timeout", async () => {
    sim.faults.set({ route: "GET /customers", hang: true });
    const started = Date.now();
    const { user } = await signUp(app);
    expect(Date.now() - started).toBeLessThan(9_000);
    expect((await storedUser(app, user.id))?.dodoCustomerId ?? null).toBeNull();
  });

  it("without createCustomerOnSignUp nothing is called at sign-up", async () => {
    const quiet = await startApp(sim, { createCustomerOnSignUp: false });
    try {
      const before = sim.requests.length;
      const { user } = await signUp(quiet);
      expect(sim.requests.length).toBe(before);
      expect((await storedUser(quiet, user.id))?.dodoCustomerId ?? null).toBeNull();
    } finally {
      await quiet.close();
    }
  });

  it("the customer id cannot be set by the user, and a new email drops the link", async () => {
    const { client, user } = await signUp(app);
    const linked = (await storedUser(app, user.id))?.dodoCustomerId;
    expect(linked).toMatch(/^cus_/);
    const attempt = await client.updateUser({ dodoCustomerId: "cus_demo" } as never);
    expect(attempt.error?.status).toBe(400);
    expect((await storedUser(app, user.id))?.dodoCustomerId).toBe(linked);
    const { browserClient } = await import("./app");
    const atSignUp = await browserClient(app).signUp.email({
      email: `chooser-${Date.now()}@example.com`,
      password: "correct horse battery staple",
      name: "Chooser",
      dodoCustomerId: "cus_demo",
    } as never);
    expect(atSignUp.error?.status).toBe(400);
    const ctx = await app.auth.$context;
    await ctx.internalAdapter.updateUser(user.id, { email: `changed-${Date.now()}@example.com` });
    expect((await storedUser(app, user.id))?.dodoCustomerId ?? null).toBeNull();
  });
});

describe("checkout session", () => {
  it("by slug: a URL the simulator's hosted page can pay, for the signed-in user, back to successUrl", async () => {
    const { client, user, email } = await signUp(app, { name: "Grace Hopper" });
    const { data, error } = await client.dodopayments.checkoutSession({
      slug: "pro",
      referenceId: "order_123",
    });
    expect(error).toBeNull();
    expect(data?.redirect).toBe(true);
    expect(data?.url.startsWith(`${sim.url}/session/cks_`)).toBe(true);
    expect(lastCall("POST", "/checkouts")?.body).toEqual({
      product_cart: [{ product_id: "pdt_demo_subscription", quantity: 1 }],
      customer: { email, name: "Grace Hopper" },
      metadata: { referenceId: "order_123" },
      return_url: `${app.url}/success`,
    });

    const landed = await payOnHostedPage(sim, data?.url as string);
    expect(`${landed.origin}${landed.pathname}`).toBe(`${app.url}/success`);
    expect(landed.searchParams.get("status")).toBe("active");
    const subscriptionId = landed.searchParams.get("subscription_id") as string;
    expect(subscriptionId).toMatch(/^sub_/);

    // The webhook arrives at /api/auth/dodopayments/webhooks and is handled with Better Auth's
    // context: the customer it names is this user's stored customer.
    const customerId = (await storedUser(app, user.id))?.dodoCustomerId;
    await expect
      .poll(() =>
        delivered.filter((d) => d.type === "subscription.active" && d.customerId === customerId),
      )
      .toEqual([expect.objectContaining({ userEmail: email })]);
    await expect
      .poll(() =>
        sim.deliveries
          .find((d) => d.type === "subscription.active" && d.body.includes(subscriptionId))
          ?.attempts.map((a) => a.status),
      )
      .toEqual([200]);
  });

  it("with product_cart, and with the customer overridden by email", async () => {
    const { client } = await signUp(app);
    const { data, error } = await client.dodopayments.checkoutSession({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 2 }],
      customer: { email: "gift@example.com", name: "Gift" },
      billing: {
        country: "US",
        city: "Austin",
        state: "TX",
        street: "1 Main St",
        zipcode: "73301",
      },
      discount_code: "WELCOME",
    });
    expect(error).toBeNull();
    expect(data?.url).toMatch(/\/session\/cks_/);
    expect(lastCall("POST", "/checkouts")?.body).toMatchObject({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 2 }],
      customer: { email: "gift@example.com", name: "Gift" },
      billing_address: { country: "US", zipcode: "73301" },
      discount_code: "WELCOME",
    });
  });

  it("products may come from an async function", async () => {
    const other = await startApp(sim, {
      checkout: { products: async () => [{ productId: "pdt_demo_onetime", slug: "book" }] },
    });
    try {
      const { client } = await signUp(other);
      const { data } = await client.dodopayments.checkoutSession({ slug: "book" });
      expect(data?.url).toMatch(/\/session\/cks_/);
      expect(lastCall("POST", "/checkouts")?.body).toMatchObject({
        product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
      });
    } finally {
      await other.close();
    }
  });

  it("refuses what it cannot honour with 400s that say why, before calling Dodo", async () => {
    const { client } = await signUp(app);
    const before = sim.requests.length;
    const unknown = await client.dodopayments.checkoutSession({ slug: "no-such-plan" });
    expect(unknown.error).toMatchObject({ status: 400, code: "UNKNOWN_PRODUCT" });
    const both = await client.dodopayments.checkoutSession({
      slug: "pro",
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
    });
    expect(both.error).toMatchObject({ status: 400, code: "INVALID_REQUEST" });
    const neither = await client.dodopayments.checkoutSession({ referenceId: "x" });
    expect(neither.error).toMatchObject({ status: 400, code: "INVALID_REQUEST" });
    const empty = await client.dodopayments.checkoutSession({ product_cart: [] });
    expect(empty.error).toMatchObject({ status: 400, code: "VALIDATION_ERROR" });
    // A browser cannot attach the checkout to a customer by id: only an email is taken.
    const byId = await client.dodopayments.checkoutSession({
      slug: "pro",
      customer: { customer_id: "cus_demo" } as never,
    });
    expect(byId.error?.status).toBe(400);
    expect(sim.requests.length).toBe(before);
  });

  it("an unknown product id is the 400 'Unknown product' of every adapter", async () => {
    const { client } = await signUp(app);
    const { error } = await client.dodopayments.checkoutSession({
      product_cart: [{ product_id: "pdt_does_not_exist", quantity: 1 }],
    });
    expect(error).toMatchObject({ status: 400, code: "UNKNOWN_PRODUCT" });
  });

  it("authenticatedUsersOnly: 401 without a session; without it, a signed-out checkout has no customer", async () => {
    const { browserClient } = await import("./app");
    const anonymous = browserClient(app);
    const refused = await anonymous.dodopayments.checkoutSession({ slug: "pro" });
    expect(refused.error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });

    const open = await startApp(sim, { checkout: { authenticatedUsersOnly: false } });
    try {
      const guest = browserClient(open);
      const { data } = await guest.dodopayments.checkoutSession({ slug: "ebook" });
      expect(data?.url).toMatch(/\/session\/cks_/);
      const body = lastCall("POST", "/checkouts")?.body as Record<string, unknown>;
      expect(body.customer).toBeUndefined();
      expect(body.return_url).toBe(`${open.url}/success`);
    } finally {
      await open.close();
    }
  });

  it("an absolute successUrl is used as it is", async () => {
    const other = await startApp(sim, {
      checkout: { successUrl: "https://shop.example.com/thanks?from=dodo" },
    });
    try {
      const { client } = await signUp(other);
      await client.dodopayments.checkoutSession({ slug: "ebook" });
      expect(lastCall("POST", "/checkouts")?.body).toMatchObject({
        return_url: "https://shop.example.com/thanks?from=dodo",
      });
    } finally {
      await other.close();
    }
  });
});

describe("legacy checkout (payment link, deprecated)", () => {
  const billing = {
    city: "San Francisco",
    country: "US",
    state: "CA",
    street: "123 Market St",
    zipcode: "94103",
  };

  it("by slug: a one-time product is a payment link, a subscription a subscription link", async () => {
    const { client, email } = await signUp(app);
    const once = await client.dodopayments.checkout({
      slug: "ebook",
      billing,
      referenceId: "order_7",
    });
    expect(once.error).toBeNull();
    expect(once.data).toMatchObject({ redirect: true });
    expect(once.data?.url).toMatch(/\/pay\/pay_/);
    expect(lastCall("POST", "/payments")?.body).toMatchObject({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
      customer: { email },
      metadata: { referenceId: "order_7" },
      return_url: `${app.url}/success`,
      payment_link: true,
    });
    const sub = await client.dodopayments.checkout({
      slug: "pro",
      billing,
      customer: { email: "customer@example.com", name: "John Doe" },
    });
    expect(sub.data?.url).toMatch(/\/pay\/pay_/);
    expect(lastCall("POST", "/subscriptions")?.body).toMatchObject({
      product_id: "pdt_demo_subscription",
      customer: { email: "customer@example.com", name: "John Doe" },
    });
    const landed = await payOnHostedPage(sim, sub.data?.url as string);
    expect(landed.searchParams.get("status")).toBe("active");
  });

  it("billing is required, as the API requires it", async () => {
    const { client } = await signUp(app);
    const { error } = await client.dodopayments.checkout({ slug: "ebook" } as never);
    expect(error).toMatchObject({ status: 400, code: "VALIDATION_ERROR" });
  });
});

describe("portal and lists: the signed-in user's own data only", () => {
  it("the portal needs a session (401) and a verified email (403 EMAIL_NOT_VERIFIED)", async () => {
    const { browserClient } = await import("./app");
    const anonymous = await browserClient(app).dodopayments.customer.portal();
    expect(anonymous.error).toMatchObject({ status: 401 });
    const { client } = await signUp(app);
    const before = sim.requests.length;
    const unverified = await client.dodopayments.customer.portal();
    expect(unverified.error).toMatchObject({ status: 403, code: "EMAIL_NOT_VERIFIED" });
    const list = await client.dodopayments.customer.payments.list({ query: {} });
    expect(list.error).toMatchObject({ status: 403, code: "EMAIL_NOT_VERIFIED" });
    expect(sim.requests.length).toBe(before);
  });

  it("opens the user's own portal; another user's session reaches only theirs", async () => {
    const a = await signUp(app, { verified: true });
    const b = await signUp(app, { verified: true });
    const aCustomer = (await storedUser(app, a.user.id))?.dodoCustomerId;
    const bCustomer = (await storedUser(app, b.user.id))?.dodoCustomerId;
    expect(aCustomer).not.toBe(bCustomer);

    const aPortal = await a.client.dodopayments.customer.portal();
    expect(aPortal.data).toMatchObject({ redirect: true });
    expect(lastCall("POST", `/customers/${aCustomer}/customer-portal/session`)).toBeDefined();
    const page = await (await fetch(aPortal.data?.url as string)).text();
    expect(page).toContain(a.email);

    // There is no parameter that names a customer: a query is not read.
    const before = sim.requests.length;
    const bPortal = await b.client.dodopayments.customer.portal({
      query: { customer_id: aCustomer } as never,
    });
    expect(bPortal.error).toBeNull();
    const portalCalls = sim.requests.slice(before).map((r) => r.path);
    expect(portalCalls).toEqual([`/customers/${bCustomer}/customer-portal/session`]);
    const bPage = await (await fetch(bPortal.data?.url as string)).text();
    expect(bPage).toContain(b.email);
    expect(bPage).not.toContain(a.email);
  });

  it("lists the user's subscriptions and payments, with limit, page and status", async () => {
    const a = await signUp(app, { verified: true });
    const b = await signUp(app, { verified: true });
    for (const slug of ["pro", "ebook"]) {
      const { data } = await a.client.dodopayments.checkoutSession({ slug });
      await payOnHostedPage(sim, data?.url as string);
    }
    const aCustomer = (await storedUser(app, a.user.id))?.dodoCustomerId;

    const subscriptions = await a.client.dodopayments.customer.subscriptions.list({
      query: { limit: 10, page: 1, status: "active" },
    });
    expect(subscriptions.error).toBeNull();
    expect(subscriptions.data?.items.map((s) => [s.product_id, s.customer.customer_id])).toEqual([
      ["pdt_demo_subscription", aCustomer],
    ]);
    expect(lastCall("GET", "/subscriptions")?.query).toEqual({
      customer_id: aCustomer,
      page_size: "10",
      page_number: "0",
      status: "active",
    });

    const payments = await a.client.dodopayments.customer.payments.list({
      query: { limit: 10, page: 1, status: "succeeded" },
    });
    expect(payments.data?.items).toHaveLength(2);
    expect(payments.data?.items.every((p) => p.customer.customer_id === aCustomer)).toBe(true);
    const secondPage = await a.client.dodopayments.customer.payments.list({
      query: { limit: 1, page: 2 },
    });
    expect(secondPage.data?.items.map((p) => p.payment_id)).toEqual([
      payments.data?.items[1]?.payment_id,
    ]);

    // Another user's session lists only theirs: nothing.
    const bSubscriptions = await b.client.dodopayments.customer.subscriptions.list({ query: {} });
    const bPayments = await b.client.dodopayments.customer.payments.list({ query: {} });
    expect([bSubscriptions.data?.items, bPayments.data?.items]).toEqual([[], []]);
  });

  it("a user with no Dodo customer yet lists nothing, and no customer is created for it", async () => {
    const lonely = await startApp(sim, { createCustomerOnSignUp: false });
    try {
      const { client, email } = await signUp(lonely, { verified: true });
      const { data } = await client.dodopayments.customer.subscriptions.list({ query: {} });
      expect(data?.items).toEqual([]);
      expect([...sim.state.customers.values()].some((c) => c.email === email)).toBe(false);
    } finally {
      await lonely.close();
    }
  });

  it("invalid query options are a 400", async () => {
    const { client } = await signUp(app, { verified: true });
    for (const query of [{ limit: 0 }, { limit: 101 }, { page: 0 }, { status: "sideways" }]) {
      const { error } = await client.dodopayments.customer.payments.list({ query: query as never });
      expect(error, JSON.stringify(query)).toMatchObject({ status: 400, code: "VALIDATION_ERROR" });
    }
  });

  it("requireEmailVerification: false lets an unverified user open the portal", async () => {
    const open = await startApp(sim, {
      portal: { requireEmailVerification: false, returnUrl: "/account" },
    });
    try {
      const { client, user } = await signUp(open);
      const { data, error } = await client.dodopayments.customer.portal();
      expect(error).toBeNull();
      expect(data?.url.startsWith(`${sim.url}/portal/`)).toBe(true);
      const customerId = (await storedUser(open, user.id))?.dodoCustomerId;
      expect(lastCall("POST", `/customers/${customerId}/customer-portal/session`)?.query).toEqual({
        return_url: `${open.url}/account`,
      });
    } finally {
      await open.close();
    }
  });
});

describe("Dodo Payments failures follow the status table, with no upstream text", () => {
  it.each([
    [{ status: 500, body: { message: UPSTREAM_SECRET } }, 502, "PAYMENT_PROVIDER_ERROR"],
    [{ status: 401, body: { message: UPSTREAM_SECRET } }, 500, "SERVER_MISCONFIGURED"],
    [
      { status: 422, body: { message: UPSTREAM_SECRET } },
      400,
      "THE_PAYMENT_PROVIDER_REJECTED_THE_REQUEST",
    ],
    [{ drop: true }, 502, "PAYMENT_PROVIDER_UNAVAILABLE"],
    [{ hang: true }, 504, "PAYMENT_PROVIDER_TIMED_OUT"],
  ] as const)("checkout: Dodo %j answers %i %s", async (fault, status, code) => {
    const { client } = await signUp(app);
    sim.faults.set({ route: "POST /checkouts", ...fault });
    const { data, error } = await client.dodopayments.checkoutSession({ slug: "ebook" });
    expect(data).toBeNull();
    expect(error).toMatchObject({ status, code });
    expect(JSON.stringify(error)).not.toContain(UPSTREAM_SECRET);
  });

  it("429 is a 503 with Dodo's Retry-After", async () => {
    const { client } = await signUp(app, { verified: true });
    sim.faults.set({ route: "GET /payments", status: 429, retryAfter: 7 });
    let retryAfter: string | null = null;
    const { error } = await client.dodopayments.customer.payments.list({
      query: {},
      fetchOptions: {
        onError: (context) => {
          retryAfter = context.response.headers.get("retry-after");
        },
      },
    });
    expect(error).toMatchObject({ status: 503, code: "PAYMENT_PROVIDER_BUSY_RETRY_LATER" });
    expect(retryAfter).toBe("7");
  });

  it("a customer deleted at Dodo is a 404 at the portal", async () => {
    const { client, user } = await signUp(app, { verified: true });
    const ctx = await app.auth.$context;
    await ctx.internalAdapter.updateUser(user.id, { dodoCustomerId: "cus_gone" });
    const { error } = await client.dodopayments.customer.portal();
    expect(error).toMatchObject({ status: 404, code: "CUSTOMER_NOT_FOUND" });
  });
});

describe("without a client: the plugin makes one on first use", () => {
  it("from the settings given", async () => {
    const own = await startApp(sim, { settings: { bearerToken: sim.apiKey, baseURL: sim.url } });
    try {
      const { client, user } = await signUp(own);
      expect((await storedUser(own, user.id))?.dodoCustomerId).toMatch(/^cus_/);
      const { data } = await client.dodopayments.checkoutSession({ slug: "ebook" });
      expect(data?.url).toMatch(/\/session\/cks_/);
    } finally {
      await own.close();
    }
  });

  it("with no API key anywhere: sign-up works, checkout is a logged 500 'server misconfigured'", async () => {
    expect(process.env.DODO_PAYMENTS_API_KEY).toBeUndefined();
    const keyless = await startApp(sim, { settings: { baseURL: sim.url } });
    try {
      const { client } = await signUp(keyless);
      const { error } = await client.dodopayments.checkoutSession({ slug: "ebook" });
      expect(error).toMatchObject({ status: 500, code: "SERVER_MISCONFIGURED" });
      expect(keyless.logs.join("\n")).toContain("No Dodo Payments API key");
    } finally {
      await keyless.close();
    }
  });
});

describe("webhooks under Better Auth", () => {
  it("Better Auth's origin check does not block a delivery, even one carrying a cookie", async () => {
    const { signedSampleWebhook } = await import("@dodopayments/simulator");
    const { body, headers } = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
    });
    const response = await fetch(`${app.url}/api/auth/dodopayments/webhooks`, {
      method: "POST",
      headers: { ...headers, cookie: "some=cookie", origin: "https://evil.example" },
      body,
    });
    expect(response.status).toBe(200);
    // The origin check is on: the same request to a checkout endpoint is refused.
    const checkoutSession = await fetch(`${app.url}/api/auth/dodopayments/checkout-session`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: "some=cookie",
        origin: "https://evil.example",
      },
      body: JSON.stringify({ slug: "ebook" }),
    });
    expect(checkoutSession.status).toBe(403);
  });

  it("GET and other methods are a 405 with Allow: POST, not Better Auth's 404", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await fetch(`${app.url}/api/auth/dodopayments/webhooks`, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });
});
