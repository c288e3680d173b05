// Loads the bare route and the webhook route of each framework alternately with autocannon on
// loopback and prints req/s, p50/p99 latency and the adapter/bare throughput ratio: the median
// of each round's ratio (a bare run and the webhook run right after it), and best against best.
// Usage: pnpm --filter @dodopayments/bench bench [express fastify hono]
// (ROUNDS=rounds, DURATION=seconds per run)
import { spawn } from "node:child_process";
import { once } from "node:events";
import { signWebhook } from "@dodopayments/core/webhooks";
import { generateWebhookKey } from "@dodopayments/simulator";
import autocannon from "autocannon";

const frameworks = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["express", "fastify", "hono"];
const duration = Number(process.env.DURATION ?? 3);
const rounds = Number(process.env.ROUNDS ?? 7);
const targets = { express: 0.85, fastify: 0.6, hono: 0.6 };
const webhookKey = generateWebhookKey();

const body = JSON.stringify({
  business_id: "bus_bench",
  type: "payment.succeeded",
  timestamp: new Date().toISOString(),
  data: {
    payload_type: "Payment",
    payment_id: "pay_bench",
    total_amount: 2900,
    currency: "USD",
    customer: { customer_id: "cus_1", email: "ada@example.com", name: "Ada" },
    metadata: {},
  },
});

async function load(url, headers, seconds = duration) {
  const result = await autocannon({
    url,
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    connections: 50,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const rows = [];
for (const framework of frameworks) {
  const child = spawn(process.execPath, ["server.mjs", framework], {
    env: { ...process.env, DODO_PAYMENTS_WEBHOOK_KEY: webhookKey, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [chunk] = await once(child.stdout, "data");
  const [barePort, webhookPort] = String(chunk).trim().split(" ").map(Number);
  const best = { bare: null, adapter: null };
  const ratios = [];
  // Unmeasured first pass: whichever route ran first would otherwise also pay for JIT warm-up.
  const warmup = await signWebhook({ body, webhookKey });
  await load(`http://127.0.0.1:${barePort}/bare`, warmup, 2);
  await load(`http://127.0.0.1:${webhookPort}/webhook`, warmup, 2);
  for (let round = 0; round < rounds; round++) {
    // Signed fresh each round so the timestamp stays inside the 5-minute window.
    const headers = await signWebhook({ body, webhookKey });
    const bare = await load(`http://127.0.0.1:${barePort}/bare`, headers);
    const adapter = await load(`http://127.0.0.1:${webhookPort}/webhook`, headers);
    ratios.push(adapter.rps / bare.rps);
    if (!best.bare || bare.rps > best.bare.rps) best.bare = bare;
    if (!best.adapter || adapter.rps > best.adapter.rps) best.adapter = adapter;
  }
  child.kill();
  ratios.sort((a, b) => a - b);
  rows.push({
    framework,
    ...best,
    median: ratios[Math.floor(ratios.length / 2)],
    bestRatio: best.adapter.rps / best.bare.rps,
  });
}

console.log(
  "\nframework  route    best req/s  p50 ms  p99 ms  ratio: median of rounds / best (target)",
);
for (const row of rows) {
  console.log(
    `${row.framework.padEnd(10)} bare     ${row.bare.rps.toFixed(0).padStart(10)}  ${String(row.bare.p50).padStart(6)}  ${String(row.bare.p99).padStart(6)}`,
  );
  console.log(
    `${"".padEnd(10)} webhook  ${row.adapter.rps.toFixed(0).padStart(10)}  ${String(row.adapter.p50).padStart(6)}  ${String(row.adapter.p99).padStart(6)}  ${row.median.toFixed(2)} / ${row.bestRatio.toFixed(2)} (>= ${targets[row.framework]})`,
  );
}
