// Exactly-once across processes: four app instances (Express, Fastify, Hono, core's fetch handler;
// node-redis and ioredis) share one real redis-server, with no load balancer: the simulator sends
// every attempt of a message to an instance of its choosing. 5,000 events, each delivered three
// times at once, then again after a delay, some with the first answer dropped (the sender timed
// out after the handler succeeded). Midway, one instance is killed with SIGKILL while handlers
// are running in it. Each handler's effect is a line in a file; every event must have exactly one.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DeliveryPlan, type Simulator, startSimulator } from "@dodopayments/simulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Instance, type InstanceOptions, startInstance } from "../src/instances";
import { type RedisServer, startRedis } from "../src/redis-server";

const EVENTS = 5000;
/** Messages in flight at once (each is three concurrent deliveries). */
const IN_FLIGHT = 48;
/** Short, so the killed instance's claims run out within the test. */
const LEASE_SECONDS = 2;
/** The instance killed, and after how many events. */
const VICTIM = 1;
const KILL_AFTER = 2000;

const INSTANCES: Array<Omit<InstanceOptions, "env">> = [
  { adapter: "express", store: "node-redis" },
  { adapter: "fastify", store: "ioredis" },
  { adapter: "hono", store: "node-redis" },
  { adapter: "core", store: "ioredis" },
];

let redis: RedisServer;
let sim: Simulator;
let dir: string;
let instances: Instance[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (what: string, check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
};

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), "dodo-idempotency-"));
  // Retries span 15 s, well past the lease of the killed instance's claims.
  sim = await startSimulator({
    retryDelaysMs: [250, 500, 1000, 1000, 2000, 2000, 4000, 4000],
    webhookTimeoutMs: 10_000,
  });
  instances = await Promise.all(
    INSTANCES.map((options, index) =>
      startInstance({
        ...options,
        env: {
          REDIS_URL: redis.url,
          LEASE_SECONDS: String(LEASE_SECONDS),
          EFFECTS_FILE: join(dir, `effects-${index}.log`),
          DODO_PAYMENTS_WEBHOOK_KEY: sim.webhookKey,
        },
      }),
    ),
  );
});

afterAll(async () => {
  await Promise.all((instances ?? []).map((instance) => instance.kill()));
  await sim?.close();
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Each event: three copies at once to three instances, one more later, the rest in turn. */
function plan(index: number): DeliveryPlan {
  const urls = instances.map((instance) => instance.url);
  const shift = index % urls.length;
  return {
    ordered: false,
    targets: [...urls.slice(shift), ...urls.slice(0, shift)],
    duplicates: 2,
    redeliverAfterMs: [100 + (index % 8) * 100],
    dropResponses: index % 10 === 0 ? 1 : 0,
  };
}

it("runs every event's handler exactly once, with duplicates, redeliveries and an instance killed mid-handler", async () => {
  const started = Date.now();
  const victim = instances[VICTIM] as Instance;
  let next = 0;
  let stuck: string[] = [];

  // Freeze first, so that every handler the kill interrupts is mid-run (claimed, no effect yet);
  // then give handlers already past that point a second to write their effect and complete.
  const killer = (async () => {
    await until("the kill point", () => next >= KILL_AFTER, 120_000);
    await victim.freeze();
    await sleep(1000);
    const deadline = Date.now() + 10_000;
    stuck = await victim.stuck();
    while (stuck.length === 0 && Date.now() < deadline) {
      await sleep(50);
      stuck = await victim.stuck();
    }
    await victim.kill();
  })();

  const worker = async () => {
    while (next < EVENTS) {
      const index = next++;
      await sim.trigger("payment.succeeded", { data: { payment_id: `pay_${index}` } }, plan(index));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  await killer;
  const sent = Date.now();

  const settled = (d: Simulator["deliveries"][number]) =>
    d.state === "succeeded" && d.attempts.some((attempt) => attempt.mode === "redelivery");
  await until("every message to succeed", () => sim.deliveries.every(settled), 60_000).catch(() => {
    const open = sim.deliveries.filter((d) => !settled(d));
    throw new Error(`${open.length} messages unsettled, e.g. ${JSON.stringify(open[0]?.attempts)}`);
  });
  const finished = Date.now();

  const effects = new Map<string, number>();
  const ran = instances.map((_, index) => {
    const lines = readFileSync(join(dir, `effects-${index}.log`), "utf8").split("\n");
    const ids = lines.filter(Boolean);
    for (const id of ids) effects.set(id, (effects.get(id) ?? 0) + 1);
    return ids;
  });

  const ids = sim.deliveries.map((d) => d.id);
  expect(ids).toHaveLength(EVENTS);
  const notOnce = ids.filter((id) => effects.get(id) !== 1);
  expect(notOnce, "events whose handler did not run exactly once").toEqual([]);
  expect(effects.size).toBe(EVENTS);

  // The kill interrupted handlers mid-run, and another instance completed each of those events.
  expect(stuck.length).toBeGreaterThan(0);
  const victimRan = new Set(ran[VICTIM]);
  for (const id of stuck) {
    expect(victimRan.has(id)).toBe(false);
    expect(effects.get(id)).toBe(1);
  }

  const attempts = sim.deliveries.flatMap((d) => d.attempts);
  const byStatus = new Map<string, number>();
  for (const attempt of attempts) {
    const key = attempt.status === undefined ? "no answer" : String(attempt.status);
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
  }
  // Every path was taken: duplicates refused while in progress, completed ones answered 200 again.
  expect(byStatus.get("409") ?? 0).toBeGreaterThan(0);
  expect(byStatus.get("200") ?? 0).toBeGreaterThan(EVENTS);
  expect(attempts.filter((attempt) => attempt.dropped).length).toBeGreaterThanOrEqual(EVENTS / 10);
  expect(byStatus.get("500") ?? 0).toBe(0);

  console.log(
    [
      `${EVENTS} events, ${attempts.length} delivery attempts to ${instances.length} instances`,
      `answers: ${[...byStatus].map(([status, count]) => `${status} x${count}`).join(", ")}`,
      `${stuck.length} handlers were mid-run in ${victim.name} when it was killed; each event ran once elsewhere`,
      `sent in ${((sent - started) / 1000).toFixed(1)} s (${Math.round(EVENTS / ((sent - started) / 1000))} events/s, ${Math.round(attempts.length / ((finished - started) / 1000))} attempts/s overall), all settled after ${((finished - started) / 1000).toFixed(1)} s`,
    ].join("\n"),
  );
});
