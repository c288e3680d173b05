import type { IncomingMessage } from "node:http";
import * as core from "@dodopayments/core/internal";
import type { Context, Env } from "hono";
import { env as runtimeEnv } from "hono/adapter";

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";

/** A Hono route handler: `app.get("/api/checkout", Checkout({ ... }))`. */
// biome-ignore lint/suspicious/noExplicitAny: `any` is Hono's own default Env, so the handler fits every app.
export type DodoHonoHandler<E extends Env = any> = (c: Context<E>) => Response | Promise<Response>;

// biome-ignore lint/suspicious/noExplicitAny: see DodoHonoHandler.
type AnyEnv = any;

/**
 * Where Dodo settings come from on Hono: the app's bindings (`c.env`: Workers bindings, or the
 * third argument of `app.request()`), then the runtime's environment (`env(c)` from
 * `hono/adapter`: Deno.env, Workers bindings); core falls back to `process.env` last.
 */
export function honoEnv(c: Context<AnyEnv> | undefined): core.EnvRecord | undefined {
  if (!c) return undefined;
  const runtime = runtimeEnv(c) as core.EnvRecord | undefined;
  const bindings = core.isEnvRecord(c.env) ? c.env : undefined;
  if (!bindings || bindings === runtime) return runtime;
  // On Node and Bun `env(c)` is `process.env`, which core reads anyway.
  if (!runtime || runtime === globalThis.process?.env) return bindings;
  return { ...runtime, ...bindings };
}

function withHonoEnv<T extends { env?: unknown }>(config: T): T {
  return core.withDefaultEnv(config, honoEnv);
}

/**
 * The request with its body. Untouched when nothing read the body. When a middleware already read
 * it through `c.req.json()/text()/arrayBuffer()`, the bytes come from Hono's body cache: exact after
 * `text()`/`arrayBuffer()` (and after `json()` in current Hono, which caches the text), but only
 * `JSON.stringify(parsed)` in Hono releases whose `json()` caches the parsed object; for a webhook
 * that compact form verifies only if Dodo sent exactly it (it fails closed with 401, never open).
 */
async function requestWithBody(c: Context<AnyEnv>, onlyParsed?: () => void): Promise<Request> {
  const raw = c.req.raw;
  const cache = c.req.bodyCache;
  if (!raw.bodyUsed || Object.keys(cache).length === 0) return raw;
  if (cache.json && !cache.text && !cache.arrayBuffer && !cache.blob) onlyParsed?.();
  const headers = new Headers(raw.headers);
  headers.delete("content-length");
  // Re-serializing a parsed object fails on one nested deeply enough to overflow the stack. No
  // genuine request is like that: an empty body then fails verification (401) or validation (400).
  const body = await c.req.arrayBuffer().catch(() => new ArrayBuffer(0));
  return new Request(raw.url, { method: raw.method, headers, body, signal: raw.signal });
}

/** Checkout: GET static links (`type: "static"`), POST payment links (`"dynamic"`) or checkout sessions (`"session"`). */
export function Checkout<E extends Env = AnyEnv>(
  config: core.CheckoutHandlerConfig<Context<E>>,
): DodoHonoHandler<E> {
  const handler = core.checkoutHandler(withHonoEnv(config));
  return async (c) => handler(await requestWithBody(c), c);
}

/** Customer portal: GET, 302 to the portal (or `{ portal_url }` for `Accept: application/json`). */
export function CustomerPortal<E extends Env = AnyEnv>(
  config: core.CustomerPortalHandlerConfig<Context<E>>,
): DodoHonoHandler<E> {
  const handler = core.customerPortalHandler(withHonoEnv(config));
  return (c) => handler(c.req.raw, c);
}

const warned = new WeakSet<object>();

function warnOnce(logger: core.Logger | undefined): void {
  const log = logger ?? core.consoleLogger;
  if (warned.has(log)) return;
  warned.add(log);
  log.warn(
    "Webhook body was parsed by c.req.json() before the webhook handler, and this Hono version keeps only the parsed object: verifying its compact re-serialization. Mount the webhook route before middleware that reads the body for exact-bytes verification.",
  );
}

/**
 * The Node request when the app is served by `@hono/node-server` (`c.env.incoming`) and nothing has
 * read its body yet. Reading it there spares the server building a Web `Request` per delivery,
 * which costs more than verifying it.
 */
function unreadNodeRequest(c: Context<AnyEnv>): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (typeof incoming?.on !== "function" || !core.isUnreadNodeStream(incoming)) return undefined;
  return Object.keys(c.req.bodyCache).length === 0 ? incoming : undefined;
}

/** Webhooks: POST, verifies the signature over the exact body and calls your `on<Event>` handlers. */
export function Webhooks<E extends Env = AnyEnv>(
  config: core.WebhookHandlerConfig<Context<E>>,
): DodoHonoHandler<E> {
  const process = core.webhookProcessor(withHonoEnv(config));
  return (c) => {
    const incoming = unreadNodeRequest(c);
    if (incoming) {
      const result = core.runNodeWebhook(
        process,
        {
          method: incoming.method ?? "POST",
          url: () => c.req.url,
          headers: incoming.headers,
          stream: incoming,
        },
        c,
      );
      return core.isThenable(result)
        ? Promise.resolve(result).then(core.toResponse)
        : core.toResponse(result);
    }
    return requestWithBody(c, () => warnOnce(config.logger))
      .then((request) => process(core.fetchWebhookParts(request), c))
      .then(core.toResponse);
  };
}
