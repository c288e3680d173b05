// Convex's default runtime is not Node.js: there is no node:crypto to load. Hidden here before
// anything is imported, so core verifies signatures with WebCrypto, as it does in a deployment.
// Still under convex-test, not a deployed backend.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const restore = vi.hoisted(() => {
  const proc = process as { getBuiltinModule?: unknown };
  const saved = proc.getBuiltinModule;
  proc.getBuiltinModule = undefined;
  return () => {
    proc.getBuiltinModule = saved;
  };
});

import { type Simulator, signedSampleWebhook } from "@dodopayments/simulator";
import { exampleApp, startDodo } from "./example-app";

let sim: Simulator;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ sim, stop } = await startDodo());
});
afterAll(async () => {
  await stop();
  restore();
});

describe("webhooks without node:crypto, as in Convex's runtime (under convex-test, not a deployed backend)", () => {
  it("the example's webhook route verifies with WebCrypto: a signed event is stored, a tampered one refused", async () => {
    const t = exampleApp();
    const sign = vi.spyOn(crypto.subtle, "sign");
    const { event, body, headers } = signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
    });
    const tampered = body.replace(event.data.payment_id, "pay_forged");
    const refused = await t.fetch("/dodopayments-webhook", {
      method: "POST",
      headers,
      body: tampered,
    });
    expect(refused.status).toBe(401);
    const accepted = await t.fetch("/dodopayments-webhook", { method: "POST", headers, body });
    expect(accepted.status).toBe(200);
    const payments = await t.run((ctx) => ctx.db.query("payments").collect());
    expect(payments.map((p) => p.paymentId)).toEqual([event.data.payment_id]);
    // One HMAC per delivery, computed by WebCrypto.
    expect(sign).toHaveBeenCalledTimes(2);
    expect(sign.mock.calls[0]?.[0]).toBe("HMAC");
    sign.mockRestore();
  });
});
