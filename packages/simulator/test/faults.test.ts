import {
  APIConnectionError,
  APIConnectionTimeoutError,
  InternalServerError,
  RateLimitError,
} from "dodopayments";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator, validateFaultRule } from "../src/index.js";
import { sdkFor } from "./helpers.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

describe("fault injection, observed through the SDK", () => {
  it("adds latency to a matching route only", async () => {
    sim.faults.set({ route: "GET /products/:id", latencyMs: 150 });
    const client = sdkFor(sim, { maxRetries: 0 });
    const t = performance.now();
    const p = await client.products.retrieve("pdt_demo_onetime");
    expect(p.product_id).toBe("pdt_demo_onetime");
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
    await client.products.list();
    expect(sim.requests.at(-2)).toMatchObject({
      path: "/products/pdt_demo_onetime",
      fault: "latency",
    });
    expect(sim.requests.at(-1)).toMatchObject({ path: "/products", fault: null, status: 200 });
  });

  it("answers a given status: 500 and 502 as InternalServerError", async () => {
    const client = sdkFor(sim, { maxRetries: 0 });
    for (const status of [500, 502]) {
      sim.faults.set({ route: "POST /checkouts", status });
      const err = await client.checkoutSessions
        .create({ product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InternalServerError);
      expect((err as InternalServerError).status).toBe(status);
    }
  });

  it("answers 429 with retry-after as RateLimitError", async () => {
    sim.faults.set({ route: "*", status: 429, retryAfter: 7 });
    const client = sdkFor(sim, { maxRetries: 0 });
    const err = await client.products.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).headers?.get("retry-after")).toBe("7");
    expect((err as RateLimitError).error).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("applies a counted fault N times, so the SDK's own retry succeeds", async () => {
    sim.faults.set({ route: "GET /customers/:id", status: 429, retryAfter: 0, count: 1 });
    const before = sim.requests.length;
    const client = sdkFor(sim, { maxRetries: 2 });
    const c = await client.customers.retrieve("cus_demo");
    expect(c.customer_id).toBe("cus_demo");
    expect(sim.requests.slice(before).map((r) => r.status)).toEqual([429, 200]);
    expect(sim.faults.list()).toEqual([]);
  });

  it("hangs a request until the SDK times out, and close() ends hung sockets", async () => {
    const own = await startSimulator();
    own.faults.set({ route: "GET /products", hang: true });
    const client = sdkFor(own, { maxRetries: 0, timeout: 200 });
    const t = performance.now();
    const err = await client.products.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect(performance.now() - t).toBeGreaterThanOrEqual(190);
    // A second hung request stays open; close() must still finish promptly.
    const pending = fetch(`${own.url}/products`, {
      headers: { authorization: `Bearer ${own.apiKey}` },
    }).catch((e: unknown) => e);
    await expect.poll(() => own.requests.length).toBe(2);
    const closing = performance.now();
    await own.close();
    expect(performance.now() - closing).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it("returns a malformed JSON body with status 200", async () => {
    sim.faults.set({ route: "GET /products/:id", malformed: true });
    const client = sdkFor(sim, { maxRetries: 0 });
    await expect(client.products.retrieve("pdt_demo_onetime")).rejects.toThrow(/JSON/);
    const raw = await fetch(`${sim.url}/products/pdt_demo_onetime`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get("content-type")).toBe("application/json");
    await expect(raw.json()).rejects.toThrow();
  });

  it("drops the connection", async () => {
    sim.faults.set({ route: "POST /payments", drop: true });
    const client = sdkFor(sim, { maxRetries: 0 });
    const err = await client.payments
      .create({
        billing: { country: "US" },
        customer: { customer_id: "cus_demo" },
        product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
        payment_link: true,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(sim.requests.at(-1)).toMatchObject({ path: "/payments", status: null, fault: "drop" });
  });

  it("can be set and cleared over HTTP (/_sim/faults) without the API key", async () => {
    const add = await fetch(`${sim.url}/_sim/faults`, {
      method: "POST",
      body: JSON.stringify({ route: "GET /products", status: 502, count: 2 }),
    });
    expect(add.status).toBe(200);
    expect(await add.json()).toEqual({
      items: [{ route: "GET /products", status: 502, count: 2 }],
    });
    const client = sdkFor(sim, { maxRetries: 0 });
    await expect(client.products.list()).rejects.toBeInstanceOf(InternalServerError);
    expect(sim.faults.list()).toEqual([{ route: "GET /products", status: 502, count: 1 }]);
    const del = await fetch(`${sim.url}/_sim/faults`, { method: "DELETE" });
    expect(await del.json()).toEqual({ items: [] });
    await expect(client.products.list()).resolves.toBeDefined();
    const bad = await fetch(`${sim.url}/_sim/faults`, {
      method: "POST",
      body: JSON.stringify({ route: "*", status: 500, drop: true }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: expect.stringContaining("at most one") });
  });

  it("never applies faults to the /_sim control routes", async () => {
    sim.faults.set({ route: "*", drop: true });
    const res = await fetch(`${sim.url}/_sim/faults`);
    expect(res.status).toBe(200);
  });

  it("validates rules", () => {
    expect(() => validateFaultRule({ route: "" })).toThrow(/route/);
    expect(() => validateFaultRule({ route: "*" })).toThrow(/needs/);
    expect(() => validateFaultRule({ route: "*", status: 99 })).toThrow(/status/);
    expect(() => validateFaultRule({ route: "*", count: 0 })).toThrow(/count/);
    expect(validateFaultRule({ route: "/products/*", latencyMs: 5, status: 500 })).toEqual({
      route: "/products/*",
      latencyMs: 5,
      status: 500,
    });
  });
});
