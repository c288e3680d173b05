import * as core from "@dodopayments/core/internal";

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";

declare global {
  // SvelteKit's app-wide types, which your `src/app.d.ts` fills in. Declared (empty) here as well
  // so these types also compile where SvelteKit's are not loaded; declarations merge.
  namespace App {
    interface Locals {}
    interface Platform {}
  }
}

/**
 * The parts of SvelteKit's `RequestEvent` this package reads or hands to your hooks. Structural,
 * so no SvelteKit import is needed: the `RequestEvent` SvelteKit passes to a `+server.ts` handler
 * fits it. Only `request` is required, so handlers can be called directly in tests.
 */
export interface SvelteKitRequestEvent {
  readonly request: Request;
  /** What your `handle` hook put there (`App.Locals`, declared in `src/app.d.ts`). */
  readonly locals?: App.Locals;
  /** What the adapter provides (`App.Platform`: on Cloudflare, `{ env, context, ... }`). */
  readonly platform?: Readonly<App.Platform> | undefined;
  readonly cookies?: { get(name: string): string | undefined };
  readonly url?: URL;
  readonly params?: Partial<Record<string, string>>;
}

/** A `+server.ts` handler: `export const GET = ...`, called by SvelteKit with the `RequestEvent`. */
export type SvelteKitHandler<E extends SvelteKitRequestEvent = SvelteKitRequestEvent> = (
  event: E,
) => Promise<Response>;

/**
 * The default settings source: the adapter's `platform.env` when it has one (Cloudflare's
 * bindings); core reads `process.env` after it (adapter-node, Vercel and Netlify functions).
 */
export function platformEnv(event: SvelteKitRequestEvent | undefined): core.EnvRecord | undefined {
  const env = (event?.platform as { env?: unknown } | undefined)?.env;
  return core.isEnvRecord(env) ? env : undefined;
}

function withPlatformEnv<T extends { env?: unknown }>(config: T): T {
  return core.withDefaultEnv(config, platformEnv);
}

type CoreHandler<E> = (request: Request, context?: E) => Promise<Response>;

/** The request goes through untouched; the whole event is the context your hooks receive. */
const route =
  <E extends SvelteKitRequestEvent>(handler: CoreHandler<E>): SvelteKitHandler<E> =>
  (event) =>
    handler(event.request, event);

/**
 * Checkout: `GET` answers static links (query parameters), `POST` payment links (`type:
 * "dynamic"`) or checkout sessions (`type: "session"`). Both methods run the same handler, which
 * answers 405 to a method that does not fit `type`.
 *
 * ```ts
 * // src/routes/api/checkout/+server.ts
 * export const GET = Checkout({ type: "static" }).GET;
 * ```
 */
export function Checkout<E extends SvelteKitRequestEvent = SvelteKitRequestEvent>(
  config: core.CheckoutHandlerConfig<E>,
): { GET: SvelteKitHandler<E>; POST: SvelteKitHandler<E> } {
  const handler = route(core.checkoutHandler(withPlatformEnv(config)));
  return { GET: handler, POST: handler };
}

/** Customer portal: `GET`, 302 to the portal (or `{ portal_url }` for `Accept: application/json`). */
export function CustomerPortal<E extends SvelteKitRequestEvent = SvelteKitRequestEvent>(
  config: core.CustomerPortalHandlerConfig<E>,
): { GET: SvelteKitHandler<E> } {
  return { GET: route(core.customerPortalHandler(withPlatformEnv(config))) };
}

/**
 * Webhooks: the `POST` handler itself (`export const POST = Webhooks({ ... })`). Verifies the
 * signature over the exact body, then calls your `on<Event>` handlers.
 */
export function Webhooks<E extends SvelteKitRequestEvent = SvelteKitRequestEvent>(
  config: core.WebhookHandlerConfig<E>,
): SvelteKitHandler<E> {
  return route(core.webhookHandler(withPlatformEnv(config)));
}
