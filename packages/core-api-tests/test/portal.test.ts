import { type CustomerPortalHandlerConfig, customerPortalHandler } from "@dodopayments/core";
import { recordingLogger, type Simulator, startSimulator } from "@dodopayments/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
afterEach(() => sim.faults.clear());

function portal<T = unknown>(config: CustomerPortalHandlerConfig<T> = {}) {
  const logger = recordingLogger();
  return {
    logger,
    handle: customerPortalHandler<T>({
      bearerToken: sim.apiKey,
      baseURL: sim.url,
      maxRetries: 0,
      logger,
      ...config,
    }),
  };
}
const get = (query = "", headers: Record<string, string> = {}) =>
  new Request(`http://shop.test/api/customer-portal${query}`, { headers });
const sessionCalls = () => sim.requests.filter((r) => r.path.endsWith("/customer-portal/session"));

describe("customer portal without getCustomerId (documented form)", () => {
  it("redirects to the portal link and warns once that it is unauthenticated", async () => {
    const { handle, logger } = portal();
    const response = await handle(get("?customer_id=cus_demo"));
    expect(response.status).toBe(302);
    const location = response.headers.get("location") ?? "";
    expect(location.startsWith(sim.url)).toBe(true);
    await handle(get("?customer_id=cus_demo"));
    expect(logger.lines.filter((l) => l.includes("getCustomerId"))).toHaveLength(1);
  });

  it("passes send_email and the return URL", async () => {
    const { handle } = portal({ returnUrl: "https://shop.test/account" });
    await handle(get("?customer_id=cus_demo&send_email=false"));
    expect(sessionCalls().at(-1)?.query).toMatchObject({
      send_email: "false",
      return_url: "https://shop.test/account",
    });
  });

  it("refuses a missing customer_id (400), a bad send_email (400) and other methods (405)", async () => {
    const { handle } = portal();
    expect((await handle(get())).status).toBe(400);
    expect((await handle(get("?customer_id=cus_demo&send_email=yes"))).status).toBe(400);
    const post = await handle(
      new Request("http://shop.test/api/customer-portal?customer_id=cus_demo", { method: "POST" }),
    );
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("answers JSON for Accept: application/json", async () => {
    const { handle } = portal();
    const response = await handle(get("?customer_id=cus_demo", { accept: "application/json" }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { portal_url: string }).portal_url.startsWith(sim.url)).toBe(
      true,
    );
  });

  it("answers 404 for an unknown customer and 502 when the API fails", async () => {
    const { handle } = portal();
    expect((await handle(get("?customer_id=cus_unknown"))).status).toBe(404);
    sim.faults.set({ route: "POST /customers/:id/customer-portal/session", status: 500 });
    expect((await handle(get("?customer_id=cus_demo"))).status).toBe(502);
  });
});

describe("customer portal with getCustomerId", () => {
  it("uses the server-side customer and ignores the query, passing request and context", async () => {
    const seen: unknown[] = [];
    const { handle, logger } = portal<{ user: string }>({
      getCustomerId: async (request, context) => {
        seen.push(request.url, context);
        return context?.user === "demo" ? "cus_demo" : null;
      },
    });
    const before = sessionCalls().length;
    const response = await handle(get("?customer_id=cus_victim"), { user: "demo" });
    expect(response.status).toBe(302);
    expect(
      sessionCalls()
        .slice(before)
        .map((r) => r.path),
    ).toEqual(["/customers/cus_demo/customer-portal/session"]);
    expect(seen).toEqual([
      "http://shop.test/api/customer-portal?customer_id=cus_victim",
      { user: "demo" },
    ]);
    expect(logger.lines).toEqual([]);
  });

  it("answers 401 when nobody is signed in", async () => {
    const { handle } = portal({ getCustomerId: () => undefined });
    const response = await handle(get("?customer_id=cus_demo"));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
