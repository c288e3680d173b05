import {
  buildStaticCheckoutUrl,
  type CheckoutHandlerConfig,
  checkoutHandler,
  DodoHttpError,
  lazyClient,
} from "@dodopayments/core";
import { recordingLogger, type Simulator, startSimulator } from "@dodopayments/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
  vi.unstubAllEnvs();
});

const billing = { country: "US", city: "Austin", state: "TX", street: "1 Main", zipcode: 73301 };
const customer = { email: "ada@example.com", name: "Ada" };

function handler(config: CheckoutHandlerConfig = {}) {
  const logger = recordingLogger();
  return {
    logger,
    handle: checkoutHandler({
      bearerToken: sim.apiKey,
      baseURL: sim.url,
      maxRetries: 0,
      timeoutMs: 1000,
      logger,
      ...config,
    }),
  };
}

const get = (query: string) => new Request(`http://shop.test/api/checkout?${query}`);
const post = (body: unknown, path = "/api/checkout") =>
  new Request(`http://shop.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const newProduct = (recurring = false) =>
  sim.addProduct({
    product_id: `pdt_${Math.random().toString(36).slice(2)}`,
    name: "P",
    type: recurring ? "subscription" : "one_time",
    price: 500,
    currency: "USD",
  }).product_id;

describe("static checkout", () => {
  it("builds the link with every documented parameter", async () => {
    const { handle } = handler({ returnUrl: "https://shop.test/done" });
    const query =
      "productId=pdt_demo_onetime&quantity=3&fullName=Ada%20L&firstName=Ada&lastName=L&email=a%40b.co&country=US&addressLine=1%20Main&city=Austin&state=TX&zipCode=73301&disableFullName=true&disableFirstName=false&disableLastName=true&disableEmail=true&disableCountry=true&disableAddressLine=true&disableCity=true&disableState=true&disableZipCode=true&paymentCurrency=EUR&showCurrencySelector=false&paymentAmount=1000&showDiscounts=false&metadata_orderId=123&metadata_user-id=u_1";
    const response = await handle(get(query));
    expect(response.status).toBe(200);
    const link = new URL(((await response.json()) as { checkout_url: string }).checkout_url);
    expect(link.pathname).toBe("/buy/pdt_demo_onetime");
    const expected = new URLSearchParams(query);
    expected.delete("productId");
    for (const [name, value] of expected) expect(link.searchParams.get(name), name).toBe(value);
    expect(link.searchParams.get("redirect_url")).toBe("https://shop.test/done");
  });

  it("defaults quantity to 1 and omits redirect_url without a return URL", async () => {
    vi.stubEnv("DODO_PAYMENTS_RETURN_URL", "");
    const { handle } = handler();
    const link = new URL(
      ((await (await handle(get("productId=pdt_demo_onetime"))).json()) as { checkout_url: string })
        .checkout_url,
    );
    expect(link.searchParams.get("quantity")).toBe("1");
    expect(link.searchParams.has("redirect_url")).toBe(false);
  });

  it.each([
    ["quantity=-1", "quantity"],
    ["quantity=1.5", "quantity"],
    ["paymentAmount=abc", "paymentAmount"],
    ["disableEmail=1", "disableEmail"],
    ["email=not-an-email", "email"],
    ["country=USA", "country"],
    ["paymentCurrency=dollars", "paymentCurrency"],
    ["metadata_bad%20key=1", "metadata_bad key"],
  ])("refuses %s with a 400 naming %s", async (query, field) => {
    const { handle } = handler();
    const response = await handle(get(`productId=pdt_demo_onetime&${query}`));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toEqual([field]);
  });

  it("checks the product once and then serves repeated clicks from the cache", async () => {
    const productId = newProduct();
    const { handle } = handler();
    for (let i = 0; i < 3; i++)
      expect((await handle(get(`productId=${productId}`))).status).toBe(200);
    expect(sim.requests.filter((r) => r.path === `/products/${productId}`)).toHaveLength(1);
    const uncached = handler({ productCacheTtlMs: 0 });
    for (let i = 0; i < 2; i++) await uncached.handle(get(`productId=${productId}`));
    expect(sim.requests.filter((r) => r.path === `/products/${productId}`)).toHaveLength(3);
  });

  it("answers 405 with Allow for POST on a static handler", async () => {
    const { handle } = handler();
    const response = await handle(post({}));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });

  it("builds links on the environment's checkout host when no base URL is set", () => {
    const test = lazyClient({ bearerToken: "k", environment: "test_mode" })(undefined);
    const live = lazyClient({ bearerToken: "k", environment: "live_mode" })(undefined);
    expect(test.checkoutBaseURL).toBe("https://test.checkout.dodopayments.com");
    expect(live.checkoutBaseURL).toBe("https://checkout.dodopayments.com");
    expect(
      buildStaticCheckoutUrl({
        checkoutBaseURL: test.checkoutBaseURL,
        productId: "pdt 1",
        params: {},
        metadata: {},
      }),
    ).toBe("https://test.checkout.dodopayments.com/buy/pdt%201?quantity=1");
  });

  it("does not trip the SDK's 'Ambiguous URL' rule when a base URL and an environment are both set", async () => {
    vi.stubEnv("DODO_PAYMENTS_BASE_URL", sim.url);
    vi.stubEnv("DODO_PAYMENTS_API_KEY", sim.apiKey);
    const handle = checkoutHandler({ environment: "test_mode", logger: recordingLogger() });
    expect((await handle(get("productId=pdt_demo_onetime"))).status).toBe(200);
  });
});

describe("configuration", () => {
  it("reads the documented environment variables lazily", async () => {
    vi.stubEnv("DODO_PAYMENTS_API_KEY", "");
    const logger = recordingLogger();
    const handle = checkoutHandler({ baseURL: sim.url, logger });
    const first = await handle(get("productId=pdt_demo_onetime"));
    expect(first.status).toBe(500);
    expect(((await first.json()) as { title: string }).title).toBe("Server misconfigured");
    expect(logger.lines.join("\n")).toContain("DODO_PAYMENTS_API_KEY");
    vi.stubEnv("DODO_PAYMENTS_API_KEY", sim.apiKey);
    expect((await handle(get("productId=pdt_demo_onetime"))).status).toBe(200);
  });

  it("refuses an invalid environment with 500 and a log line", async () => {
    const { handle, logger } = handler({ environment: "test" });
    expect((await handle(get("productId=pdt_demo_onetime"))).status).toBe(500);
    expect(logger.lines.join("\n")).toContain('use "test_mode" or "live_mode"');
  });

  it("never echoes the API key", async () => {
    sim.faults.set({ route: "*", status: 401 });
    const { handle, logger } = handler({ bearerToken: "sk_live_very_secret" });
    const response = await handle(get(`productId=${newProduct()}`));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("very_secret");
    expect(logger.lines.join("\n")).not.toContain("very_secret");
  });
});

describe("dynamic checkout", () => {
  it("uses POST /payments for one-time products and converts a numeric zipcode", async () => {
    const { handle } = handler({ type: "dynamic" });
    const response = await handle(
      post({
        product_cart: [{ product_id: "pdt_demo_onetime", quantity: 2 }],
        billing,
        customer,
        payment_link: false,
      }),
    );
    expect(response.status).toBe(200);
    const call = sim.requests.findLast((r) => r.path === "/payments");
    expect(call?.body).toMatchObject({
      payment_link: true,
      billing: { zipcode: "73301" },
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 2 }],
    });
  });

  it("uses POST /subscriptions for a single recurring product in a cart", async () => {
    const { handle } = handler({ type: "dynamic" });
    const response = await handle(
      post({
        product_cart: [{ product_id: "pdt_demo_subscription", quantity: 1 }],
        billing,
        customer,
      }),
    );
    expect(response.status).toBe(200);
    expect(sim.requests.findLast((r) => r.path === "/subscriptions")?.body).toMatchObject({
      product_id: "pdt_demo_subscription",
      quantity: 1,
    });
  });

  it("refuses a cart that mixes a subscription with other products", async () => {
    const { handle } = handler({ type: "dynamic" });
    const response = await handle(
      post({
        product_cart: [
          { product_id: "pdt_demo_subscription", quantity: 1 },
          { product_id: "pdt_demo_onetime", quantity: 1 },
        ],
        billing,
        customer,
      }),
    );
    expect(response.status).toBe(400);
  });

  it("names the unknown product's field", async () => {
    const { handle } = handler({ type: "dynamic" });
    const response = await handle(
      post({
        product_cart: [
          { product_id: "pdt_demo_onetime", quantity: 1 },
          { product_id: "pdt_missing", quantity: 1 },
        ],
        billing,
        customer,
      }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
      "product_cart.1.product_id",
    );
  });

  it.each([
    ["product_id", { billing, customer }],
    [
      "product_id",
      {
        product_id: "pdt_demo_onetime",
        product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
        billing,
        customer,
      },
    ],
    ["quantity", { product_id: "pdt_demo_onetime", quantity: 0, billing, customer }],
    ["billing.country", { product_id: "pdt_demo_onetime", billing: { country: "usa" }, customer }],
    ["customer", { product_id: "pdt_demo_onetime", billing, customer: { email: "nope" } }],
    [
      "metadata.bad key",
      { product_id: "pdt_demo_onetime", billing, customer, metadata: { "bad key": "x" } },
    ],
    [
      "return_url",
      { product_id: "pdt_demo_onetime", billing, customer, return_url: "javascript:alert(1)" },
    ],
    [
      "trial_period_days",
      { product_id: "pdt_demo_onetime", billing, customer, trial_period_days: 10_001 },
    ],
  ])("refuses an invalid body naming %s (case %#)", async (field, body) => {
    const { handle } = handler({ type: "dynamic" });
    const response = await handle(post(body));
    expect(response.status).toBe(400);
    const errors = ((await response.json()) as { errors: { field: string }[] }).errors.map(
      (e) => e.field,
    );
    expect(errors.some((f) => f.startsWith(field))).toBe(true);
  });
});

describe("checkout sessions", () => {
  it("sends the full documented body", async () => {
    const { handle } = handler({ type: "session" });
    const body = {
      product_cart: [
        {
          product_id: "pdt_demo_onetime",
          quantity: 1,
          addons: [{ addon_id: "adn_1", quantity: 2 }],
        },
      ],
      customer: { customer_id: "cus_demo" },
      billing_address: { country: "IN", city: "Pune", zipcode: "411001" },
      allowed_payment_method_types: ["credit", "debit", "upi_collect"],
      billing_currency: "INR",
      discount_code: "WELCOME",
      metadata: { plan: "pro" },
      customization: { theme: "dark", show_order_details: false, show_on_demand_tag: true },
      feature_flags: {
        allow_currency_selection: true,
        allow_discount_code: false,
        allow_phone_number_collection: true,
        allow_tax_id: true,
        always_create_new_customer: false,
      },
      subscription_data: {
        trial_period_days: 14,
        on_demand: { mandate_only: true, product_price: 1000 },
      },
      confirm: false,
      show_saved_payment_methods: true,
      force_3ds: true,
      return_url: "https://shop.test/thanks",
    };
    const response = await handle(post(body, "/api/checkout-session"));
    expect(response.status).toBe(200);
    expect(sim.requests.findLast((r) => r.path === "/checkouts")?.body).toEqual(body);
  });

  it("drops fields the browser must not set", async () => {
    const { handle } = handler({ type: "session" });
    await handle(
      post({
        product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
        payment_method_id: "pm_someone_elses",
        customer_business_name: "x",
      }),
    );
    const sent = sim.requests.findLast((r) => r.path === "/checkouts")?.body as Record<
      string,
      unknown
    >;
    expect(sent).not.toHaveProperty("payment_method_id");
    expect(sent).not.toHaveProperty("customer_business_name");
  });

  it("beforeCheckout fixes fields on the server and can refuse", async () => {
    const request = post({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
      customer: { email: "attacker@example.com" },
      metadata: { plan: "free" },
    });
    const { handle } = handler({
      type: "session",
      beforeCheckout: (payload, { type, request: req }) => {
        expect(type).toBe("session");
        expect(req).toBe(request);
        return {
          ...payload,
          customer: { customer_id: "cus_demo" },
          metadata: { plan: "pro", user: "u_1" },
        };
      },
    });
    expect((await handle(request)).status).toBe(200);
    expect(sim.requests.findLast((r) => r.path === "/checkouts")?.body).toMatchObject({
      customer: { customer_id: "cus_demo" },
      metadata: { plan: "pro", user: "u_1" },
    });

    const refusing = handler({
      type: "session",
      beforeCheckout: () => {
        throw new DodoHttpError(401, "Sign in to buy");
      },
    });
    const refused = await refusing.handle(
      post({ product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] }),
    );
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { title: string }).title).toBe("Sign in to buy");
  });

  it("limits return_url to the allow-list", async () => {
    const cart = { product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] };
    const sameOrigin = handler({ type: "session", allowedReturnUrls: "same-origin" });
    expect(
      (await sameOrigin.handle(post({ ...cart, return_url: "http://shop.test/ok" }))).status,
    ).toBe(200);
    expect(
      (await sameOrigin.handle(post({ ...cart, return_url: "https://evil.test/phish" }))).status,
    ).toBe(400);
    const listed = handler({
      type: "session",
      allowedReturnUrls: ["https://shop.test/checkout/", /^https:\/\/app\.shop\.test\//],
    });
    expect(
      (await listed.handle(post({ ...cart, return_url: "https://shop.test/checkout/done" })))
        .status,
    ).toBe(200);
    expect(
      (await listed.handle(post({ ...cart, return_url: "https://app.shop.test/x" }))).status,
    ).toBe(200);
    expect(
      (await listed.handle(post({ ...cart, return_url: "https://shop.test/other" }))).status,
    ).toBe(400);
  });

  it("answers 413 for a body over the limit and 405 for GET", async () => {
    const { handle } = handler({ type: "session", maxBodyBytes: 100 });
    expect(
      (await handle(post({ product_cart: [{ product_id: "x".repeat(200), quantity: 1 }] }))).status,
    ).toBe(413);
    const wrong = await handle(get("productId=pdt_demo_onetime"));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
  });
});

describe("upstream failures", () => {
  const cart = { product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] };

  it.each([
    [{ status: 500 }, 502],
    [{ status: 502 }, 502],
    [{ malformed: true }, 502],
    [{ drop: true }, 502],
    [{ hang: true }, 504],
    [{ status: 403 }, 500],
    [
      { status: 422, body: { code: "INVALID", message: "customer ada@example.com is blocked" } },
      400,
    ],
  ])("maps %o to %i without upstream text", async (fault, status) => {
    sim.faults.set({ route: "POST /checkouts", ...fault });
    const { handle } = handler({ type: "session" });
    const response = await handle(post(cart));
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.text()).not.toContain("ada@example.com");
  });

  it("maps a 429 to 503 and passes Retry-After on", async () => {
    sim.faults.set({ route: "POST /checkouts", status: 429, retryAfter: 7 });
    const { handle } = handler({ type: "session" });
    const response = await handle(post(cart));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("7");
  });

  it("retries a transient failure when retries are enabled", async () => {
    sim.faults.set({ route: "POST /checkouts", status: 503, count: 1 });
    const { handle } = handler({ type: "session", maxRetries: 1 });
    expect((await handle(post(cart))).status).toBe(200);
  });
});
