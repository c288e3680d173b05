/**
 * What each framework's fixture provides to the suite.
 *
 * Every fixture app mounts the adapter as that adapter's README recommends, reads its Dodo settings
 * from the environment it is given (DODO_PAYMENTS_API_KEY, DODO_PAYMENTS_BASE_URL,
 * DODO_PAYMENTS_WEBHOOK_KEY, DODO_PAYMENTS_RETURN_URL, DODO_PAYMENTS_ENVIRONMENT), passes
 * `clientOptions` from the app kit, and serves on 127.0.0.1:
 *
 *   GET  /api/checkout             static checkout
 *   POST /api/checkout             dynamic checkout (payment link)
 *   POST /api/checkout-session     checkout session
 *   GET  /api/customer-portal      portal, documented `?customer_id=` form
 *   GET  /api/customer-portal/me   portal with getCustomerId = customerIdFromSession(headers)
 *   POST /api/webhook              webhooks with the app kit's webhookHandlers; mount it for every
 *                                  method the framework allows (`app.all`, Astro `ALL`, Next GET+POST
 *                                  exports, an un-suffixed Nuxt file) so a GET reaches the adapter's 405
 *   GET  /api/test/events          recordedEvents() as JSON
 */
export type Variant = "recommended" | "hostile";

export type FixtureEnv = {
  DODO_PAYMENTS_API_KEY: string;
  DODO_PAYMENTS_BASE_URL: string;
  DODO_PAYMENTS_WEBHOOK_KEY: string;
  DODO_PAYMENTS_RETURN_URL: string;
  DODO_PAYMENTS_ENVIRONMENT: "test_mode";
};

export interface StartedApp {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

export interface Fixture {
  name: string;
  /**
   * `recommended`: mounted as the README recommends. `hostile`: with the framework defaults or
   * common middleware that break naive adapters (Express with a global `express.json()` first,
   * Fastify's default JSON parser with the documented `fastify.post(path, Webhooks(...))`, Hono
   * with middleware that reads `c.req.raw` and `c.req.json()` first, Astro's origin check on).
   */
  variants: Variant[];
  /**
   * What the server does with an endless upload's connection once the 413 is out. `closes` (the
   * default): it closes it. `stops-reading`: it leaves it open and reads no more of it, so the
   * client's sending stalls; for servers that give a handler no way to close it (Deno.serve).
   */
  afterRefusedUpload?: "closes" | "stops-reading";
  /**
   * What the app serves over HTTP. Default: all three. A platform whose checkout and portal are
   * not HTTP routes (Convex: actions called from the app's own functions) serves `webhooks` only,
   * and its package tests the rest.
   */
  surfaces?: ReadonlyArray<"checkout" | "portal" | "webhooks">;
  /**
   * Where the app serves the webhook route (every webhook case posts there, and the simulator
   * delivers there). Default `/api/webhook`. A plugin that owns its path (Better Auth's
   * `/api/auth/dodopayments/webhooks`) is tested at that path.
   */
  webhookPath?: string;
  start(options: { env: FixtureEnv; variant: Variant }): Promise<StartedApp>;
}
