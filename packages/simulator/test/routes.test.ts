// The simulator's pieces without a server: the router, list paging, and API routes driven
// through a SimulatorContext (real store, real handlers; no network).
import { describe, expect, it } from "vitest";
import { type ApiRoute, apiRoutes } from "../src/api/index.js";
import { listItems, pageOf } from "../src/api/list.js";
import { SimulatorContext } from "../src/context.js";
import { CONTROL_ROUTES } from "../src/control.js";
import { ApiError } from "../src/http/respond.js";
import { matchPath, Router } from "../src/http/router.js";

describe("router", () => {
  const router = new Router([
    { method: "GET", pattern: "/customers/:id", handler: "get" },
    { method: "POST", pattern: "/customers/:id/customer-portal/session", handler: "portal" },
    { method: "DELETE", pattern: "/customers/:id", handler: "delete" },
  ]);

  it("matches segment by segment and decodes params", () => {
    expect(matchPath("/customers/:id", "/customers/cus%201")).toEqual({ id: "cus 1" });
    expect(matchPath("/customers/:id", "/customers/a/b")).toBeNull();
    expect(matchPath("/customers/:id", "/products/a")).toBeNull();
    expect(matchPath("/customers/:id", "/customers/%E0%A4%A")).toBeNull();
  });

  it("finds a route by method and path, and lists the methods a path has", () => {
    expect(router.find("GET", "/customers/cus_1")?.route.handler).toBe("get");
    expect(router.find("GET", "/customers/cus_1")?.params).toEqual({ id: "cus_1" });
    expect(router.find("PUT", "/customers/cus_1")).toBeUndefined();
    expect(router.allowed("/customers/cus_1")).toEqual(["GET", "DELETE"]);
    expect(router.has("/customers/cus_1/customer-portal/session")).toBe(true);
    expect(router.has("/customers")).toBe(false);
  });
});

describe("lists", () => {
  const q = (query: string) => new URLSearchParams(query);
  const numbers = Array.from({ length: 250 }, (_, i) => i);

  it("pages by page_size (1-100, default 10) and 0-based page_number", () => {
    expect(pageOf(numbers, q("")).items).toEqual(numbers.slice(0, 10));
    expect(pageOf(numbers, q("page_size=3&page_number=2")).items).toEqual([6, 7, 8]);
    expect(pageOf(numbers, q("page_size=1000")).items).toHaveLength(100);
    expect(pageOf(numbers, q("page_size=-5")).items).toHaveLength(1);
    expect(pageOf(numbers, q("page_size=abc&page_number=-1")).items).toEqual(numbers.slice(0, 10));
    expect(pageOf(numbers, q("page_number=99")).items).toEqual([]);
  });

  it("applies a filter only when its parameter is present, then pages the views", () => {
    const spec = {
      items: () => numbers,
      filters: { parity: (n: number, wanted: string) => String(n % 2) === wanted },
      view: (n: number) => `#${n}`,
    };
    expect(listItems(spec, q("page_size=3")).items).toEqual(["#0", "#1", "#2"]);
    expect(listItems(spec, q("parity=1&page_size=3&page_number=1")).items).toEqual([
      "#7",
      "#9",
      "#11",
    ]);
  });
});

/** Calls one API route of `ctx` as the server would, without a server. */
function call(ctx: SimulatorContext, method: string, path: string, body?: unknown): unknown {
  const url = new URL(path, "http://sim.test");
  const found = new Router<ApiRoute["handler"]>(apiRoutes(ctx)).find(method, url.pathname);
  if (!found) throw new Error(`no route ${method} ${path}`);
  return found.route.handler({ params: found.params, body, query: url.searchParams });
}

function apiError(run: () => unknown): ApiError {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected an ApiError");
}

describe("API routes on a context", () => {
  const billing = { country: "de", city: "Berlin", zipcode: 10115 };

  it("creates a payment with a link under the context's base URL, and lists it", () => {
    const ctx = new SimulatorContext();
    ctx.baseUrl = "http://sim.test";
    const created = call(ctx, "POST", "/payments", {
      billing,
      customer: { email: "ada@example.com", name: "Ada" },
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 2 }],
      payment_link: true,
    }) as { payment_id: string; payment_link: string; customer: { customer_id: string } };
    expect(created.payment_link).toBe(`http://sim.test/pay/${created.payment_id}`);
    expect(ctx.store.checkouts.get(created.payment_id)?.kind).toBe("payment_link");
    expect(ctx.store.payments.get(created.payment_id)?.billing).toMatchObject({
      country: "DE",
      zipcode: "10115",
    });

    const mine = call(ctx, "GET", `/payments?customer_id=${created.customer.customer_id}`);
    expect(mine).toMatchObject({ items: [{ payment_id: created.payment_id }] });
    expect(call(ctx, "GET", "/payments?customer_id=cus_nobody")).toEqual({ items: [] });
    expect(call(ctx, "GET", "/payments?product_id=pdt_demo_subscription")).toEqual({ items: [] });
  });

  it("lists subscriptions newest first, filtered by status", () => {
    const ctx = new SimulatorContext();
    const ids = [1, 2].map(
      (n) =>
        (
          call(ctx, "POST", "/subscriptions", {
            billing,
            customer: { email: `sub${n}@example.com` },
            product_id: "pdt_demo_subscription",
            quantity: 1,
          }) as { subscription_id: string }
        ).subscription_id,
    );
    const listed = call(ctx, "GET", "/subscriptions?status=pending") as {
      items: Array<{ subscription_id: string; product_name: string | null }>;
    };
    expect(listed.items.map((s) => s.subscription_id)).toEqual([...ids].reverse());
    expect(listed.items[0]?.product_name).toBe(
      ctx.store.products.get("pdt_demo_subscription")?.name,
    );
    expect(call(ctx, "GET", "/subscriptions?status=active")).toEqual({ items: [] });
  });

  it("answers invalid input with the API's errors", () => {
    const ctx = new SimulatorContext();
    const notAnObject = apiError(() => call(ctx, "POST", "/payments", []));
    expect([notAnObject.status, notAnObject.code]).toEqual([422, "INVALID_REQUEST_BODY"]);
    const unknown = apiError(() =>
      call(ctx, "POST", "/checkouts", { product_cart: [{ product_id: "pdt_nope", quantity: 1 }] }),
    );
    expect([unknown.status, unknown.message]).toEqual([404, "Product pdt_nope not found"]);
    const email = apiError(() =>
      call(ctx, "POST", "/customers/cus_demo/customer-portal/session?send_email=maybe"),
    );
    expect([email.status, email.code]).toEqual([400, "INVALID_QUERY_PARAMS"]);
  });

  it("keeps one customer per email", () => {
    const ctx = new SimulatorContext({ customers: [] });
    const first = call(ctx, "POST", "/customers", { email: "Ada@Example.com", name: "Ada" });
    const again = call(ctx, "POST", "/customers", { email: "ada@example.com", name: "Other" });
    expect(again).toBe(first);
    expect(call(ctx, "GET", "/customers?email=ADA@example.com")).toEqual({ items: [first] });
  });
});

describe("control routes", () => {
  it("has one entry per method and path, all under /_sim", () => {
    const keys = CONTROL_ROUTES.map((r) => `${r.method} ${r.pattern}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of CONTROL_ROUTES) expect(r.pattern).toMatch(/^\/_sim(\/|$)/);
  });
});

describe("context", () => {
  it("refuses a webhook URL that is not http(s), and stops its timers on close", async () => {
    const ctx = new SimulatorContext({ webhookUrl: "http://127.0.0.1:9/hook" });
    expect(() => ctx.setWebhookUrl("ftp://example.com")).toThrow(/http\(s\)/);
    expect(ctx.webhookUrl).toBe("http://127.0.0.1:9/hook");
    let woke = false;
    void ctx.sleep(20).then(() => {
      woke = true;
    });
    ctx.close();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(ctx.closing).toBe(true);
    expect(woke).toBe(false);
  });
});
