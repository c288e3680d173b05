// Cost of the webhook path (verify + validate + dispatch) against the floor: a node:crypto HMAC
// check plus JSON.parse of the same bytes, measured in the same run. Run: pnpm bench
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { dispatchWebhook, signWebhook, verifyWebhookDetailed } from "../dist/webhooks.js";

const key = `whsec_${randomBytes(32).toString("base64")}`;
const rawKey = Buffer.from(key.slice(6), "base64");
const body = JSON.stringify({
  business_id: "bus_bench",
  type: "payment.succeeded",
  timestamp: new Date().toISOString(),
  data: {
    payload_type: "Payment",
    payment_id: "pay_bench",
    total_amount: 2900,
    currency: "USD",
    status: "succeeded",
    customer: { customer_id: "cus_1", email: "ada@example.com", name: "Ada" },
    product_cart: [{ product_id: "pdt_1", quantity: 1 }],
    metadata: { order: "42" },
    created_at: new Date().toISOString(),
  },
});
const headers = await signWebhook({ body, webhookKey: key });
const headerMap = new Headers(headers);
const handlers = { onPaymentSucceeded: () => {} };

function floor() {
  const signed = `${headers["webhook-id"]}.${headers["webhook-timestamp"]}.`;
  const expected = createHmac("sha256", rawKey).update(signed).update(body).digest("base64");
  const given = headers["webhook-signature"].slice(3);
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(given))) throw new Error("bad");
  return JSON.parse(body);
}

async function ours() {
  const verified = await verifyWebhookDetailed({ body, headers: headerMap, webhookKey: key });
  await dispatchWebhook(verified.payload, handlers, {
    webhookId: verified.webhookId,
    timestamp: verified.timestamp,
    rawBody: verified.rawBody,
    request: undefined,
  });
}

async function measure(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  return Number(process.hrtime.bigint() - start) / iterations;
}

const iterations = Number(process.env.BENCH_ITERATIONS ?? 50_000);
await measure(floor, 5_000);
await measure(ours, 5_000);
const rounds = [];
for (let round = 0; round < 5; round++) {
  const f = await measure(floor, iterations);
  const o = await measure(ours, iterations);
  rounds.push({ f, o });
}
const best = (pick) => Math.min(...rounds.map(pick));
const f = best((r) => r.f);
const o = best((r) => r.o);
console.log(`floor (HMAC + JSON.parse): ${(f / 1000).toFixed(2)} µs/op`);
console.log(`webhook path (verify + validate + dispatch): ${(o / 1000).toFixed(2)} µs/op`);
console.log(`ratio: ${(o / f).toFixed(2)}x (target <= 2x)`);
