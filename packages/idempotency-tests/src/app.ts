// One instance of a webhook app, run as its own process (Node strips the types): the adapter's
// documented webhook route with `idempotency` on a shared Redis, and a handler whose effect is one
// line appended to EFFECTS_FILE. Tells its parent its port over IPC; answers { stuck } to "freeze".
//
// Environment: ADAPTER (express | fastify | hono | core), STORE (node-redis | ioredis | memory |
// none), REDIS_URL, LEASE_SECONDS, EFFECTS_FILE (optional), WORK_MS (handler time, default 0-4 ms
// at random; 0 returns at once), DODO_PAYMENTS_WEBHOOK_KEY.
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { IdempotencyStore, WebhookHandlerConfig } from "@dodopayments/core";

const { ADAPTER = "core", STORE = "none", REDIS_URL, EFFECTS_FILE } = process.env;
const leaseSeconds = Number(process.env.LEASE_SECONDS ?? 60);
const workMs = process.env.WORK_MS === undefined ? undefined : Number(process.env.WORK_MS);

/** The store, made with the factory the adapter re-exports (the same function for every adapter). */
async function makeStore(
  factories: Pick<
    typeof import("@dodopayments/core"),
    "memoryIdempotencyStore" | "redisIdempotencyStore"
  >,
): Promise<IdempotencyStore | undefined> {
  if (STORE === "memory") return factories.memoryIdempotencyStore();
  if (STORE === "node-redis") {
    const { createClient } = await import("redis");
    // Fail fast while Redis is unreachable (a 500, so Dodo retries) instead of queueing.
    const client = createClient({ url: REDIS_URL, disableOfflineQueue: true });
    client.on("error", (error: unknown) => console.error("redis:", error));
    await client.connect();
    return factories.redisIdempotencyStore(client);
  }
  if (STORE === "ioredis") {
    const { Redis } = await import("ioredis");
    const client = new Redis(REDIS_URL ?? "", {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    await new Promise<void>((resolve, reject) => {
      client.once("ready", resolve);
      client.once("error", reject);
    });
    return factories.redisIdempotencyStore(client);
  }
  return undefined;
}

let frozen = false;
/** The webhook-ids of the handlers stopped by the freeze, mid-run. */
const stuck: string[] = [];
const never = new Promise<void>(() => {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The handlers: some work, then the effect. Once frozen, handlers stop before their effect. */
async function config(store: IdempotencyStore | undefined): Promise<WebhookHandlerConfig<unknown>> {
  return {
    ...(store ? { idempotency: { store, leaseSeconds } } : {}),
    onPayload: async (_payload, { webhookId }) => {
      if (workMs !== 0) await sleep(workMs ?? Math.random() * 4);
      if (frozen) {
        stuck.push(webhookId);
        await never;
      }
      if (EFFECTS_FILE) appendFileSync(EFFECTS_FILE, `${webhookId}\n`);
    },
  };
}

async function listen(): Promise<number> {
  if (ADAPTER === "express") {
    const { default: express } = await import("express");
    const dodo = await import("@dodopayments/express");
    const app = express();
    app.post("/webhook", dodo.Webhooks(await config(await makeStore(dodo))));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    return (server.address() as AddressInfo).port;
  }
  if (ADAPTER === "fastify") {
    const { default: Fastify } = await import("fastify");
    const dodo = await import("@dodopayments/fastify");
    const app = Fastify();
    await app.register(dodo.dodopaymentsPlugin, {
      webhooks: { path: "/webhook", ...(await config(await makeStore(dodo))) },
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    return (app.server.address() as AddressInfo).port;
  }
  if (ADAPTER === "hono") {
    const { Hono } = await import("hono");
    const { serve } = await import("@hono/node-server");
    const dodo = await import("@dodopayments/hono");
    const app = new Hono();
    app.post("/webhook", dodo.Webhooks(await config(await makeStore(dodo))));
    return new Promise((resolve) => {
      serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
    });
  }
  // core's fetch handler, as the fetch-native adapters (Next.js, Astro, SvelteKit, ...) use it.
  const core = await import("@dodopayments/core");
  const { requestUrl, toWebRequest, writeWebResponse } = await import(
    "@dodopayments/core/internal"
  );
  const handle = core.webhookHandler(await config(await makeStore(core)));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const request = toWebRequest({
        method: req.method ?? "POST",
        url: requestUrl("http", req.headers.host, req.url ?? "/"),
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      await writeWebResponse(res, await handle(request));
    });
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return (server.address() as AddressInfo).port;
}

process.on("message", (message) => {
  if (message === "freeze") frozen = true;
  if (message === "freeze" || message === "stuck?") process.send?.({ stuck });
});
process.send?.({ port: await listen() });
