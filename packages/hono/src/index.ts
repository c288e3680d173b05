import * as core from "@dodopayments/core";
import type { Context, Env } from "hono";
import { env as runtimeEnv } from "hono/adapter";

export * from "@dodopayments/core/adapter";

/** A Hono route handler: `app.get("/api/checkout", Checkout({ ... }))`. */
// biome-ignore lint/suspicious/noExplicitAny: `any` is Hono's own default Env, so the handler fits every app.
export type DodoHonoHandler<E extends Env = any> = (c: Context<E>) => Promise<Response>;

// biome-ignore lint/suspicious/noExplicitAny: see DodoHonoHandler.
type AnyEnv = any;

const isRecord = (value: unknown): value is core.EnvRecord =>
  typeof value === "object" && value !== null;

/**
 * Where Dodo settings come from on Hono: the app's bindings (`c.env`: Workers bindings, or the
 * third argument of `app.request()`), then the runtime's environment (`env(c)` from
 * `hono/adapter`: Deno.env, Workers bindings); core falls back to `process.env` last.
 */
export function honoEnv(c: Context<AnyEnv> | undefined): core.EnvRecord | undefined {
  if (!c) return undefined;
  const runtime = runtimeEnv(c) as core.EnvRecord | undefined;
  const bindings = isRecord(c.env) ? c.env : undefined;
  if (!bindings || bindings === runtime) return runtime;
  // On Node and Bun `env(c)` is `process.env`, which core reads anyway.
  if (!runtime || runtime === globalThis.process?.env) return bindings;
  return { ...runtime, ...bindings };
}

function withHonoEnv<T extends { env?: unknown }>(config: T): T {
  return config.env ? config : { ...config, env: honoEnv };
}

/** Checkout: GET static links (`type: "static"`), POST payment links (`"dynamic"`) or checkout sessions (`"session"`). */
export function Checkout<E extends Env = AnyEnv>(
  config: core.CheckoutHandlerConfig<Context<E>>,
): DodoHonoHandler<E> {
  const handler = core.checkoutHandler(withHonoEnv(config));
  return (c) => handler(c.req.raw, c);
}

/** Customer portal: GET, 302 to the portal (or `{ portal_url }` for `Accept: application/json`). */
export function CustomerPortal<E extends Env = AnyEnv>(
  config: core.CustomerPortalHandlerConfig<Context<E>>,
): DodoHonoHandler<E> {
  const handler = core.customerPortalHandler(withHonoEnv(config));
  return (c) => handler(c.req.raw, c);
}

const warned = new WeakSet<object>();

/**
 * The request to verify. Untouched when nothing read the body. When a middleware already read it
 * through `c.req.json()/text()/arrayBuffer()`, the bytes come from Hono's body cache: exact after
 * `text()`/`arrayBuffer()` (and after `json()` in current Hono, which caches the text), but only
 * `JSON.stringify(parsed)` in Hono releases whose `json()` caches the parsed object; that compact
 * form verifies only if Dodo sent exactly it (it fails closed with 401, never open).
 */
async function webhookRequest(
  c: Context<AnyEnv>,
  logger: core.Logger | undefined,
): Promise<Request> {
  const raw = c.req.raw;
  const cache = c.req.bodyCache;
  if (!raw.bodyUsed || Object.keys(cache).length === 0) return raw;
  if (cache.json && !cache.text && !cache.arrayBuffer && !cache.blob) {
    const log = logger ?? core.consoleLogger;
    if (!warned.has(log)) {
      warned.add(log);
      log.warn(
        "Webhook body was parsed by c.req.json() before the webhook handler, and this Hono version keeps only the parsed object: verifying its compact re-serialization. Mount the webhook route before middleware that reads the body for exact-bytes verification.",
      );
    }
  }
  const headers = new Headers(raw.headers);
  headers.delete("content-length");
  // Re-serializing a parsed object fails on one nested deeply enough to overflow the stack. No
  // genuine event is like that: an empty body then fails verification (401) as it should.
  const body = await c.req.arrayBuffer().catch(() => new ArrayBuffer(0));
  return new Request(raw.url, { method: raw.method, headers, body, signal: raw.signal });
}

/** Webhooks: POST, verifies the signature over the exact body and calls your `on<Event>` handlers. */
export function Webhooks<E extends Env = AnyEnv>(
  config: core.WebhookHandlerConfig<Context<E>>,
): DodoHonoHandler<E> {
  const handler = core.webhookHandler(withHonoEnv(config));
  return async (c) => handler(await webhookRequest(c, config.logger), c);
}
