import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumLaunchOptions } from "../../../scripts/ensure-browser.mjs";
import { EXAMPLES, type ExampleName } from "./examples.js";
import {
  canConnect,
  listeningSockets,
  networkAddresses,
  type RunningExample,
  startExample,
} from "./server.js";

const SCREENSHOTS = fileURLToPath(new URL("../test-output/screenshots/", import.meta.url));

/** The simulator's demo customer, whom every example's demo session is signed in as. */
const DEMO_EMAIL = "demo@example.com";

/**
 * The system Chromium ($DODO_CHROMIUM_PATH, else /usr/bin/chromium; the root `pnpm test` installs
 * it first). Without it every journey fails with the one-line hint: never a skip.
 */
async function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/**
 * One user journey in a fresh browser context (its own cookies, so its own demo session).
 * Every step is screenshotted in memory; when the journey fails, the screenshots so far and one
 * of the failing state are written to test-output/screenshots/<example>/<journey>/, and nothing
 * is written when it passes.
 */
export class Journey {
  private readonly shots: { label: string; png: Buffer }[] = [];

  constructor(
    readonly page: Page,
    private readonly dir: string,
  ) {}

  async step<T>(label: string, action: () => Promise<T>): Promise<T> {
    try {
      const result = await action();
      await this.capture(label);
      return result;
    } catch (error) {
      await this.capture(`${label}-FAILED`);
      throw error;
    }
  }

  /** Screenshots the failing state, unless the failing step already did. */
  async captureFailure(): Promise<void> {
    if (!this.shots.at(-1)?.label.endsWith("-FAILED")) await this.capture("FAILED");
  }

  private async capture(label: string): Promise<void> {
    const png = await this.page.screenshot({ fullPage: true, timeout: 5000 }).catch(() => null);
    if (png) this.shots.push({ label, png });
  }

  save(): void {
    mkdirSync(this.dir, { recursive: true });
    this.shots.forEach(({ label, png }, i) => {
      writeFileSync(join(this.dir, `${String(i + 1).padStart(2, "0")}-${label}.png`), png);
    });
  }
}

/**
 * Starts an example's production build (and Chromium) around the enclosing `describe`, and gives
 * the steps every journey shares. Journeys other than the six below (an example with journeys of
 * its own) use it too.
 */
export function exampleHarness(name: ExampleName) {
  const spec = EXAMPLES[name];
  let browser: Browser;
  let app: RunningExample;

  // A setup failure (no Chromium, an unbuilt example) fails every journey, so the test counts
  // show it, instead of vitest reporting the journeys as skipped.
  let setupError: unknown;

  beforeAll(async () => {
    rmSync(join(SCREENSHOTS, name), { recursive: true, force: true });
    try {
      browser = await launchChromium();
      app = await startExample(spec);
    } catch (error) {
      setupError = error;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function journey(slug: string, run: (j: Journey) => Promise<void>): Promise<void> {
    if (setupError) throw setupError;
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const j = new Journey(await context.newPage(), join(SCREENSHOTS, name, slug));
    try {
      await run(j);
    } catch (error) {
      await j.captureFailure();
      j.save();
      const tail = app.output().split("\n").slice(-30).join("\n");
      throw new Error(`${(error as Error).message}\n\nlast server output:\n${tail}`, {
        cause: error,
      });
    } finally {
      await context.close();
    }
  }

  const onSimulator = (url: URL) => url.origin === new URL(app.simulatorUrl).origin;
  const onApp = (path: string) => (url: URL) => {
    const expected = new URL(app.url(path));
    return url.origin === expected.origin && url.pathname === expected.pathname;
  };

  async function openHome(j: Journey): Promise<void> {
    await j.step("home", async () => {
      await j.page.goto(app.url("/"));
      await expect.poll(() => j.page.getByTestId("product").count()).toBeGreaterThan(1);
    });
  }

  /** Clicks Pay on the simulator's checkout page; returns the id on the app's /success page. */
  async function pay(j: Journey, expected: { status: string; idPrefix: string }) {
    return j.step("success-page", async () => {
      await Promise.all([
        j.page.waitForURL(onApp("/success")),
        j.page.getByRole("button", { name: "Pay", exact: true }).click(),
      ]);
      await expect
        .poll(() => j.page.getByTestId("checkout-status").textContent())
        .toBe(expected.status);
      const reference = (await j.page.getByTestId("checkout-reference").textContent()) ?? "";
      expect(reference.startsWith(expected.idPrefix), reference).toBe(true);
      const query = new URL(j.page.url()).searchParams;
      expect([query.get("payment_id"), query.get("subscription_id")]).toContain(reference);
      return reference;
    });
  }

  /** Opens /events until it lists an event of `type` about `objectId`. */
  async function seeEvent(j: Journey, type: string, objectId: string): Promise<void> {
    await j.step(`events-${type}`, async () => {
      const row = j.page
        .getByTestId("event")
        .filter({ has: j.page.getByTestId("event-type").getByText(type, { exact: true }) })
        .filter({ has: j.page.getByTestId("event-object").getByText(objectId, { exact: true }) });
      await expect
        .poll(
          async () => {
            await j.page.goto(app.url("/events")).catch(() => undefined);
            return row.count();
          },
          { timeout: 10_000, interval: 300 },
        )
        .toBe(1);
      expect(await row.getByTestId("event-id").textContent()).toMatch(/^msg_\w+/);
      const time = row.getByTestId("event-time");
      expect(await time.textContent()).toMatch(/\d{2}:\d{2}:\d{2}/);
      // "2026-01-02 03:04:05 UTC" stays on one line however narrow the column gets.
      expect(await time.evaluate((cell) => getComputedStyle(cell).whiteSpace)).toBe("nowrap");
    });
  }

  return {
    /** The running example (set once the suite's `beforeAll` has run). */
    app: () => app,
    journey,
    onSimulator,
    onApp,
    openHome,
    pay,
    seeEvent,
  };
}

/** The browser suite for one example: the six journeys of the examples' conventions. */
export function describeExample(name: ExampleName): void {
  const spec = EXAMPLES[name];

  describe(`examples/${spec.dir} in Chromium, production build`, () => {
    const {
      app: running,
      journey,
      onSimulator,
      onApp,
      openHome,
      pay,
      seeEvent,
    } = exampleHarness(name);

    /** Clicks a Buy button of the first product of `type` and waits for the simulator's page. */
    async function buy(
      j: Journey,
      type: "one_time" | "subscription",
      button: "Buy now (checkout session)" | "Buy now (static link)",
    ): Promise<void> {
      await j.step("checkout-page", async () => {
        const card = j.page.locator(`[data-testid="product"][data-product-type="${type}"]`).first();
        await Promise.all([
          j.page.waitForURL(onSimulator),
          card.getByRole("button", { name: button, exact: true }).click(),
        ]);
      });
    }

    /** The session route attached the signed-in demo customer on the server. */
    async function checkoutShowsDemoCustomer(j: Journey): Promise<void> {
      await j.step("checkout-customer", async () => {
        expect(await j.page.getByLabel("Email").inputValue()).toBe(DEMO_EMAIL);
      });
    }

    it("checkout session, one-time product: pays on the simulator, sees payment.succeeded", () =>
      journey("session-one-time", async (j) => {
        await openHome(j);
        await buy(j, "one_time", "Buy now (checkout session)");
        await checkoutShowsDemoCustomer(j);
        const paymentId = await pay(j, { status: "succeeded", idPrefix: "pay_" });
        await seeEvent(j, "payment.succeeded", paymentId);
      }));

    it("static payment link, one-time product: pays on the simulator, sees payment.succeeded", () =>
      journey("static-link", async (j) => {
        await openHome(j);
        await buy(j, "one_time", "Buy now (static link)");
        // A static link carries no customer: the buyer types an email, as on Dodo's page.
        await j.step("email-typed", () =>
          j.page.getByLabel("Email").fill("static-buyer@example.com"),
        );
        const paymentId = await pay(j, { status: "succeeded", idPrefix: "pay_" });
        await seeEvent(j, "payment.succeeded", paymentId);
      }));

    it("checkout session, subscription: pays on the simulator, sees subscription.active", () =>
      journey("session-subscription", async (j) => {
        await openHome(j);
        await buy(j, "subscription", "Buy now (checkout session)");
        await checkoutShowsDemoCustomer(j);
        const subscriptionId = await pay(j, { status: "active", idPrefix: "sub_" });
        await seeEvent(j, "subscription.active", subscriptionId);
      }));

    it("subscription: cancelled in the portal after a confirmation, back to the shop, sees subscription.cancelled", () =>
      journey("portal-cancel", async (j) => {
        await openHome(j);
        await buy(j, "subscription", "Buy now (checkout session)");
        const subscriptionId = await pay(j, { status: "active", idPrefix: "sub_" });
        await j.step("portal", async () => {
          await j.page.goto(running().url("/"));
          await Promise.all([
            j.page.waitForURL((url) => onSimulator(url) && url.pathname.startsWith("/portal/")),
            j.page.getByRole("button", { name: "Manage billing", exact: true }).click(),
          ]);
        });
        const portalUrl = j.page.url();
        const row = j.page.getByRole("row").filter({ hasText: subscriptionId });
        await j.step("cancel-confirmation", async () => {
          await row.getByRole("link", { name: "Cancel", exact: true }).click();
          await expect
            .poll(() => j.page.getByRole("heading", { level: 1 }).textContent())
            .toBe("Cancel your subscription?");
        });
        await j.step("cancelled", async () => {
          await Promise.all([
            j.page.waitForURL(portalUrl),
            j.page.getByRole("button", { name: "Cancel subscription", exact: true }).click(),
          ]);
          expect(await row.getByRole("cell").nth(1).textContent()).toBe("cancelled");
        });
        // The portal links back to the shop (the return URL its session was created with).
        await j.step("back-to-shop", async () => {
          await Promise.all([
            j.page.waitForURL(onApp("/")),
            j.page.getByTestId("return-link").click(),
          ]);
          await expect.poll(() => j.page.getByTestId("product").count()).toBeGreaterThan(1);
        });
        await seeEvent(j, "subscription.cancelled", subscriptionId);
      }));

    it("listens on this machine only, and has a favicon (no 404 in the browser)", () =>
      journey("host-and-favicon", async (j) => {
        const port = Number(new URL(running().baseUrl).port);
        // Where the server listens: Linux says so in /proc; anywhere, the machine's network
        // addresses must refuse the connection.
        const sockets = listeningSockets(port);
        if (sockets !== null) {
          expect(sockets.length).toBeGreaterThan(0);
          expect(sockets.filter((s) => !s.loopback)).toEqual([]);
        }
        for (const address of networkAddresses()) {
          expect(await canConnect(address, port), `${address}:${port}`).toBe(false);
        }
        expect(await canConnect("127.0.0.1", port)).toBe(true);

        const notFound: string[] = [];
        j.page.on("response", (response) => {
          if (response.status() === 404) notFound.push(response.url());
        });
        await openHome(j);
        await j.step("favicon", async () => {
          const icon = await j.page.evaluate(async () => {
            const link = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
            const response = await fetch(link?.href ?? "/favicon.svg");
            return { status: response.status, type: response.headers.get("content-type") };
          });
          expect(icon.status).toBe(200);
          expect(icon.type).toMatch(/^image\/svg\+xml\b/);
          const ico = await j.page.request.get(running().url("/favicon.ico"));
          expect(ico.status()).toBe(200);
          expect(ico.headers()["content-type"]).toMatch(/^image\/svg\+xml\b/);
          expect(await ico.text()).toMatch(/^<svg /);
        });
        expect(notFound).toEqual([]);
      }));

    it("Manage billing opens the simulator's portal for the demo customer", () =>
      journey("manage-billing", async (j) => {
        await openHome(j);
        await j.step("portal", async () => {
          await Promise.all([
            j.page.waitForURL((url) => onSimulator(url) && url.pathname.startsWith("/portal/")),
            j.page.getByRole("button", { name: "Manage billing", exact: true }).click(),
          ]);
          expect(await j.page.getByTestId("customer-email").textContent()).toBe(DEMO_EMAIL);
        });
      }));
  });
}
