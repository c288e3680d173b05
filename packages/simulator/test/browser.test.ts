import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../src/index.js";
import { launchChromium, type Receiver, sdkFor, startReceiver, webhookHeaders } from "./helpers.js";

let browser: Browser;
let sim: Simulator;
let receiver: Receiver;
let app: Server;
let appUrl: string;

/** Why the browser could not be had: thrown by every test, so the counts show it. */
let setupError: Error | undefined;

/** `it`, for a test that needs the browser. */
function browserIt(name: string, run: () => Promise<void>): void {
  it(name, async () => {
    if (setupError) throw setupError;
    await run();
  });
}

describe("hosted checkout in a real browser", () => {
  beforeAll(async () => {
    try {
      browser = await launchChromium();
    } catch (error) {
      setupError = error as Error;
    }
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

  browserIt(
    "pays a one-time checkout session: lands on the return URL, payment.succeeded arrives",
    async () => {
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
    },
  );

  browserIt(
    "pays a subscription session: status=active and subscription.active arrives",
    async () => {
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
    },
  );

  browserIt("the Fail button redirects with status=failed and sends payment.failed", async () => {
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

  browserIt(
    "the portal: dates on one line, Cancel asks first, and a link back to the shop",
    async () => {
      const client = sdkFor(sim);
      const session = await client.checkoutSessions.create({
        product_cart: [{ product_id: "pdt_demo_subscription", quantity: 1 }],
        customer: { customer_id: "cus_demo" },
        return_url: `${appUrl}/welcome`,
      });
      // A narrow phone-sized window: where a date would wrap if it could.
      const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
      try {
        await page.goto(session.checkout_url as string);
        await Promise.all([
          page.waitForURL((u) => u.toString().startsWith(`${appUrl}/welcome`)),
          page.getByRole("button", { name: "Pay", exact: true }).click(),
        ]);
        const subscriptionId = new URL(page.url()).searchParams.get("subscription_id") as string;
        const { link } = await client.customers.customerPortal.create("cus_demo", {
          return_url: `${appUrl}/account`,
        });
        await page.goto(link);
        const date = page.getByTestId("payment-date").first();
        expect(await date.textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        // One line box for the whole date: it does not wrap at the hyphens.
        const lines = await date.evaluate((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        });
        expect(lines).toBe(1);
        await page.screenshot({ path: "test-output/screenshots/portal.png", fullPage: true });

        const row = page.getByRole("row").filter({ hasText: subscriptionId });
        // Cancel opens a confirmation; "Keep subscription" goes back and nothing is cancelled.
        await row.getByRole("link", { name: "Cancel", exact: true }).click();
        await expect
          .poll(() => page.getByRole("heading", { level: 1 }).textContent())
          .toBe("Cancel your subscription?");
        await page.screenshot({
          path: "test-output/screenshots/portal-cancel.png",
          fullPage: true,
        });
        await page.getByRole("link", { name: "Keep subscription", exact: true }).click();
        await page.waitForURL(link);
        expect((await client.subscriptions.retrieve(subscriptionId)).status).toBe("active");

        await row.getByRole("link", { name: "Cancel", exact: true }).click();
        await Promise.all([
          page.waitForURL(link),
          page.getByRole("button", { name: "Cancel subscription", exact: true }).click(),
        ]);
        await sim.waitForDelivery(
          (d) =>
            d.type === "subscription.cancelled" &&
            (d.payload.data as { subscription_id?: string }).subscription_id === subscriptionId,
        );
        expect(await row.getByRole("cell").nth(1).textContent()).toBe("cancelled");
        expect(await row.getByRole("link", { name: "Cancel" }).count()).toBe(0);

        // Back to the shop: the return URL the portal session was created with.
        const back = page.getByTestId("return-link");
        expect(await back.textContent()).toBe(`← Back to ${new URL(appUrl).host}`);
        await Promise.all([page.waitForURL(`${appUrl}/account`), back.click()]);
      } finally {
        await page.close();
      }
    },
  );

  browserIt("the pages have a favicon: no 404 in the browser", async () => {
    const page = await browser.newPage();
    const notFound: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 404) notFound.push(response.url());
    });
    try {
      await page.goto(`${sim.url}/buy/pdt_demo_onetime`);
      const icon = await page.evaluate(async () => {
        const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? "";
        const response = await fetch(href);
        return { href, status: response.status, type: response.headers.get("content-type") };
      });
      expect(icon).toEqual({
        href: `${sim.url}/favicon.svg`,
        status: 200,
        type: "image/svg+xml",
      });
      const ico = await page.goto(`${sim.url}/favicon.ico`);
      expect(ico?.status()).toBe(200);
      expect(notFound).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
