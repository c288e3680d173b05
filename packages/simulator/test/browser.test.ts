import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../src/index.js";
import { type Receiver, sdkFor, startReceiver, webhookHeaders } from "./helpers.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
// In CI a missing browser is a failure, not a skip.
const runBrowser = hasChromium || Boolean(process.env.CI);

let browser: Browser;
let sim: Simulator;
let receiver: Receiver;
let app: Server;
let appUrl: string;

describe.skipIf(!runBrowser)("hosted checkout in a real browser", () => {
  beforeAll(async () => {
    if (!hasChromium)
      throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    receiver = await startReceiver();
    sim = await startSimulator({ webhookUrl: receiver.url, retryDelaysMs: [50] });
    // A tiny "merchant app": the return URL page echoes what it was given.
    app = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://app.local");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><title>Thanks</title><h1>Thanks</h1><p id="status">${url.searchParams.get("status") ?? ""}</p>`,
      );
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await receiver?.close();
    await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
  });

  it("pays a one-time checkout session: lands on the return URL, payment.succeeded arrives", async () => {
    const client = sdkFor(sim);
    const session = await client.checkoutSessions.create({
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 2 }],
      customer: { email: "browser@example.com", name: "Browser Buyer" },
      return_url: `${appUrl}/success`,
    });
    const page = await browser.newPage();
    try {
      await page.goto(session.checkout_url as string);
      await expect.poll(() => page.getByText("Demo one-time product").count()).toBe(1);
      expect(await page.getByTestId("total").textContent()).toBe("USD 59.98");
      expect(await page.getByLabel("Email").inputValue()).toBe("browser@example.com");
      await Promise.all([
        page.waitForURL((u) => u.toString().startsWith(`${appUrl}/success`)),
        page.getByRole("button", { name: "Pay", exact: true }).click(),
      ]);
      const landed = new URL(page.url());
      expect(landed.searchParams.get("status")).toBe("succeeded");
      const paymentId = landed.searchParams.get("payment_id");
      expect(paymentId).toMatch(/^pay_/);
      expect(await page.locator("#status").textContent()).toBe("succeeded");

      const delivery = await sim.waitForDelivery(
        (d) => d.type === "payment.succeeded" && d.state === "succeeded",
      );
      const hook = receiver.received.find((r) => r.headers["webhook-id"] === delivery.id);
      expect(hook).toBeDefined();
      const event = new Webhook(sim.webhookKey).verify(
        hook?.body as string,
        webhookHeaders(hook?.headers ?? {}),
      ) as {
        type: string;
        data: { payment_id: string; total_amount: number };
      };
      expect(event.type).toBe("payment.succeeded");
      expect(event.data.payment_id).toBe(paymentId);
      expect(event.data.total_amount).toBe(5998);
    } finally {
      await page.close();
    }
  });

  it("pays a subscription session: status=active and subscription.active arrives", async () => {
    const client = sdkFor(sim);
    const session = await client.checkoutSessions.create({
      product_cart: [{ product_id: "pdt_demo_subscription", quantity: 1 }],
      return_url: `${appUrl}/welcome`,
    });
    const page = await browser.newPage();
    try {
      await page.goto(session.checkout_url as string);
      await page.getByLabel("Email").fill("subscriber@example.com");
      await page.getByLabel("Full name").fill("Browser Subscriber");
      await Promise.all([
        page.waitForURL((u) => u.toString().startsWith(`${appUrl}/welcome`)),
        page.getByRole("button", { name: "Pay", exact: true }).click(),
      ]);
      const landed = new URL(page.url());
      expect(landed.searchParams.get("status")).toBe("active");
      const subscriptionId = landed.searchParams.get("subscription_id");
      expect(subscriptionId).toMatch(/^sub_/);
      const delivery = await sim.waitForDelivery(
        (d) => d.type === "subscription.active" && d.state === "succeeded",
      );
      expect(delivery.payload.data).toMatchObject({
        subscription_id: subscriptionId,
        status: "active",
        customer: { email: "subscriber@example.com", name: "Browser Subscriber" },
      });
    } finally {
      await page.close();
    }
  });

  it("the Fail button redirects with status=failed and sends payment.failed", async () => {
    const payment = await sdkFor(sim).payments.create({
      payment_link: true,
      billing: { country: "US" },
      customer: { customer_id: "cus_demo" },
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
      return_url: `${appUrl}/failed`,
    });
    const page = await browser.newPage();
    try {
      await page.goto(payment.payment_link as string);
      await Promise.all([
        page.waitForURL((u) => u.toString().startsWith(`${appUrl}/failed`)),
        page.getByRole("button", { name: "Fail", exact: true }).click(),
      ]);
      expect(new URL(page.url()).searchParams.get("status")).toBe("failed");
      await sim.waitForDelivery((d) => d.type === "payment.failed" && d.state === "succeeded");
    } finally {
      await page.close();
    }
  });
});
