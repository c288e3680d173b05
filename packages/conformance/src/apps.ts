// The conformance apps as plain fetch handlers, with no server: the fixtures serve them on Node,
// and the runtime matrix (packages/runtimes) bundles the same apps for Bun, Deno and workerd.
import {
  checkoutHandler,
  customerPortalHandler,
  type EnvSource,
  webhookHandler,
} from "@dodopayments/core";
import { Checkout, CustomerPortal, Webhooks } from "@dodopayments/hono";
import { Hono } from "hono";
import {
  clientOptions,
  customerIdFromSession,
  eventsResponse,
  webhookHandlers,
} from "./app-kit.js";
import type { FixtureEnv, Variant } from "./fixture";

/**
 * Core's fetch handlers routed by method and path, no framework. `env` is where the Dodo settings
 * come from before `process.env`: a record, or a function of the `context` each request is served
 * with (Workers bindings).
 */
export function coreApp<TContext>(
  env: EnvSource<TContext>,
): (request: Request, context?: TContext) => Promise<Response> {
  const options = { ...clientOptions, env };
  const routes: Record<string, (request: Request, context?: TContext) => Promise<Response>> = {
    "GET /api/checkout": checkoutHandler({ ...options, type: "static" }),
    "POST /api/checkout": checkoutHandler({ ...options, type: "dynamic" }),
    "POST /api/checkout-session": checkoutHandler({ ...options, type: "session" }),
    "GET /api/customer-portal": customerPortalHandler(options),
    "GET /api/customer-portal/me": customerPortalHandler({
      ...options,
      getCustomerId: (request) => customerIdFromSession(request.headers),
    }),
    "GET /api/test/events": async () => eventsResponse(),
  };
  const webhook = webhookHandler({ env, ...webhookHandlers });
  return async (request, context) => {
    const path = new URL(request.url).pathname;
    const handler = path === "/api/webhook" ? webhook : routes[`${request.method} ${path}`];
    return handler ? handler(request, context) : new Response("not found", { status: 404 });
  };
}

/**
 * The Hono app. recommended: the routes as the README mounts them. hostile: middleware in front
 * that reads the Web request (`c.req.raw`) and parses every POST body with `c.req.json()` first,
 * so the adapter must find the bytes in Hono's body cache.
 */
export function honoApp(variant: Variant): Hono<{ Bindings: FixtureEnv }> {
  const app = new Hono<{ Bindings: FixtureEnv }>();
  if (variant === "hostile") {
    app.use("*", async (c, next) => {
      c.header("x-seen-user-agent", c.req.raw.headers.get("user-agent") ?? "");
      if (c.req.method === "POST") await c.req.json().catch(() => undefined);
      await next();
    });
  }
  app.get("/api/checkout", Checkout({ ...clientOptions, type: "static" }));
  app.post("/api/checkout", Checkout({ ...clientOptions, type: "dynamic" }));
  app.post("/api/checkout-session", Checkout({ ...clientOptions, type: "session" }));
  app.get("/api/customer-portal", CustomerPortal({ ...clientOptions }));
  app.get(
    "/api/customer-portal/me",
    CustomerPortal({
      ...clientOptions,
      getCustomerId: (request) => customerIdFromSession(request.headers),
    }),
  );
  // `app.all` so that other methods reach the handler and get its 405 with `Allow`.
  app.all("/api/webhook", Webhooks({ ...webhookHandlers }));
  app.get("/api/test/events", () => eventsResponse());
  return app;
}
