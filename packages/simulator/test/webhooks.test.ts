import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator, WEBHOOK_EVENT_TYPES } from "../src/index.js";
import { type Receiver, sdkFor, startReceiver, submitCheckout, webhookHeaders } from "./helpers.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(options: Parameters<typeof startSimulator>[0] = {}): Promise<{
  sim: Simulator;
  receiver: Receiver;
}> {
  const receiver = await startReceiver();
  const sim = await startSimulator({
    webhookUrl: receiver.url,
    retryDelaysMs: [20, 40],
    ...options,
  });
  cleanups.push(
    () => receiver.close(),
    () => sim.close(),
  );
  return { sim, receiver };
}

function verify(sim: Simulator, received: { headers: Record<string, unknown>; body: string }) {
  const wh = new Webhook(sim.webhookKey);
  return wh.verify(received.body, webhookHeaders(received.headers as never)) as {
    type: string;
    business_id: string;
    timestamp: string;
    data: Record<string, unknown>;
  };
}

describe("checkout flows deliver signed webhooks", () => {
  it("Pay on a session: payment.succeeded, verified with standardwebhooks, then redirect", async () => {
    const { sim, receiver } = await setup();
    const client = sdkFor(sim);
    const session = await client.checkoutSessions.create({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
      customer: { email: "new.buyer@example.com", name: "New Buyer" },
      return_url: "https://shop.example.com/thanks?order=42",
    });
    const res = await submitCheckout(sim, session.checkout_url as string, "pay");
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location") as string);
    expect(location.origin + location.pathname).toBe("https://shop.example.com/thanks");
    expect(location.searchParams.get("order")).toBe("42");
    expect(location.searchParams.get("status")).toBe("succeeded");
    const paymentId = location.searchParams.get("payment_id");
    expect(paymentId).toMatch(/^pay_/);

    const [hook] = await receiver.waitFor(1);
    expect(hook?.headers["content-type"]).toBe("application/json");
    const event = verify(sim, hook as never);
    expect(event.type).toBe("payment.succeeded");
    expect(event.business_id).toBe("bus_simulator");
    expect(event.data).toMatchObject({
      payload_type: "Payment",
      payment_id: paymentId,
      status: "succeeded",
      total_amount: 2999,
      checkout_session_id: session.session_id,
      customer: { email: "new.buyer@example.com", name: "New Buyer" },
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
    });
    // Compact serialization, exactly as JSON.stringify produces it.
    expect(hook?.body).toBe(JSON.stringify(JSON.parse(hook?.body as string)));
    // The SDK's own unwrap() accepts it too.
    const unwrapped = sdkFor(sim, { webhookKey: sim.webhookKey }).webhooks.unwrap(
      hook?.body as string,
      {
        headers: webhookHeaders(hook?.headers as never),
      },
    );
    expect(unwrapped.type).toBe("payment.succeeded");

    // The paid email became a customer; the session reports the payment.
    const customerId = (event.data.customer as { customer_id: string }).customer_id;
    await expect(client.customers.retrieve(customerId)).resolves.toMatchObject({
      email: "new.buyer@example.com",
    });
    await expect(client.checkoutSessions.retrieve(session.session_id)).resolves.toMatchObject({
      payment_id: paymentId,
      payment_status: "succeeded",
    });
    await expect(client.payments.retrieve(paymentId as string)).resolves.toMatchObject({
      status: "succeeded",
    });
    const delivery = await sim.waitForDelivery(
      (d) => d.type === "payment.succeeded" && d.state === "succeeded",
    );
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]?.status).toBe(200);

    // A used session cannot be paid twice.
    const again = await submitCheckout(sim, session.checkout_url as string, "pay").catch(
      (e: Error) => e,
    );
    expect(again).toBeInstanceOf(Error);
  });

  it("Pay on a subscription link: subscription.active then payment.succeeded, status=active", async () => {
    const { sim, receiver } = await setup();
    const client = sdkFor(sim);
    const sub = await client.subscriptions.create({
      payment_link: true,
      billing: { country: "US" },
      customer: { email: "subscriber@example.com", name: "Sub Scriber" },
      product_id: "pdt_demo_subscription",
      quantity: 1,
      return_url: "https://app.example.com/billing",
    });
    const res = await submitCheckout(sim, sub.payment_link as string, "pay");
    const location = new URL(res.headers.get("location") as string);
    expect(location.searchParams.get("subscription_id")).toBe(sub.subscription_id);
    expect(location.searchParams.get("status")).toBe("active");
    const hooks = await receiver.waitFor(2);
    const [first, second] = hooks.map((h) => verify(sim, h as never));
    expect(first?.type).toBe("subscription.active");
    expect(first?.data).toMatchObject({
      payload_type: "Subscription",
      subscription_id: sub.subscription_id,
      status: "active",
      product_id: "pdt_demo_subscription",
    });
    expect(second?.type).toBe("payment.succeeded");
    expect(second?.data).toMatchObject({
      payment_id: sub.payment_id,
      subscription_id: sub.subscription_id,
    });
    await expect(client.subscriptions.retrieve(sub.subscription_id)).resolves.toMatchObject({
      status: "active",
    });
  });

  it("Fail: payment.failed and a redirect with status=failed", async () => {
    const { sim, receiver } = await setup();
    const payment = await sdkFor(sim).payments.create({
      payment_link: true,
      billing: { country: "IN" },
      customer: { customer_id: "cus_demo" },
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
      return_url: "https://shop.example.com/r",
    });
    const res = await submitCheckout(sim, payment.payment_link as string, "fail");
    const location = new URL(res.headers.get("location") as string);
    expect(location.searchParams.get("payment_id")).toBe(payment.payment_id);
    expect(location.searchParams.get("status")).toBe("failed");
    const [hook] = await receiver.waitFor(1);
    const event = verify(sim, hook as never);
    expect(event.type).toBe("payment.failed");
    expect(event.data).toMatchObject({ status: "failed", error_code: "CARD_DECLINED" });
  });

  it("shows a completion page when there is no return URL", async () => {
    const { sim } = await setup();
    const session = await sdkFor(sim).checkoutSessions.create({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
      customer: { customer_id: "cus_demo" },
    });
    const res = await submitCheckout(sim, session.checkout_url as string, "pay");
    const location = res.headers.get("location") as string;
    expect(location).toMatch(/^\/checkout\/cks_.*\/complete$/);
    const page = await fetch(`${sim.url}${location}`).then((r) => r.text());
    expect(page).toContain("Payment complete");
  });

  it("static /buy links take the documented query params", async () => {
    const { sim, receiver } = await setup();
    const q = new URLSearchParams({
      quantity: "3",
      redirect_url: "https://shop.example.com/static",
      firstName: "Ada",
      lastName: "Lovelace",
      fullName: "ignored",
      email: "ada@example.com",
      disableEmail: "true",
      country: "gb",
      addressLine: "12 Analytical St",
      city: "London",
      state: "LDN",
      zipCode: "N1 9GU",
      paymentCurrency: "GBP",
      showDiscounts: "false",
      metadata_orderId: "ord_77",
    });
    const url = `${sim.url}/buy/pdt_demo_onetime?${q}`;
    const html = await fetch(url).then((r) => r.text());
    expect(html).toContain("Ada Lovelace");
    expect(html).toContain('value="ada@example.com" required readonly');
    expect(html).toContain("12 Analytical St");
    expect(html).not.toContain("Discount code");
    expect(html).toContain("USD 89.97");
    const res = await submitCheckout(sim, url, "pay");
    const location = new URL(res.headers.get("location") as string);
    expect(location.searchParams.get("status")).toBe("succeeded");
    const [hook] = await receiver.waitFor(1);
    const event = verify(sim, hook as never);
    expect(event.data).toMatchObject({
      metadata: { orderId: "ord_77" },
      billing: { country: "GB", city: "London", zipcode: "N1 9GU" },
      total_amount: 3 * 2999,
      customer: { email: "ada@example.com", name: "Ada Lovelace" },
    });
  });

  it("pay-what-you-want: the amount comes from paymentAmount or the page", async () => {
    const { sim, receiver } = await setup();
    const res = await submitCheckout(
      sim,
      `${sim.url}/buy/pdt_demo_pwyw?paymentAmount=1234`,
      "pay",
      {
        email: "pwyw@example.com",
        amount_0: "4321",
      },
    );
    expect(res.status).toBe(303);
    const [hook] = await receiver.waitFor(1);
    expect(verify(sim, hook as never).data).toMatchObject({ total_amount: 4321 });
    const low = await submitCheckout(sim, `${sim.url}/buy/pdt_demo_pwyw`, "pay", {
      email: "pwyw@example.com",
      amount_0: "10",
    });
    expect(low.status).toBe(400);
    expect(await low.text()).toContain("at least 500");
  });

  it("the portal lists the customer's subscriptions and payments, and cancels after a confirmation", async () => {
    const { sim, receiver } = await setup();
    const client = sdkFor(sim);
    const sub = await client.subscriptions.create({
      payment_link: true,
      billing: { country: "US" },
      customer: { customer_id: "cus_demo" },
      product_id: "pdt_demo_subscription",
      quantity: 1,
    });
    await submitCheckout(sim, sub.payment_link as string, "pay");
    await receiver.waitFor(2);
    const { link } = await client.customers.customerPortal.create("cus_demo", {
      return_url: "https://app.example.com/account",
    });
    const html = await fetch(link).then((r) => r.text());
    expect(html).toContain("<h1>Customer portal</h1>");
    expect(html).toContain("demo@example.com");
    expect(html).toContain(sub.subscription_id);
    expect(html).toContain(sub.payment_id);
    // The way back to the shop: the return URL the portal session was created with.
    expect(html).toContain(
      '<a class="back" href="https://app.example.com/account" data-testid="return-link">&larr; Back to app.example.com</a>',
    );
    // Dates never wrap mid-value.
    expect(html).toMatch(/<th class="nowrap">Date<\/th>/);
    expect(html).toMatch(/<td class="nowrap" data-testid="payment-date">\d{4}-\d{2}-\d{2}<\/td>/);

    // Cancel is a link to a page that asks first; opening it changes nothing.
    const ask = /<a class="link" href="(\/portal\/[^"]+\/cancel)">Cancel<\/a>/.exec(html)?.[1];
    expect(ask).toBeDefined();
    const confirm = await fetch(`${sim.url}${ask}`);
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain("<h1>Cancel your subscription?</h1>");
    expect(confirmHtml).toContain(`<form method="post" action="${ask}">`);
    expect(confirmHtml).toContain(
      `<a class="button" href="${new URL(link).pathname}">Keep subscription</a>`,
    );
    expect(confirmHtml).toContain('href="https://app.example.com/account"');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(2);
    expect((await client.subscriptions.retrieve(sub.subscription_id)).status).toBe("active");

    // Its form's POST cancels.
    const cancel = await fetch(`${sim.url}${ask}`, { method: "POST", redirect: "manual" });
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get("location")).toBe(new URL(link).pathname);
    const [, , third] = await receiver.waitFor(3);
    expect(verify(sim, third as never)).toMatchObject({
      type: "subscription.cancelled",
      data: { status: "cancelled" },
    });
    // Cancelled: the portal offers no Cancel any more, and the confirmation page sends you back.
    expect(await fetch(link).then((r) => r.text())).not.toContain(">Cancel</a>");
    const again = await fetch(`${sim.url}${ask}`, { redirect: "manual" });
    expect(again.status).toBe(303);
  });

  it("a portal session without a return URL has no back link; an unknown subscription's cancel is a 404", async () => {
    const { sim } = await setup();
    const client = sdkFor(sim);
    const sub = await client.subscriptions.create({
      payment_link: true,
      billing: { country: "US" },
      customer: { customer_id: "cus_demo" },
      product_id: "pdt_demo_subscription",
      quantity: 1,
    });
    await submitCheckout(sim, sub.payment_link as string, "pay");
    const { link } = await client.customers.customerPortal.create("cus_demo");
    const html = await fetch(link).then((r) => r.text());
    expect(html).toContain(sub.subscription_id);
    expect(html).not.toContain('class="back"');
    const path = `${new URL(link).pathname}/subscriptions/sub_unknown/cancel`;
    expect((await fetch(`${sim.url}${path}`)).status).toBe(404);
    expect((await fetch(`${sim.url}${path}`, { method: "POST" })).status).toBe(404);
  });
});

describe("hosted pages", () => {
  it("serves a favicon at /favicon.ico and /favicon.svg, linked from every page", async () => {
    const { sim } = await setup();
    for (const path of ["/favicon.ico", "/favicon.svg"]) {
      const res = await fetch(`${sim.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
    const head = await fetch(`${sim.url}/favicon.ico`, { method: "HEAD" });
    expect(head.status).toBe(200);
    const home = await fetch(`${sim.url}/`).then((r) => r.text());
    expect(home).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
  });

  it("the favicon never uses up an injected fault", async () => {
    const { sim } = await setup();
    sim.faults.add({ route: "*", status: 500, count: 1 });
    expect((await fetch(`${sim.url}/favicon.ico`)).status).toBe(200);
    expect((await fetch(`${sim.url}/`)).status).toBe(500);
  });

  it("names the step Checkout on every kind of checkout page, and says which kind it is", async () => {
    const { sim } = await setup();
    const client = sdkFor(sim);
    const session = await client.checkoutSessions.create({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
    });
    const payment = await client.payments.create({
      payment_link: true,
      billing: { country: "US" },
      customer: { customer_id: "cus_demo" },
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
    });
    const pages = [
      [session.checkout_url as string, "Checkout session", "cks_"],
      [`${sim.url}/buy/pdt_demo_onetime`, "Static payment link", "sess_"],
      [payment.payment_link as string, "Payment link", ""],
    ] as const;
    for (const [url, kind, prefix] of pages) {
      const html = await fetch(url).then((r) => r.text());
      expect(html, url).toContain("<title>Checkout · Dodo Payments simulator</title>");
      expect(html, url).toContain("<h1>Checkout</h1>");
      expect(html, url).toMatch(
        new RegExp(`<p class="muted" data-testid="checkout-kind">${kind} <code>${prefix}`),
      );
    }
  });
});

describe("trigger and the delivery log", () => {
  it("sends every one of the SDK's event types, each verifiable", async () => {
    const { sim, receiver } = await setup({ businessId: "bus_trigger" });
    for (const type of WEBHOOK_EVENT_TYPES) {
      const record = await sim.trigger(type);
      expect(record.state, type).toBe("succeeded");
    }
    const hooks = await receiver.waitFor(WEBHOOK_EVENT_TYPES.length);
    const types = hooks.map((h) => verify(sim, h as never).type);
    expect(types).toEqual([...WEBHOOK_EVENT_TYPES]);
    expect(new Set(hooks.map((h) => h.headers["webhook-id"])).size).toBe(
      WEBHOOK_EVENT_TYPES.length,
    );
    const log = await fetch(`${sim.url}/_sim/deliveries`).then(
      (r) => r.json() as Promise<{ items: unknown[] }>,
    );
    expect(log.items).toHaveLength(WEBHOOK_EVENT_TYPES.length);
  });

  it("trigger takes overrides, and /_sim/trigger works over HTTP", async () => {
    const { sim, receiver } = await setup();
    await sim.trigger("payment.succeeded", { data: { total_amount: 1, metadata: { k: "v" } } });
    const res = await fetch(`${sim.url}/_sim/trigger`, {
      method: "POST",
      body: JSON.stringify({ type: "refund.succeeded" }),
    });
    expect(res.status).toBe(200);
    const hooks = await receiver.waitFor(2);
    expect(verify(sim, hooks[0] as never).data).toMatchObject({
      total_amount: 1,
      metadata: { k: "v" },
    });
    expect(verify(sim, hooks[1] as never).type).toBe("refund.succeeded");
    const bad = await fetch(`${sim.url}/_sim/trigger`, { method: "POST", body: '{"type":"nope"}' });
    expect(bad.status).toBe(400);
  });

  it("records a skipped delivery when no webhook URL is set, and setWebhookUrl takes effect", async () => {
    const sim = await startSimulator();
    cleanups.push(() => sim.close());
    const skipped = await sim.trigger("payment.succeeded");
    expect(skipped.state).toBe("skipped");
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const res = await fetch(`${sim.url}/_sim/webhook-url`, {
      method: "POST",
      body: JSON.stringify({ url: receiver.url }),
    });
    expect(await res.json()).toEqual({ webhookUrl: receiver.url });
    expect(sim.webhookUrl).toBe(receiver.url);
    const sent = await sim.trigger("payment.failed");
    expect(sent.state).toBe("succeeded");
    expect(() => sim.setWebhookUrl("not a url")).toThrow();
  });
});

describe("retries", () => {
  it("retries 500, 500, then 200 with the same webhook-id and body", async () => {
    const { sim, receiver } = await setup({ retryDelaysMs: [30, 60, 90] });
    receiver.respond = (n) => (n < 2 ? 500 : 200);
    await sim.trigger("payment.succeeded");
    const delivery = await sim.waitForDelivery((d) => d.state === "succeeded");
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    const hooks = await receiver.waitFor(3);
    expect(new Set(hooks.map((h) => h.headers["webhook-id"]))).toEqual(new Set([delivery.id]));
    expect(new Set(hooks.map((h) => h.body)).size).toBe(1);
    for (const h of hooks) verify(sim, h as never);
    // Backoff: the gaps follow the schedule.
    const gaps = hooks.slice(1).map((h, i) => h.at - (hooks[i]?.at ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(25);
    expect(gaps[1]).toBeGreaterThanOrEqual(55);
  });

  it("retries while the endpoint is down and delivers once it is up", async () => {
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close();
    const sim = await startSimulator({
      webhookUrl: `http://127.0.0.1:${port}/webhook`,
      retryDelaysMs: [50, 100, 200, 400],
    });
    cleanups.push(() => sim.close());
    const first = await sim.trigger("subscription.renewed");
    expect(first.state).toBe("pending");
    expect(first.attempts[0]?.error).toMatch(/ECONNREFUSED/);
    const receiver = await startReceiver(port);
    cleanups.push(() => receiver.close());
    const done = await sim.waitForDelivery(
      (d) => d.id === first.id && d.state === "succeeded",
      3000,
    );
    expect(done.attempts.length).toBeGreaterThanOrEqual(2);
    const [hook] = await receiver.waitFor(1);
    expect(hook?.headers["webhook-id"]).toBe(first.id);
  });

  it("gives up after the schedule and marks the delivery failed", async () => {
    const { sim, receiver } = await setup({ retryDelaysMs: [10, 10] });
    receiver.respond = () => 503;
    await sim.trigger("dispute.opened");
    const failed = await sim.waitForDelivery((d) => d.state === "failed");
    expect(failed.attempts.map((a) => a.status)).toEqual([503, 503, 503]);
    expect(failed.nextAttemptAt).toBeNull();
  });

  it("close() cancels pending retries", async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    receiver.respond = () => 500;
    const sim = await startSimulator({ webhookUrl: receiver.url, retryDelaysMs: [60_000] });
    const record = await sim.trigger("payment.succeeded");
    expect(record.state).toBe("pending");
    expect(record.nextAttemptAt).not.toBeNull();
    await sim.close();
    expect(record.state).toBe("cancelled");
  });
});
