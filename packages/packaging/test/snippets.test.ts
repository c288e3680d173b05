// Each adapter's documented snippet (its README's "Routes" section), installed from the tarballs
// and run by Node.js in the npm project, serves a checkout against the simulator, itself installed
// from its tarball and started in this process on 127.0.0.1, port 0. The checkout link it answers
// opens the simulator's checkout page, and a webhook signed by the simulator is accepted.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ADAPTERS } from "../src/context";
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
    server = startProcess(process.execPath, [`snippet-${adapter}.mjs`], {
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
