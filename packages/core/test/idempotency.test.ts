// The `idempotency` option of the webhook handler with the in-memory store, in one process: the
// same semantics the multi-process Redis test (packages/idempotency-tests) checks across processes.
import { describe, expect, it, vi } from "vitest";
import {
  type WebhookHandlerConfig,
  type WebhookRequestParts,
  webhookHandler,
  webhookProcessor,
} from "../src/internal";
import {
  type IdempotencyStore,
  memoryIdempotencyStore,
  redisIdempotencyStore,
} from "../src/webhooks/idempotency/index";
import {
  paymentEvent,
  recordingLogger,
  referenceSign,
  webhookKey,
  webhookRequest,
} from "./helpers";
import { describeIdempotencyStore } from "./idempotency-store-contract";

describeIdempotencyStore(
  "memoryIdempotencyStore",
  (() => {
    const store = memoryIdempotencyStore();
    return () => store;
  })(),
);

const body = JSON.stringify(paymentEvent());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A signed delivery of `body`; the same `id` gives the same `webhook-id`, as a retry has. */
function delivery(id: string): Request {
  return webhookRequest(body, referenceSign(body, { id }));
}

/** A store that counts its calls and can be made to fail, around a real in-memory store. */
function countingStore(fail: Partial<Record<keyof IdempotencyStore, "throw" | "reject">> = {}) {
  const inner = memoryIdempotencyStore();
  const calls: string[] = [];
  const wrap =
    <K extends keyof IdempotencyStore>(name: K) =>
    (...args: Parameters<IdempotencyStore[K]>) => {
      calls.push(name);
      if (fail[name] === "throw") throw new Error(`${name} failed`);
      if (fail[name] === "reject") return Promise.reject(new Error(`${name} failed`));
      return (inner[name] as (...a: Parameters<IdempotencyStore[K]>) => unknown)(...args);
    };
  const store = {
    claim: wrap("claim"),
    complete: wrap("complete"),
    release: wrap("release"),
  } as IdempotencyStore;
  return { store, calls, inner };
}

function setup(options: Partial<WebhookHandlerConfig> & { store?: IdempotencyStore } = {}) {
  const { store = memoryIdempotencyStore(), ...rest } = options;
  const logger = recordingLogger();
  const runs: string[] = [];
  const handler = webhookHandler({
    webhookKey,
    logger,
    idempotency: { store, leaseSeconds: 30 },
    onPaymentSucceeded: (_payload, { webhookId }) => {
      runs.push(webhookId);
    },
    ...rest,
  });
  return { handler, logger, runs };
}

/** A promise and the function that resolves it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe("webhook idempotency (memory store)", () => {
  it("answers a completed webhook-id 200 without calling any handler", async () => {
    const { handler, runs } = setup();
    expect((await handler(delivery("msg_a"))).status).toBe(200);
    const again = await handler(delivery("msg_a"));
    expect(again.status).toBe(200);
    expect(await again.text()).toBe("");
    expect(runs).toEqual(["msg_a"]);
    expect((await handler(delivery("msg_b"))).status).toBe(200);
    expect(runs).toEqual(["msg_a", "msg_b"]);
  });

  it("answers 409 with Retry-After while the same id runs elsewhere, and runs no handler", async () => {
    const started = gate();
    const release = gate();
    let runs = 0;
    const onPayload = vi.fn();
    const { handler } = setup({
      onPayload,
      onPaymentSucceeded: async () => {
        runs++;
        started.open();
        await release.opened;
      },
      idempotency: { store: memoryIdempotencyStore(), leaseSeconds: 7.5 },
    });
    const first = handler(delivery("msg_c"));
    await started.opened;
    const duplicates = await Promise.all([handler(delivery("msg_c")), handler(delivery("msg_c"))]);
    for (const duplicate of duplicates) {
      expect(duplicate.status).toBe(409);
      expect(duplicate.headers.get("retry-after")).toBe("8");
      expect(duplicate.headers.get("content-type")).toBe("application/problem+json");
      expect(await duplicate.json()).toMatchObject({ status: 409 });
    }
    release.open();
    expect((await first).status).toBe(200);
    expect((await handler(delivery("msg_c"))).status).toBe(200);
    expect(runs).toBe(1);
    expect(onPayload).toHaveBeenCalledTimes(1);
  });

  it("runs exactly one of 20 concurrent deliveries of one id", async () => {
    let runs = 0;
    const { handler } = setup({
      onPaymentSucceeded: async () => {
        runs++;
        await sleep(20);
      },
    });
    const statuses = (
      await Promise.all(Array.from({ length: 20 }, () => handler(delivery("msg_d"))))
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(runs).toBe(1);
  });

  it("releases the id when a handler throws, so the retry runs it", async () => {
    let attempts = 0;
    const onError = vi.fn();
    const { handler } = setup({
      onError,
      onPaymentSucceeded: () => {
        attempts++;
        if (attempts === 1) throw new Error("database down");
      },
    });
    expect((await handler(delivery("msg_e"))).status).toBe(500);
    expect(onError).toHaveBeenCalledTimes(1);
    expect((await handler(delivery("msg_e"))).status).toBe(200);
    expect((await handler(delivery("msg_e"))).status).toBe(200);
    expect(attempts).toBe(2);
  });

  it("lets a retry run once the lease of a delivery that never finished (a crash) ran out", async () => {
    const logger = recordingLogger();
    const hung = gate();
    let runs = 0;
    const handler = webhookHandler({
      webhookKey,
      logger,
      idempotency: { store: memoryIdempotencyStore(), leaseSeconds: 0.2 },
      onPaymentSucceeded: async () => {
        runs++;
        if (runs === 1) await hung.opened;
      },
    });
    const crashed = handler(delivery("msg_f"));
    await sleep(20);
    expect((await handler(delivery("msg_f"))).status).toBe(409);
    await sleep(250);
    expect((await handler(delivery("msg_f"))).status).toBe(200);
    expect(runs).toBe(2);
    // The first one was only slow: it finishes, and says the lease was too short.
    hung.open();
    expect((await crashed).status).toBe(200);
    expect(logger.lines).toEqual([
      expect.stringMatching(/^warn: Webhook msg_f: the handlers took longer than the 0.2 s lease/),
    ]);
    expect((await handler(delivery("msg_f"))).status).toBe(200);
    expect(runs).toBe(2);
  });

  it("never touches the store for a request that does not verify or is not an event", async () => {
    const { store, calls } = countingStore();
    const { handler } = setup({ store });
    const forged = webhookRequest(body, referenceSign(body, { key: `whsec_${"A".repeat(43)}=` }));
    expect((await handler(forged)).status).toBe(401);
    expect((await handler(webhookRequest(body, {}))).status).toBe(401);
    const notAnEvent = JSON.stringify({ hello: "world" });
    expect((await handler(webhookRequest(notAnEvent, referenceSign(notAnEvent)))).status).toBe(400);
    expect((await handler(new Request("http://127.0.0.1/api/webhook"))).status).toBe(405);
    expect(calls).toEqual([]);
    expect((await handler(delivery("msg_g"))).status).toBe(200);
    expect(calls).toEqual(["claim", "complete"]);
  });

  for (const mode of ["throw", "reject"] as const) {
    it(`answers 500 and runs no handler when the claim fails (${mode})`, async () => {
      const { store } = countingStore({ claim: mode });
      const { handler, runs, logger } = setup({ store });
      const response = await handler(delivery("msg_h"));
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("claim failed");
      expect(runs).toEqual([]);
      expect(logger.lines).toEqual([
        expect.stringMatching(/^error: Idempotency store: claiming webhook msg_h failed/),
      ]);
    });
  }

  it("answers 500 when completing fails, and the retry after the lease runs again (never silently)", async () => {
    const { store, inner } = countingStore({ complete: "reject" });
    const logger = recordingLogger();
    const runs: string[] = [];
    const handler = webhookHandler({
      webhookKey,
      logger,
      idempotency: { store, leaseSeconds: 0.2 },
      onPaymentSucceeded: (_payload, { webhookId }) => void runs.push(webhookId),
    });
    expect((await handler(delivery("msg_i"))).status).toBe(500);
    expect(logger.lines).toEqual([
      expect.stringMatching(/^error: Idempotency store: webhook msg_i was handled but could not/),
    ]);
    // Still claimed until the lease runs out: not dropped, not run twice at once.
    expect((await handler(delivery("msg_i"))).status).toBe(409);
    await sleep(250);
    expect(await inner.claim("msg_i", "probe", 1000)).toBe("claimed");
    expect(runs).toEqual(["msg_i"]);
  });

  it("still answers the handler's 500 when releasing fails, and the retry runs after the lease", async () => {
    const { store } = countingStore({ release: "throw" });
    const logger = recordingLogger();
    let runs = 0;
    const handler = webhookHandler({
      webhookKey,
      logger,
      idempotency: { store, leaseSeconds: 0.2 },
      onError: () => {},
      onPaymentSucceeded: () => {
        runs++;
        if (runs === 1) throw new Error("first run fails");
      },
    });
    expect((await handler(delivery("msg_j"))).status).toBe(500);
    expect(logger.lines).toEqual([
      expect.stringMatching(/^error: Idempotency store: releasing webhook msg_j failed/),
    ]);
    expect((await handler(delivery("msg_j"))).status).toBe(409);
    await sleep(250);
    expect((await handler(delivery("msg_j"))).status).toBe(200);
    expect(runs).toBe(2);
  });

  it("answers 500 when a store's claim answers something else", async () => {
    const store = {
      claim: () => "maybe",
      complete: () => true,
      release: () => {},
    } as unknown as IdempotencyStore;
    const { handler, runs, logger } = setup({ store });
    expect((await handler(delivery("msg_k"))).status).toBe(500);
    expect(runs).toEqual([]);
    expect(logger.lines).toEqual([
      "error: Idempotency store: claim answered maybe; answering 500.",
    ]);
  });

  it("stays synchronous with the memory store and synchronous handlers", () => {
    const processor = webhookProcessor({
      webhookKey,
      idempotency: { store: memoryIdempotencyStore() },
      onPaymentSucceeded: () => {},
    });
    const headers = referenceSign(body, { id: "msg_l" });
    const parts: WebhookRequestParts = {
      method: "POST",
      headers,
      readBody: () => body,
      toRequest: (b) => webhookRequest(b, headers),
    };
    const first = processor(parts);
    expect(first).not.toBeInstanceOf(Promise);
    expect(first).toMatchObject({ status: 200 });
    expect(processor(parts)).toMatchObject({ status: 200 });
  });

  it("is off by default: without the option, every delivery runs the handlers", async () => {
    const runs: string[] = [];
    const handler = webhookHandler({
      webhookKey,
      onPaymentSucceeded: (_payload, { webhookId }) => void runs.push(webhookId),
    });
    await handler(delivery("msg_m"));
    await handler(delivery("msg_m"));
    expect(runs).toEqual(["msg_m", "msg_m"]);
  });

  it("refuses options that cannot work when the handler is created", () => {
    const make = (idempotency: unknown) => () =>
      webhookHandler({ webhookKey, idempotency } as WebhookHandlerConfig);
    expect(make({})).toThrow(/idempotency.store must be an idempotency store/);
    expect(make({ store: { claim() {} } })).toThrow(/idempotency.store/);
    const store = memoryIdempotencyStore();
    expect(make({ store, leaseSeconds: 0 })).toThrow(/leaseSeconds must be a positive/);
    expect(make({ store, retainSeconds: Number.NaN })).toThrow(/retainSeconds must be a positive/);
    expect(make({ store, leaseSeconds: 5, retainSeconds: 60 })).not.toThrow();
  });

  it("refuses a Redis client it does not recognise, naming the two it takes", () => {
    expect(() => redisIdempotencyStore({} as never)).toThrow(/node-redis client .* or an ioredis/);
  });
});
