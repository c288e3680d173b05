import DodoPayments, {
  AuthenticationError,
  NotFoundError,
  UnprocessableEntityError,
} from "dodopayments";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../src/index.js";
import { sdkFor, submitCheckout } from "./helpers.js";

const billing = {
  country: "US",
  city: "San Francisco",
  state: "CA",
  street: "1 Market St",
  zipcode: "94105",
} as const;

let sim: Simulator;
let client: DodoPayments;

beforeAll(async () => {
  sim = await startSimulator();
  client = sdkFor(sim, { maxRetries: 0 });
});
afterAll(() => sim.close());

describe("defaults", () => {
  it("generates an API key and a 32-byte whsec_ key", () => {
    expect(sim.apiKey).toMatch(/^sim_test_[A-Za-z0-9]{32}$/);
    expect(sim.webhookKey).toMatch(/^whsec_/);
    expect(Buffer.from(sim.webhookKey.slice(6), "base64")).toHaveLength(32);
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe("products", () => {
  it("retrieves the demo products with the right is_recurring", async () => {
    const one = await client.products.retrieve("pdt_demo_onetime");
    expect(one.product_id).toBe("pdt_demo_onetime");
    expect(one.is_recurring).toBe(false);
    expect(one.price.type).toBe("one_time_price");

    const sub = await client.products.retrieve("pdt_demo_subscription");
    expect(sub.is_recurring).toBe(true);
    expect(sub.price).toMatchObject({
      type: "recurring_price",
      payment_frequency_interval: "Month",
    });

    const pwyw = await client.products.retrieve("pdt_demo_pwyw");
    expect(pwyw.is_recurring).toBe(false);
    expect(pwyw.price).toMatchObject({ type: "one_time_price", pay_what_you_want: true });
  });

  it("lists products in the page-number shape", async () => {
    const page = await client.products.list();
    expect(page.items.map((p) => p.product_id).sort()).toEqual([
      "pdt_demo_onetime",
      "pdt_demo_pwyw",
      "pdt_demo_subscription",
    ]);
    const recurring = await client.products.list({ recurring: true });
    expect(recurring.items.map((p) => p.product_id)).toEqual(["pdt_demo_subscription"]);
    // page_number is 0-based, as the API documents it ("default is 0").
    const first = await client.products.list({ page_size: 2 });
    const second = await client.products.list({ page_size: 2, page_number: 1 });
    const third = await client.products.list({ page_size: 2, page_number: 2 });
    expect([first.items.length, second.items.length, third.items.length]).toEqual([2, 1, 0]);
  });

  it("404s an unknown product with NotFoundError", async () => {
    const err = await client.products.retrieve("pdt_nope").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).status).toBe(404);
    expect((err as NotFoundError).error).toMatchObject({ code: "NOT_FOUND" });
  });

  it("seeds products from options, replacing the defaults", async () => {
    const own = await startSimulator({
      products: [
        { product_id: "pdt_book", name: "Book", price: 1200 },
        { product_id: "pdt_pro", name: "Pro", type: "subscription", price: 900, interval: "Year" },
      ],
    });
    try {
      const c = sdkFor(own);
      const list = await c.products.list();
      expect(list.items.map((p) => [p.product_id, p.is_recurring])).toEqual([
        ["pdt_book", false],
        ["pdt_pro", true],
      ]);
      const pro = await c.products.retrieve("pdt_pro");
      expect(pro.price).toMatchObject({ price: 900, payment_frequency_interval: "Year" });
    } finally {
      await own.close();
    }
  });
});

describe("payments and subscriptions", () => {
  it("creates a one-time payment link", async () => {
    const payment = await client.payments.create({
      payment_link: true,
      billing,
      customer: { email: "buyer@example.com", name: "Buyer" },
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 2 }],
      return_url: "https://example.com/done",
    });
    expect(payment.payment_id).toMatch(/^pay_/);
    expect(payment.payment_link).toBe(`${sim.url}/pay/${payment.payment_id}`);
    expect(payment.total_amount).toBe(2 * 2999);
    expect(payment.customer.email).toBe("buyer@example.com");
    expect(payment.customer.customer_id).toMatch(/^cus_/);
    const page = await fetch(payment.payment_link as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Demo one-time product");
  });

  it("creates a subscription link", async () => {
    const sub = await client.subscriptions.create({
      payment_link: true,
      billing,
      customer: { customer_id: "cus_demo" },
      product_id: "pdt_demo_subscription",
      quantity: 1,
      return_url: "https://example.com/done",
    });
    expect(sub.subscription_id).toMatch(/^sub_/);
    expect(sub.payment_link).toBe(`${sim.url}/pay/${sub.payment_id}`);
    expect(sub.recurring_pre_tax_amount).toBe(1500);
    expect(sub.customer).toMatchObject({ customer_id: "cus_demo", email: "demo@example.com" });
    const retrieved = await client.subscriptions.retrieve(sub.subscription_id);
    expect(retrieved.status).toBe("pending");
  });

  it("answers 422 for missing required fields", async () => {
    const cases: Array<[string, () => Promise<unknown>]> = [
      [
        "billing",
        () =>
          client.payments.create({
            customer: { customer_id: "cus_demo" },
            product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
          } as never),
      ],
      [
        "customer",
        () =>
          client.payments.create({
            billing,
            product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
          } as never),
      ],
      [
        "product_cart",
        () => client.payments.create({ billing, customer: { customer_id: "cus_demo" } } as never),
      ],
      [
        "product_id",
        () =>
          client.subscriptions.create({
            billing,
            customer: { customer_id: "cus_demo" },
            quantity: 1,
          } as never),
      ],
      [
        "quantity",
        () =>
          client.subscriptions.create({
            billing,
            customer: { customer_id: "cus_demo" },
            product_id: "pdt_demo_subscription",
          } as never),
      ],
    ];
    for (const [field, call] of cases) {
      const err = await call().catch((e: unknown) => e);
      expect(err, field).toBeInstanceOf(UnprocessableEntityError);
      const body = (err as UnprocessableEntityError).error as { code: string; message: string };
      expect(body.code).toBe("INVALID_REQUEST_BODY");
      expect(body.message).toContain(field);
    }
  });

  it("404s an unknown product in payments and subscriptions", async () => {
    await expect(
      client.payments.create({
        billing,
        customer: { customer_id: "cus_demo" },
        product_cart: [{ product_id: "pdt_missing", quantity: 1 }],
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      client.subscriptions.create({
        billing,
        customer: { customer_id: "cus_demo" },
        product_id: "pdt_missing",
        quantity: 1,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("requires an amount for pay-what-you-want payments and rejects one below the minimum", async () => {
    const base = { billing, customer: { customer_id: "cus_demo" } };
    const noAmount = await client.payments
      .create({ ...base, product_cart: [{ product_id: "pdt_demo_pwyw", quantity: 1 }] })
      .catch((e: unknown) => e);
    expect((noAmount as UnprocessableEntityError).error).toMatchObject({
      code: "PAY_AS_YOU_WANT_AMOUNT_REQUIRED",
    });
    const low = await client.payments
      .create({ ...base, product_cart: [{ product_id: "pdt_demo_pwyw", quantity: 1, amount: 1 }] })
      .catch((e: unknown) => e);
    expect((low as UnprocessableEntityError).error).toMatchObject({
      code: "REQUEST_AMOUNT_BELOW_MINIMUM",
    });
    const ok = await client.payments.create({
      ...base,
      product_cart: [{ product_id: "pdt_demo_pwyw", quantity: 1, amount: 2500 }],
    });
    expect(ok.total_amount).toBe(2500);
    expect(ok.payment_link).toBeNull();
  });
});

describe("checkout sessions", () => {
  it("creates and retrieves a session", async () => {
    const session = await client.checkoutSessions.create({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
      customer: { email: "session@example.com", name: "Session Buyer" },
      return_url: "https://example.com/return",
    });
    expect(session.session_id).toMatch(/^cks_/);
    expect(session.checkout_url).toBe(`${sim.url}/session/${session.session_id}`);
    const status = await client.checkoutSessions.retrieve(session.session_id);
    expect(status).toMatchObject({
      id: session.session_id,
      customer_email: "session@example.com",
      customer_name: "Session Buyer",
      payment_id: null,
      payment_status: null,
    });
  });

  it("validates product_cart like the API", async () => {
    const empty = await client.checkoutSessions
      .create({ product_cart: [] })
      .catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(UnprocessableEntityError);
    expect((empty as UnprocessableEntityError).error).toMatchObject({ code: "PRODUCT_CART_EMPTY" });

    const zero = await client.checkoutSessions
      .create({ product_cart: [{ product_id: "pdt_demo_onetime", quantity: 0 }] })
      .catch((e: unknown) => e);
    expect(zero).toBeInstanceOf(UnprocessableEntityError);
    expect((zero as UnprocessableEntityError).message).toContain("greater than 0");

    const missing = await client.checkoutSessions.create({} as never).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UnprocessableEntityError);

    await expect(
      client.checkoutSessions.create({ product_cart: [{ product_id: "pdt_x", quantity: 1 }] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.checkoutSessions.retrieve("cks_unknown")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("customers and the portal", () => {
  it("retrieves the demo customer and 404s an unknown one", async () => {
    const c = await client.customers.retrieve("cus_demo");
    expect(c).toMatchObject({ customer_id: "cus_demo", email: "demo@example.com" });
    await expect(client.customers.retrieve("cus_nobody")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("creates a portal session link (send_email as the SDK sends it)", async () => {
    const session = await client.customers.customerPortal.create("cus_demo", { send_email: true });
    expect(session.link).toMatch(new RegExp(`^${sim.url}/portal/cps_`));
    const last = sim.requests.at(-1);
    expect(last).toMatchObject({
      method: "POST",
      path: "/customers/cus_demo/customer-portal/session",
      query: { send_email: "true" },
      status: 200,
    });
    const page = await fetch(session.link);
    const html = await page.text();
    expect(html).toContain("Customer portal");
    expect(html).toContain("demo@example.com");
    await expect(client.customers.customerPortal.create("cus_nobody")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("customer lists (customers.create, payments.list, subscriptions.list)", () => {
  it("creates a customer once per email and finds it by email", async () => {
    const email = `list-${Date.now()}@example.com`;
    const created = await client.customers.create({ email, name: "List Tester" });
    expect(created).toMatchObject({ email, name: "List Tester" });
    expect(created.customer_id).toMatch(/^cus_/);
    const again = await client.customers.create({ email: email.toUpperCase(), name: "Other" });
    expect(again.customer_id).toBe(created.customer_id);
    const found = await client.customers.list({ email });
    expect(found.items.map((c) => c.customer_id)).toEqual([created.customer_id]);
    await expect(
      client.customers.create({ name: "No email" } as unknown as { email: string; name: string }),
    ).rejects.toBeInstanceOf(UnprocessableEntityError);
  });

  it("lists a customer's payments and subscriptions, newest first, filtered and paged", async () => {
    const email = `paid-${Date.now()}@example.com`;
    const customer = await client.customers.create({ email, name: "Paying" });
    const one = await client.checkoutSessions.create({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
      customer: { customer_id: customer.customer_id },
    });
    expect((await submitCheckout(sim, one.checkout_url as string, "pay")).status).toBe(303);
    const sub = await client.checkoutSessions.create({
      product_cart: [{ product_id: "pdt_demo_subscription", quantity: 1 }],
      customer: { customer_id: customer.customer_id },
    });
    expect((await submitCheckout(sim, sub.checkout_url as string, "pay")).status).toBe(303);

    const payments = await client.payments.list({ customer_id: customer.customer_id });
    expect(payments.items).toHaveLength(2);
    expect(payments.items.every((p) => p.customer.customer_id === customer.customer_id)).toBe(true);
    expect(payments.items[0]?.subscription_id).toMatch(/^sub_/); // the newer one first
    expect(payments.items[1]?.subscription_id ?? null).toBeNull();
    const succeeded = await client.payments.list({
      customer_id: customer.customer_id,
      status: "succeeded",
      page_size: 1,
      page_number: 1,
    });
    expect(succeeded.items.map((p) => p.payment_id)).toEqual([payments.items[1]?.payment_id]);

    const subscriptions = await client.subscriptions.list({ customer_id: customer.customer_id });
    expect(subscriptions.items).toHaveLength(1);
    expect(subscriptions.items[0]).toMatchObject({
      product_id: "pdt_demo_subscription",
      status: "active",
      customer: { customer_id: customer.customer_id, email },
    });
    const cancelled = await client.subscriptions.list({
      customer_id: customer.customer_id,
      status: "cancelled",
    });
    expect(cancelled.items).toEqual([]);
    const others = await client.payments.list({ customer_id: "cus_demo", page_size: 100 });
    expect(others.items.some((p) => p.customer.customer_id === customer.customer_id)).toBe(false);
  });
});

describe("auth and request log", () => {
  it("rejects a wrong key with AuthenticationError and the API's error body", async () => {
    const bad = new DodoPayments({
      bearerToken: "wrong",
      baseURL: sim.url,
      maxRetries: 0,
      logLevel: "off",
    });
    const err = await bad.products.retrieve("pdt_demo_onetime").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).error).toEqual({
      code: "UNAUTHORIZED",
      message: "You are not authorised to perform this action",
    });
  });

  it("rejects a missing key with 401", async () => {
    const res = await fetch(`${sim.url}/products`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await fetch(`${sim.url}/checkouts`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.apiKey}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "INVALID_REQUEST_BODY" });
  });

  it("records every API request with its status", async () => {
    const before = sim.requests.length;
    await client.products.retrieve("pdt_demo_onetime");
    const rec = sim.requests[before];
    expect(rec).toMatchObject({
      method: "GET",
      path: "/products/pdt_demo_onetime",
      status: 200,
      fault: null,
    });
    const over = await fetch(`${sim.url}/_sim/requests`).then(
      (r) => r.json() as Promise<{ items: unknown[] }>,
    );
    expect(over.items.length).toBeGreaterThan(before);
  });
});
