import { mkdirSync } from "node:fs";
import { request } from "node:http";
import { networkInterfaces } from "node:os";
import type { Browser, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../src/index.js";
import {
  launchChromium,
  type ReceivedWebhook,
  type Receiver,
  sdkFor,
  startReceiver,
  webhookHeaders,
} from "./helpers.js";

const SHOTS = "test-output/screenshots";
const DASHBOARD = "/_sim/dashboard";
/** How long a live update may take to show (generous: the machine may be busy). */
const LIVE = { timeout: 10_000 };

/** Verifies a received webhook's signature with the reference Standard Webhooks library. */
function verified(
  sim: Simulator,
  hook: ReceivedWebhook,
): { type: string; data: Record<string, unknown> } {
  return new Webhook(sim.webhookKey).verify(hook.body, webhookHeaders(hook.headers)) as {
    type: string;
    data: Record<string, unknown>;
  };
}

let browser: Browser | undefined;
let sim: Simulator;
let app: Receiver;
let setupError: Error | undefined;

function browserIt(name: string, run: (page: Page) => Promise<void>): void {
  it(name, { timeout: 40_000 }, async () => {
    if (setupError || !browser) throw setupError ?? new Error("no browser");
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await run(page);
    } finally {
      await page.close();
    }
  });
}

/** Opens a dashboard page and waits until its live event stream is connected. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${sim.url}${DASHBOARD}${path}`);
  await expect.poll(() => page.locator("#live-status").textContent(), LIVE).toMatch(/^Live/);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/dashboard-${name}.png`, fullPage: true });
}

describe("the simulator dashboard", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startReceiver();
    sim = await startSimulator({ webhookUrl: app.url, retryDelaysMs: [300, 300, 300] });
    try {
      browser = await launchChromium();
    } catch (error) {
      setupError = error as Error;
    }
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await app?.close();
  });

  browserIt(
    "a delivery that fails twice then succeeds shows three attempts, then succeeded, and Resend sends it again",
    async (page) => {
      await open(page, "");
      // 500, 500, then a 200 held back until the page has shown the two failures.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let n = 0;
      app.respond = async () => {
        n++;
        if (n <= 2) return 500;
        await held;
        return 200;
      };
      const first = await sim.trigger("payment.succeeded");
      const row = page.locator(`tr[data-delivery="${first.id}"]`);
      const chips = row.getByRole("listitem");
      // Live: the page was not reloaded.
      await expect.poll(() => chips.count(), LIVE).toBe(2);
      expect(await row.locator(".state").textContent()).toBe("pending");
      await shot(page, "deliveries-pending");

      release();
      await expect.poll(() => row.locator(".state").textContent(), LIVE).toBe("succeeded");
      const statuses = (await chips.allTextContents()).map((t) =>
        t.split(" ").slice(0, 2).join(" "),
      );
      expect(statuses).toEqual(["#1 500", "#2 500", "#3 200"]);
      expect(await row.textContent()).toContain("Payment pay_");
      await shot(page, "deliveries");

      // Open it from the keyboard: the webhook-id link, then Enter.
      await page.locator(`#open-${first.id}`).focus();
      await Promise.all([page.waitForURL(/\/deliveries\//), page.keyboard.press("Enter")]);
      const timeline = page.locator(".timeline > li");
      expect(await timeline.count()).toBe(3);
      expect(await page.getByTestId("delivery-state").textContent()).toBe("succeeded");
      const headers = await page.getByLabel("Signed headers of attempt 3").textContent();
      expect(headers).toContain(`webhook-id: ${first.id}`);
      expect(headers).toMatch(/webhook-signature: v1,\S+/);
      expect(JSON.parse((await page.locator("#payload").textContent()) ?? "")).toEqual(
        first.payload,
      );
      await shot(page, "delivery");

      // Resend: a new attempt with the same webhook-id and body, signed afresh.
      app.respond = () => 200;
      const before = app.received.length;
      await Promise.all([
        page.waitForURL(/\?resent$/),
        page.getByRole("button", { name: "Resend" }).click(),
      ]);
      expect(app.received.length).toBe(before + 1);
      const resent = app.received.at(-1) as ReceivedWebhook;
      expect(resent.headers["webhook-id"]).toBe(first.id);
      expect(resent.body).toBe(first.body);
      expect(verified(sim, resent).type).toBe("payment.succeeded");
      expect(await timeline.count()).toBe(4);
      expect(await timeline.nth(3).textContent()).toContain("Attempt 4 (resend)");
      expect(await page.getByLabel("Signed headers of attempt 4").textContent()).toContain(
        `webhook-timestamp: ${resent.headers["webhook-timestamp"]}`,
      );
      await shot(page, "delivery-resent");
    },
  );

  browserIt(
    "refund.succeeded sent from the form, with an edited payload, reaches the app",
    async (page) => {
      app.respond = () => 200;
      await open(page, "/actions");
      await page.getByLabel("Event type").selectOption("refund.succeeded");
      const payload = page.getByLabel("Payload (edit before sending)");
      await expect.poll(() => payload.inputValue(), LIVE).toContain('"type": "refund.succeeded"');
      const envelope = JSON.parse(await payload.inputValue()) as {
        data: Record<string, unknown>;
      };
      envelope.data.amount = 1234;
      envelope.data.metadata = { source: "dashboard" };
      await payload.fill(JSON.stringify(envelope, null, 2));
      await shot(page, "actions");
      const before = app.received.length;
      await Promise.all([
        page.waitForURL(/\/deliveries\/msg_/),
        page.getByRole("button", { name: "Send event" }).click(),
      ]);
      await expect.poll(() => app.received.length, LIVE).toBe(before + 1);
      const event = verified(sim, app.received.at(-1) as ReceivedWebhook);
      expect(event.type).toBe("refund.succeeded");
      expect(event.data).toMatchObject({ amount: 1234, metadata: { source: "dashboard" } });
      await expect
        .poll(() => page.getByTestId("delivery-state").textContent(), LIVE)
        .toBe("succeeded");
    },
  );

  browserIt("a 502 fault added from the form shows on the next API call's row", async (page) => {
    await open(page, "/actions");
    await page.getByLabel("Route").fill("GET /products");
    await page.getByLabel("Fault", { exact: true }).selectOption("status");
    await page.getByLabel("Status").fill("502");
    await page.getByLabel("Times (empty: always)").fill("1");
    await Promise.all([
      page.waitForURL(/done=fault-added/),
      page.getByRole("button", { name: "Add fault" }).click(),
    ]);
    expect(await page.locator("#live tbody").textContent()).toContain("GET /products");
    expect(sim.faults.list()).toEqual([{ route: "GET /products", status: 502, count: 1 }]);

    await open(page, "/requests");
    const client = sdkFor(sim, { maxRetries: 0 });
    await expect(client.products.list()).rejects.toMatchObject({ status: 502 });
    const row = page.locator("tbody tr").first();
    await expect.poll(() => row.locator('[data-col="status"]').textContent(), LIVE).toBe("502");
    expect(await row.textContent()).toContain("/products");
    expect(await row.locator('[data-col="fault"]').textContent()).toBe("status");
    await row.getByText("Bodies").click();
    expect(await row.locator("pre").nth(1).textContent()).toContain("Simulated 502 response");
    // The fault was used up: the next call succeeds and gets its own row.
    await client.products.list();
    await expect
      .poll(
        () => page.locator("tbody tr").first().locator('[data-col="status"]').textContent(),
        LIVE,
      )
      .toBe("200");
    expect(await page.content()).not.toContain(sim.apiKey);
    await shot(page, "requests");
  });

  browserIt(
    "every control has a label, and the views are reachable from the keyboard",
    async (page) => {
      for (const path of ["", "/requests", "/actions", "/data", "/data?kind=customers"]) {
        await open(page, path);
        const unlabelled = await page.evaluate(() =>
          [...document.querySelectorAll("input, select, textarea")]
            .filter((el) => (el as HTMLInputElement).labels?.length === 0)
            .map((el) => el.outerHTML),
        );
        expect(unlabelled, path).toEqual([]);
      }
      await open(page, "/data");
      expect(await page.locator("#live").textContent()).toContain("pdt_demo_onetime");
      await shot(page, "data");
      // Tab: the skip link first, then the views.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        "Skip to content",
      );
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("API requests");
      await Promise.all([page.waitForURL(/\/requests$/), page.keyboard.press("Enter")]);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("API requests");
    },
  );

  browserIt("thousands of deliveries: 50 a page, paged and filtered", async (page) => {
    const many = await startSimulator();
    try {
      const types = ["payment.succeeded", "refund.succeeded", "subscription.active"] as const;
      for (let i = 0; i < 3000; i++) await many.trigger(types[i % 3] as (typeof types)[number]);
      await page.goto(`${many.url}${DASHBOARD}`);
      const rows = page.locator("#live tbody tr");
      expect(await rows.count()).toBe(50);
      expect(await page.locator(".pager").textContent()).toContain("Page 1 of 60 · 3000 in all");
      const newest = many.deliveries.at(-1)?.id as string;
      expect(await rows.first().getAttribute("data-delivery")).toBe(newest);
      await Promise.all([
        page.waitForURL(/page=2/),
        page.getByRole("link", { name: "Older →" }).click(),
      ]);
      expect(await rows.first().getAttribute("data-delivery")).toBe(many.deliveries.at(-51)?.id);
      await page.getByLabel("Search").fill("refund");
      await Promise.all([
        page.waitForURL(/q=refund/),
        page.getByRole("button", { name: "Filter" }).click(),
      ]);
      expect(await page.locator(".pager").textContent()).toContain("1000 in all");
      const target = many.deliveries[1234]?.id as string;
      await page.getByLabel("Search").fill(target);
      await page.getByLabel("State").selectOption("skipped");
      await Promise.all([
        page.waitForURL(/state=skipped/),
        page.getByRole("button", { name: "Filter" }).click(),
      ]);
      expect(await rows.count()).toBe(1);
      expect(await rows.first().getAttribute("data-delivery")).toBe(target);
    } finally {
      await many.close();
    }
  });

  it("sim.resend: a skipped delivery goes out once a URL is set, with the same webhook-id", async () => {
    const local = await startSimulator({ retryDelaysMs: [] });
    try {
      const record = await local.trigger("payment.succeeded");
      expect(record.state).toBe("skipped");
      await expect(local.resend("msg_unknown")).rejects.toThrow("no delivery msg_unknown");
      expect(await local.resend(record.id)).toMatchObject({
        attempt: 1,
        error: "no webhook URL configured",
        resent: true,
      });
      expect(record.state).toBe("failed");
      app.respond = () => 200;
      local.setWebhookUrl(app.url);
      const attempt = await local.resend(record.id);
      expect(attempt).toMatchObject({ attempt: 2, status: 200, resent: true });
      expect(record.state).toBe("succeeded");
      const hook = app.received.at(-1) as ReceivedWebhook;
      expect(hook.headers["webhook-id"]).toBe(record.id);
      expect(attempt.headers?.["webhook-signature"]).toBe(hook.headers["webhook-signature"]);
      expect(verified(local, hook).type).toBe("payment.succeeded");
    } finally {
      await local.close();
    }
  });

  it("refuses non-loopback clients (403), changes from other origins and foreign Host names, on the dashboard and the JSON control routes", async () => {
    const address = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
    if (!address) throw new Error("this test needs a non-loopback IPv4 interface to call from");
    const exposed = await startSimulator({ host: "0.0.0.0" });
    try {
      const port = new URL(exposed.url).port;
      const call = (host: string, path: string, method = "GET", headers = {}) =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            {
              host,
              port,
              path,
              method,
              headers,
              localAddress: host === address ? address : undefined,
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on("error", reject);
          req.end();
        });
      expect(await call(address, DASHBOARD)).toBe(403);
      expect(await call(address, `${DASHBOARD}/faults/clear`, "POST")).toBe(403);
      expect(await call(address, `${DASHBOARD}/events`)).toBe(403);
      expect(await call("127.0.0.1", DASHBOARD)).toBe(200);
      // From loopback, but a page on another site posting a form, or a rebound DNS name.
      exposed.faults.add({ route: "*", status: 500 });
      expect(
        await call("127.0.0.1", `${DASHBOARD}/faults/clear`, "POST", {
          origin: "http://evil.example",
        }),
      ).toBe(403);
      expect(
        await call("127.0.0.1", `${DASHBOARD}/faults/clear`, "POST", {
          "sec-fetch-site": "cross-site",
        }),
      ).toBe(403);
      expect(await call("127.0.0.1", DASHBOARD, "GET", { host: `evil.example:${port}` })).toBe(403);
      // The JSON control routes too: a page elsewhere can send a text/plain POST without preflight.
      expect(
        await call("127.0.0.1", "/_sim/faults", "DELETE", { origin: "http://evil.example" }),
      ).toBe(403);
      expect(
        await call("127.0.0.1", "/_sim/requests", "GET", { host: `evil.example:${port}` }),
      ).toBe(403);
      expect(exposed.faults.list()).toHaveLength(1);
      expect(await call("127.0.0.1", "/_sim/faults", "DELETE")).toBe(200);
      expect(exposed.faults.list()).toHaveLength(0);
    } finally {
      await exposed.close();
    }
  });
});
