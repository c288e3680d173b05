// The Redis idempotency store on a real redis-server, through both clients it takes: the same
// contract the in-memory store passes in core, across clients, and what an outage does.
import { webhookHandler } from "@dodopayments/core";
import { type IdempotencyStore, redisIdempotencyStore } from "@dodopayments/core/idempotency";
import { generateWebhookKey, recordingLogger, signedSampleWebhook } from "@dodopayments/simulator";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeIdempotencyStore } from "../../core/test/idempotency-store-contract";
import { type RedisServer, startRedis } from "../src/redis-server";

type NodeRedis = ReturnType<typeof createClient>;

let server: RedisServer;
let nodeRedis: NodeRedis;
let ioredis: Redis;

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

beforeAll(async () => {
  server = await startRedis();
  // Fail fast while Redis is down (a 500, so Dodo retries) instead of queueing commands.
  nodeRedis = createClient({ url: server.url, disableOfflineQueue: true });
  nodeRedis.on("error", () => {}); // reconnects by itself; the test watches isReady
  await nodeRedis.connect();
  ioredis = new Redis(server.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  ioredis.on("error", () => {});
  await until(() => ioredis.status === "ready");
});

afterAll(async () => {
  await nodeRedis?.close();
  ioredis?.disconnect();
  await server?.stop();
});

describeIdempotencyStore("Redis through node-redis", () => redisIdempotencyStore(nodeRedis));
describeIdempotencyStore("Redis through ioredis", () => redisIdempotencyStore(ioredis));

describe("redisIdempotencyStore", () => {
  it("is one store whichever client reaches it: claims race across both", async () => {
    const stores = [redisIdempotencyStore(nodeRedis), redisIdempotencyStore(ioredis)];
    for (let round = 0; round < 20; round++) {
      const id = `msg_cross_${round}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (stores[i % 2] as IdempotencyStore).claim(id, `token-${i}`, 5000),
        ),
      );
      expect(results.filter((r) => r === "claimed")).toHaveLength(1);
    }
  });

  it("keeps a key only as long as the lease, then as long as the retention", async () => {
    const store = redisIdempotencyStore(ioredis);
    expect(await store.claim("msg_ttl", "t", 5000)).toBe("claimed");
    const lease = await ioredis.pttl("dodo:webhook:msg_ttl");
    expect(lease).toBeGreaterThan(4000);
    expect(lease).toBeLessThanOrEqual(5000);
    expect(await store.complete("msg_ttl", "t", 3 * 24 * 3600 * 1000)).toBe(true);
    expect(await ioredis.pttl("dodo:webhook:msg_ttl")).toBeGreaterThan(3 * 24 * 3600 * 1000 - 5000);
    expect(await ioredis.get("dodo:webhook:msg_ttl")).toBe("done");
  });

  it("keeps endpoints apart by prefix", async () => {
    const shop = redisIdempotencyStore(nodeRedis, { prefix: "shop:" });
    const crm = redisIdempotencyStore(nodeRedis, { prefix: "crm:" });
    expect(await shop.claim("msg_shared", "a", 5000)).toBe("claimed");
    expect(await shop.complete("msg_shared", "a", 60_000)).toBe(true);
    expect(await crm.claim("msg_shared", "b", 5000)).toBe("claimed");
    expect(await nodeRedis.get("shop:msg_shared")).toBe("done");
  });
});

describe("a Redis outage", () => {
  it("answers 500 and runs no handler while Redis is down, then recovers", async () => {
    const webhookKey = generateWebhookKey();
    const logger = recordingLogger();
    const runs: string[] = [];
    const handlers = [redisIdempotencyStore(nodeRedis), redisIdempotencyStore(ioredis)].map(
      (store) =>
        webhookHandler({
          webhookKey,
          logger,
          idempotency: { store },
          onPayload: (_payload, { webhookId }) => void runs.push(webhookId),
        }),
    );
    const deliver = (id: string, index: number) => {
      const { body, headers } = signedSampleWebhook("payment.succeeded", { webhookKey, id });
      const handler = handlers[index] as (request: Request) => Promise<Response>;
      return handler(new Request("http://127.0.0.1/webhook", { method: "POST", headers, body }));
    };

    const { port } = server;
    await server.stop();
    await until(() => !nodeRedis.isReady && ioredis.status !== "ready");
    for (const index of [0, 1]) {
      const started = Date.now();
      const response = await deliver("msg_outage", index);
      expect(response.status).toBe(500);
      expect(await response.text()).not.toMatch(/ECONNREFUSED|closed|offline/i);
      expect(Date.now() - started).toBeLessThan(2000);
    }
    expect(runs).toEqual([]);
    expect(logger.lines).toHaveLength(2);
    expect(logger.lines[0]).toMatch(
      /^error: Idempotency store: claiming webhook msg_outage failed/,
    );

    server = await startRedis({ port });
    await until(() => nodeRedis.isReady && ioredis.status === "ready");
    expect((await deliver("msg_outage", 0)).status).toBe(200);
    expect((await deliver("msg_outage", 1)).status).toBe(200);
    expect(runs).toEqual(["msg_outage"]);
  });
});
