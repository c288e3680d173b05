// Run by Bun (test/bun.test.ts): every handler of the package mounted in `Bun.serve({ routes })`
// on 127.0.0.1, port 0. The Dodo settings come only from the environment Bun was started with
// (process env or a `.env` file Bun loads); nothing is passed as an option. What the hooks and
// webhook handlers saw is served as JSON at /test/seen.
import type { BunRequest, Server } from "bun";
import { Checkout, CustomerPortal, Webhooks } from "../../src/index";

export interface Seen {
  hook: string;
  /** The hook's context is the `Server` Bun passed to the route handler. */
  contextIsServer: boolean;
  /** The request the hook got is the `BunRequest` Bun passed: its cookies and route params. */
  cookie?: string | null;
  params?: Record<string, string>;
  webhookId?: string;
  type?: string;
  /** `context.request` in a webhook handler is readable and holds the verified bytes. */
  requestBodyMatches?: boolean;
}

const seen: Seen[] = [];

const bunRequest = (request: Request) => request as BunRequest;

// The hooks compare their context with `server`, which is set once Bun.serve returns, before
// any request is served.
const server: Server<undefined> = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  routes: {
    // Each type mounted as the whole route: every method reaches it, so the 405s are its own.
    "/checkout/default": Checkout({}),
    "/checkout/static": Checkout({ type: "static" }),
    "/checkout/dynamic": Checkout({ type: "dynamic" }),
    "/checkout/session/:shop": Checkout<Server<undefined>>({
      type: "session",
      beforeCheckout: (payload, { request, context }) => {
        seen.push({
          hook: "beforeCheckout",
          contextIsServer: context === server,
          cookie: bunRequest(request).cookies.get("session"),
          params: { ...bunRequest(request).params },
        });
        return payload;
      },
    }),
    // The usual mount: a method object, two types on one path.
    "/api/checkout": {
      GET: Checkout({ type: "static" }),
      POST: Checkout({ type: "session" }),
    },
    "/api/customer-portal": CustomerPortal({}),
    "/api/customer-portal/me": CustomerPortal<Server<undefined>>({
      getCustomerId: (request, context) => {
        const cookie = bunRequest(request).cookies.get("session");
        seen.push({ hook: "getCustomerId", contextIsServer: context === server, cookie });
        return cookie === "demo" ? "cus_demo" : null;
      },
    }),
    "/api/webhook": Webhooks<Server<undefined>>({
      onPayload: async (payload, context) => {
        seen.push({
          hook: "onPayload",
          contextIsServer: context.context === server,
          webhookId: context.webhookId,
          type: payload.type,
          requestBodyMatches: (await context.request.text()) === context.rawBody,
        });
      },
    }),
    "/api/webhook/post-only": { POST: Webhooks({}) },
    "/test/seen": () => Response.json(seen),
  },
});

// Bun.env is process.env, which core reads; the test checks both saw the same settings.
console.log(
  `env ${JSON.stringify({
    sameObject: Bun.env === process.env,
    returnUrl: Bun.env.DODO_PAYMENTS_RETURN_URL ?? null,
  })}`,
);
console.log(`listening http://127.0.0.1:${server.port}`);
