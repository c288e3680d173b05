import { type Simulator, signWebhook, startSimulator } from "@dodopayments/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../fixtures/sveltekit";
import { runConformanceSuite } from "../src/cases";
import type { StartedApp } from "../src/fixture";

runConformanceSuite(fixture);

// SvelteKit's production CSRF check answers 403 to a cross-origin POST whose content type is
// missing or a form type, before any route runs. Dodo sends `content-type: application/json`, so
// its webhooks pass; a form post from another site does not reach the handler.
describe("sveltekit 3: the CSRF origin check", () => {
  let sim: Simulator;
  let app: StartedApp;
  const foreignOrigin = "https://attacker.example";

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    app = await fixture.start({
      variant: "recommended",
      env: {
        DODO_PAYMENTS_API_KEY: sim.apiKey,
        DODO_PAYMENTS_BASE_URL: sim.url,
        DODO_PAYMENTS_WEBHOOK_KEY: sim.webhookKey,
        DODO_PAYMENTS_RETURN_URL: "http://127.0.0.1:9/checkout/success",
        DODO_PAYMENTS_ENVIRONMENT: "test_mode",
      },
    });
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  const signedEvent = async (paymentId: string) => {
    const body = JSON.stringify({
      business_id: "bus_csrf",
      type: "payment.succeeded",
      timestamp: new Date().toISOString(),
      data: {
        payload_type: "Payment",
        payment_id: paymentId,
        total_amount: 100,
        currency: "USD",
        customer: { customer_id: "cus_demo", email: "demo@example.com", name: "Demo" },
        metadata: {},
      },
    });
    return { body, headers: await signWebhook({ body, webhookKey: sim.webhookKey }) };
  };

  const handled = async (paymentId: string) => {
    const events = (await (await fetch(`${app.url}/api/test/events`)).json()) as {
      paymentId?: string;
    }[];
    return events.some((event) => event.paymentId === paymentId);
  };

  it("a signed webhook with content-type application/json and a foreign Origin is handled (200)", async () => {
    const { body, headers } = await signedEvent("pay_csrf_json");
    const response = await fetch(`${app.url}/api/webhook`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", origin: foreignOrigin },
      body,
    });
    expect(response.status).toBe(200);
    expect(await handled("pay_csrf_json")).toBe(true);
  });

  for (const contentType of ["application/x-www-form-urlencoded", "text/plain", null]) {
    it(`the same webhook as ${contentType ?? "no content type"} from a foreign Origin is refused by SvelteKit (403)`, async () => {
      const paymentId = `pay_csrf_${(contentType ?? "none").replace(/\W/g, "_")}`;
      const { body, headers } = await signedEvent(paymentId);
      const response = await fetch(`${app.url}/api/webhook`, {
        method: "POST",
        headers: {
          ...headers,
          ...(contentType ? { "content-type": contentType } : {}),
          origin: foreignOrigin,
        },
        // A Uint8Array body: fetch adds no content type of its own.
        body: new TextEncoder().encode(body),
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("Cross-site POST form submissions are forbidden");
      expect(await handled(paymentId)).toBe(false);
    });
  }

  it("a JSON checkout POST from a foreign Origin passes the check (CORS is the browser's part)", async () => {
    const response = await fetch(`${app.url}/api/checkout-session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: foreignOrigin },
      body: JSON.stringify({ product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] }),
    });
    expect(response.status).toBe(200);
  });
});
