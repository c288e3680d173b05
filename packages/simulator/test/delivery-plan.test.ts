import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../src/index.js";
import { webhookHeaders } from "./helpers.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

interface Held {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  answer: (status: number) => void;
}

/**
 * A webhook endpoint that lets the test decide when and how each request is answered:
 * `onRequest` gets every request (and all received so far) and may answer it or keep it waiting.
 */
async function endpoint(onRequest: (request: Held, all: Held[]) => void = (r) => r.answer(200)) {
  const received: Held[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const held: Held = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
        answer: (status) => res.writeHead(status).end(),
      };
      received.push(held);
      onRequest(held, received);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

async function simulator(options: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  const sim = await startSimulator({ retryDelaysMs: [20, 40], ...options });
  cleanups.push(() => sim.close());
  return sim;
}

function idOf(sim: Simulator, request: Held): string {
  new Webhook(sim.webhookKey).verify(request.body, webhookHeaders(request.headers as never));
  return String(request.headers["webhook-id"]);
}

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe("delivery plans", () => {
  it("duplicates: the same message several times at once, before any is answered", async () => {
    // Nothing is answered until all three copies are in: sent one after another, they would hang.
    const hook = await endpoint((_request, all) => {
      if (all.length === 3) for (const held of all) held.answer(200);
    });
    const sim = await simulator({ webhookUrl: hook.url });
    const record = await sim.trigger("payment.succeeded", undefined, { duplicates: 2 });
    expect(hook.received).toHaveLength(3);
    const ids = hook.received.map((request) => idOf(sim, request));
    expect(new Set(ids)).toEqual(new Set([record.id]));
    expect(new Set(hook.received.map((r) => r.body))).toEqual(new Set([record.body]));
    expect(record.state).toBe("succeeded");
    expect(record.attempts.map((a) => a.mode ?? "first").sort()).toEqual([
      "duplicate",
      "duplicate",
      "first",
    ]);
  });

  it("redeliverAfterMs: sends the message again after the delay, though it succeeded", async () => {
    const hook = await endpoint();
    const sim = await simulator({ webhookUrl: hook.url });
    const record = await sim.trigger("refund.succeeded", undefined, { redeliverAfterMs: [150] });
    expect(record.state).toBe("succeeded");
    await until(() => hook.received.length === 2);
    const [first, second] = hook.received as [Held, Held];
    expect(idOf(sim, second)).toBe(idOf(sim, first));
    await until(() => record.attempts.length === 2);
    const [one, two] = record.attempts.map((attempt) => Date.parse(attempt.at));
    expect((two as number) - (one as number)).toBeGreaterThanOrEqual(140);
    expect(record.attempts[1]).toMatchObject({ attempt: 2, mode: "redelivery", status: 200 });
    expect(record.state).toBe("succeeded");
  });

  it("dropResponses: the endpoint answered 200, the sender ignores it and retries", async () => {
    const hook = await endpoint();
    const sim = await simulator({ webhookUrl: hook.url });
    const record = await sim.trigger("payment.succeeded", undefined, { dropResponses: 1 });
    expect(record.attempts[0]).toMatchObject({ attempt: 1, status: 200, dropped: true });
    expect(record.state).toBe("pending");
    await until(() => record.state === "succeeded");
    expect(record.attempts).toHaveLength(2);
    expect(record.attempts[1]).toMatchObject({ attempt: 2, status: 200 });
    expect(record.attempts[1]?.dropped).toBeUndefined();
    expect(hook.received.map((request) => idOf(sim, request))).toEqual([record.id, record.id]);
  });

  it("targets: attempts go to the instances in turn, with no webhook URL set", async () => {
    const a = await endpoint((request) => request.answer(503));
    const b = await endpoint();
    // A retry of the 503 could only go out after the copy to b answered, which ends the message.
    const sim = await simulator({ retryDelaysMs: [1000] });
    const record = await sim.trigger("payment.succeeded", undefined, {
      targets: [a.url, b.url],
      duplicates: 2,
    });
    // Copies 1 and 3 went to a (503), copy 2 to b (200): succeeded, and no retry follows.
    expect(a.received).toHaveLength(2);
    expect(b.received).toHaveLength(1);
    expect(record.state).toBe("succeeded");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.received.length + b.received.length).toBe(3);
  });

  it("retries a failed first attempt on the next target, as a retry reaching another instance", async () => {
    const a = await endpoint((request) => request.answer(409));
    const b = await endpoint();
    const sim = await simulator();
    const record = await sim.trigger("payment.succeeded", undefined, { targets: [a.url, b.url] });
    await until(() => record.state === "succeeded");
    expect(record.attempts.map((attempt) => [attempt.url, attempt.status])).toEqual([
      [a.url, 409],
      [b.url, 200],
    ]);
  });

  it("ordered: false starts a message without waiting for the one before", async () => {
    // The first message is answered only once the second has arrived.
    const hook = await endpoint((_request, all) => {
      if (all.length === 2) for (const held of all) held.answer(200);
    });
    const sim = await simulator({ webhookUrl: hook.url });
    const plan = { ordered: false };
    const [one, two] = await Promise.all([
      sim.trigger("payment.succeeded", undefined, plan),
      sim.trigger("payment.succeeded", undefined, plan),
    ]);
    expect(one.state).toBe("succeeded");
    expect(two.state).toBe("succeeded");
    expect(one.id).not.toBe(two.id);
  });

  it("refuses a plan that cannot work, from code and from the control endpoint", async () => {
    const sim = await simulator();
    await expect(sim.trigger("payment.succeeded", undefined, { duplicates: -1 })).rejects.toThrow(
      "duplicates must be a whole number >= 0",
    );
    await expect(
      sim.trigger("payment.succeeded", undefined, { targets: ["ftp://x/"] }),
    ).rejects.toThrow("targets must be http(s) URLs");
    await expect(
      sim.trigger("payment.succeeded", undefined, { redeliverAfterMs: [1.5] }),
    ).rejects.toThrow("redeliverAfterMs[] must be a whole number");
    const response = await fetch(`${sim.url}/_sim/trigger`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "payment.succeeded", plan: { dropResponses: "all" } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      message: "dropResponses must be a whole number >= 0",
    });
    expect(sim.deliveries).toHaveLength(0);
  });

  it("takes a plan on the control endpoint", async () => {
    const hook = await endpoint();
    const sim = await simulator({ webhookUrl: hook.url });
    const response = await fetch(`${sim.url}/_sim/trigger`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "payment.succeeded", plan: { duplicates: 1 } }),
    });
    expect(response.status).toBe(200);
    expect(hook.received).toHaveLength(2);
  });
});
