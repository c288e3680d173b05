// Each adapter's documented snippet (its README's "Routes" section), installed from the tarballs
// and run by Node.js in the npm project (by Bun, the repository's `bun`, for the BUN_SNIPPETS),
// serves a checkout against the simulator, itself installed from its tarball and started in this
// process on 127.0.0.1, port 0. The checkout link it answers opens the simulator's checkout page,
// and a webhook signed by the simulator is accepted.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ADAPTERS, BUN_SNIPPETS, bunBinary } from "../src/context";
import { run } from "../src/run";
import { type RunningProcess, startProcess } from "../src/serve";

type SimulatorModule = typeof import("@dodopayments/simulator");
type Simulator = Awaited<ReturnType<SimulatorModule["startSimulator"]>>;

const context = inject("packaging");
const installed = (name: string) => join(context.projectDir, "node_modules", name);
const RETURN_URL = "http://127.0.0.1:9/success";

let simulatorModule: SimulatorModule;
let sim: Simulator;

beforeAll(async () => {
  const entry = join(installed("@dodopayments/simulator"), "dist/index.js");
  simulatorModule = (await import(pathToFileURL(entry).href)) as SimulatorModule;
  sim = await simulatorModule.startSimulator({ retryDelaysMs: [50] });
});
afterAll(() => sim?.close());

describe.each(ADAPTERS)("@dodopayments/%s: the documented snippet, from the tarball", (adapter) => {
  let server: RunningProcess;
  let url: string;

  beforeAll(async () => {
    const runtime = BUN_SNIPPETS.includes(adapter) ? bunBinary() : process.execPath;
    server = startProcess(runtime, [`snippet-${adapter}.mjs`], {
      cwd: context.projectDir,
      env: {
        DODO_PAYMENTS_API_KEY: sim.apiKey,
        DODO_PAYMENTS_BASE_URL: sim.url,
        DODO_PAYMENTS_WEBHOOK_KEY: sim.webhookKey,
        DODO_PAYMENTS_ENVIRONMENT: "test_mode",
        DODO_PAYMENTS_RETURN_URL: RETURN_URL,
      },
    });
    const [, origin] = (await server.waitFor(/listening (http:\/\/127\.0\.0\.1:\d+)/, 30_000)) as [
      string,
      string,
    ];
    url = origin;
  });
  afterAll(() => server?.stop());

  it("serves a static checkout link on the simulator, and the link opens its checkout page", async () => {
    const response = await fetch(`${url}/api/checkout?productId=pdt_demo_onetime&quantity=1`);
    const text = await response.text();
    expect(response.status, `${text}\n${server.output()}`).toBe(200);
    const { checkout_url } = JSON.parse(text) as { checkout_url: string };
    expect(checkout_url.startsWith(`${sim.url}/`)).toBe(true);
    const page = await fetch(checkout_url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("pdt_demo_onetime");
  });

  it("accepts a webhook the simulator signed", async () => {
    const { body, headers } = simulatorModule.signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
    });
    const response = await fetch(`${url}/api/webhook`, { method: "POST", headers, body });
    expect(response.status, server.output()).toBe(200);
    await server.waitFor(/webhook payment\.succeeded/, 5000);
  });

  it("rejects a webhook with a wrong signature", async () => {
    const { body, headers } = simulatorModule.signedSampleWebhook("payment.succeeded", {
      webhookKey: simulatorModule.generateWebhookKey(),
    });
    const response = await fetch(`${url}/api/webhook`, { method: "POST", headers, body });
    expect(response.status).toBe(401);
  });
});

// Convex serves no HTTP checkout route: its README's convex/ files run under convex-test, Convex's
// JavaScript mock of the backend (a deployed backend cannot run here), with the Dodo calls going
// to the simulator.
describe("@dodopayments/convex: the documented convex/ files, from the tarball, under convex-test", () => {
  it("checkout and portal actions answer links on the simulator, a signed webhook is handled", async () => {
    const signed = simulatorModule.signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
    });
    const result = await run(process.execPath, ["snippet-convex.mjs"], {
      cwd: context.projectDir,
      timeoutMs: 120_000,
      env: {
        DODO_PAYMENTS_API_KEY: sim.apiKey,
        DODO_PAYMENTS_BASE_URL: sim.url,
        DODO_PAYMENTS_WEBHOOK_SECRET: sim.webhookKey,
        DODO_PAYMENTS_ENVIRONMENT: "test_mode",
        DODO_PAYMENTS_RETURN_URL: RETURN_URL,
        SIGNED_WEBHOOK: JSON.stringify({ body: signed.body, headers: signed.headers }),
      },
    });
    expect(result.code, result.output).toBe(0);
    const report = JSON.parse(result.output.trim().split("\n").at(-1) ?? "");
    expect(report.checkout_url.startsWith(`${sim.url}/session/`)).toBe(true);
    expect(report.portal_url.startsWith(`${sim.url}/`)).toBe(true);
    expect(report.refused).toEqual({ type: "about:blank", title: "Not signed in", status: 401 });
    expect(report.webhook).toBe(200);
    expect(report.forged).toBe(401);
    expect(report.seen).toEqual([{ ctx: "function", paymentId: signed.event.data.payment_id }]);
    const page = await fetch(report.checkout_url);
    expect(page.status).toBe(200);
  });
});

// Better Auth serves the plugin's endpoints under its own base path, for a signed-in user: the
// README's setup runs on Better Auth's Node handler, a user signs up, gets a checkout session,
// and a webhook the simulator signed is handled at /api/auth/dodopayments/webhooks.
describe("@dodopayments/better-auth: the documented setup, from the tarball", () => {
  let server: RunningProcess;
  let url: string;

  beforeAll(async () => {
    server = startProcess(process.execPath, ["snippet-better-auth.mjs"], {
      cwd: context.projectDir,
      env: {
        DODO_PAYMENTS_API_KEY: sim.apiKey,
        DODO_PAYMENTS_BASE_URL: sim.url,
        DODO_PAYMENTS_WEBHOOK_KEY: sim.webhookKey,
      },
    });
    const [, origin] = (await server.waitFor(/listening (http:\/\/127\.0\.0\.1:\d+)/, 30_000)) as [
      string,
      string,
    ];
    url = origin;
  });
  afterAll(() => server?.stop());

  const post = (path: string, body: unknown, cookie = "") =>
    fetch(`${url}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url, cookie },
      body: JSON.stringify(body),
    });

  it("a signed-up user gets a checkout session on the simulator, and its page opens", async () => {
    const signUp = await post("/sign-up/email", {
      email: "packaged@example.com",
      password: "correct horse battery staple",
      name: "Packaged",
    });
    expect(signUp.status, server.output()).toBe(200);
    const cookie = signUp.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const response = await post("/dodopayments/checkout-session", { slug: "premium-plan" }, cookie);
    const text = await response.text();
    expect(response.status, `${text}\n${server.output()}`).toBe(200);
    const { url: checkoutUrl } = JSON.parse(text) as { url: string };
    expect(checkoutUrl.startsWith(`${sim.url}/session/`)).toBe(true);
    expect((await fetch(checkoutUrl)).status).toBe(200);
    const anonymous = await post("/dodopayments/checkout-session", { slug: "premium-plan" });
    expect(anonymous.status).toBe(401);
  });

  it("handles a webhook the simulator signed, and refuses a forged one", async () => {
    const signed = simulatorModule.signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
    });
    const webhookUrl = `${url}/api/auth/dodopayments/webhooks`;
    const response = await fetch(webhookUrl, {
      method: "POST",
      headers: signed.headers,
      body: signed.body,
    });
    expect(response.status, server.output()).toBe(200);
    await server.waitFor(/webhook payment\.succeeded/, 5000);
    const forged = simulatorModule.signedSampleWebhook("payment.succeeded", {
      webhookKey: simulatorModule.generateWebhookKey(),
    });
    const refused = await fetch(webhookUrl, {
      method: "POST",
      headers: forged.headers,
      body: forged.body,
    });
    expect(refused.status).toBe(401);
  });
});
