// What the webhook `idempotency` option costs: one app instance per store (no option, the
// in-memory store, Redis through node-redis, Redis through ioredis; a throwaway redis-server on a
// free loopback port), each loaded in turn with autocannon for ROUNDS rounds of DURATION seconds.
// Every request carries a new webhook-id, signed here, so each one claims, runs and completes.
// Usage: pnpm --filter @dodopayments/bench bench:idempotency [express|fastify|hono|core]
// The instances are packages/idempotency-tests/src/app.ts, the app of the multi-process test.
import { createHmac, randomBytes } from "node:crypto";
import { generateWebhookKey, sampleEvent } from "@dodopayments/simulator";
import autocannon from "autocannon";
import { startInstance } from "../packages/idempotency-tests/src/instances.ts";
import { startRedis } from "../packages/idempotency-tests/src/redis-server.ts";

const adapter = process.argv[2] ?? "hono";
const duration = Number(process.env.DURATION ?? 3);
const rounds = Number(process.env.ROUNDS ?? 5);
const stores = ["none", "memory", "node-redis", "ioredis"];
const webhookKey = generateWebhookKey();
const secret = Buffer.from(webhookKey.slice("whsec_".length), "base64");

const body = JSON.stringify(sampleEvent("payment.succeeded"));

/** A fresh webhook-id per request, signed as Dodo Payments signs it. */
const run = randomBytes(4).toString("hex");
let sequence = 0;
function setupRequest(request) {
  const id = `msg_${run}_${sequence++}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", secret)
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64");
  request.headers = {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": timestamp,
    "webhook-signature": `v1,${signature}`,
  };
  return request;
}

async function load(url, seconds = duration) {
  const result = await autocannon({
    url,
    method: "POST",
    connections: 50,
    duration: seconds,
    requests: [{ body, setupRequest }],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const redis = await startRedis();
const instances = [];
try {
  for (const store of stores) {
    instances.push(
      await startInstance({
        adapter,
        store,
        env: { REDIS_URL: redis.url, WORK_MS: "0", DODO_PAYMENTS_WEBHOOK_KEY: webhookKey },
      }),
    );
  }
  // Unmeasured first pass (JIT warm-up, connections to Redis).
  for (const instance of instances) await load(instance.url, 2);
  const best = new Map();
  const ratios = new Map(stores.map((store) => [store, []]));
  for (let round = 0; round < rounds; round++) {
    // A different store goes first each round, so none is favoured by the machine's drift.
    const results = [];
    for (let i = 0; i < instances.length; i++) {
      const index = (round + i) % instances.length;
      results[index] = await load(instances[index].url);
    }
    stores.forEach((store, index) => {
      const result = results[index];
      if (!best.has(store) || result.rps > best.get(store).rps) best.set(store, result);
      ratios.get(store).push(result.rps / results[0].rps);
    });
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`\n${adapter}: store       best req/s  p50 ms  p99 ms  ÷ none (median of rounds)`);
  for (const store of stores) {
    const { rps, p50, p99 } = best.get(store);
    console.log(
      `${store.padEnd(18)} ${rps.toFixed(0).padStart(10)}  ${String(p50).padStart(6)}  ${String(p99).padStart(6)}  ${median(ratios.get(store)).toFixed(2)}`,
    );
  }
} finally {
  await Promise.all(instances.map((instance) => instance.kill()));
  await redis.stop();
}
