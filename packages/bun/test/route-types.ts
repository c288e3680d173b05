// Type test, compiled by `pnpm check-types` (test/tsconfig.json, with Bun's own types from
// @types/bun): the handlers are assignable to Bun's route handler type and accepted by
// `Bun.serve({ routes })` as they are, with no cast. The package itself is compiled without Bun's
// types (../tsconfig.json), and packages/packaging checks its tarball's types without them.
// Nothing here runs. Each `@ts-expect-error` fails the compile if its line stops being an error.
import type { BunRequest, Serve, Server } from "bun";
import { type BunRouteHandler, Checkout, CustomerPortal, Webhooks } from "../src/index";

/** What Bun calls for a route: `(req: BunRequest<Path>, server: Server<T>) => Response | Promise<Response>`. */
type BunHandler<Path extends string> = Serve.Handler<BunRequest<Path>, Server<undefined>, Response>;

export const checkout: BunHandler<"/api/checkout"> = Checkout({ type: "static" });
export const portal: BunHandler<"/api/customer-portal"> = CustomerPortal({});
export const webhook: BunHandler<"/api/webhook/:id"> = Webhooks({ webhookKey: "whsec_x" });

// Typed by Bun's Server, the hooks get it as their context.
export const byServer: BunHandler<"/api/customer-portal"> = CustomerPortal<Server<undefined>>({
  getCustomerId: (request, server) => (server?.requestIP(request) ? "cus_demo" : null),
});

// The public type is Bun-free: a plain `(request, server?) => Promise<Response>`.
export const plain: (request: Request, server?: unknown) => Promise<Response> = Checkout({});
export const named: BunRouteHandler = Webhooks({});

export function serve(): Server<undefined> {
  return Bun.serve({
    port: 0,
    routes: {
      "/api/checkout": {
        GET: Checkout({ type: "static" }),
        POST: Checkout({ type: "session" }),
      },
      "/api/customer-portal": CustomerPortal({}),
      "/api/webhook": Webhooks({ onPaymentSucceeded: async (payload) => void payload.data }),
    },
    // The documented hand-routed form: a `fetch` handler calling them with the bare request.
    fetch: (request, server) => Checkout({ type: "static" })(request, server),
  });
}

// @ts-expect-error: a hook context Bun's Server is not cannot be a Bun route handler.
export const wrongContext: BunHandler<"/x"> = CustomerPortal<{ session: string }>({});

// @ts-expect-error: not a checkout type.
export const wrongType = Checkout({ type: "nope" });

// @ts-expect-error: a handler answers a Response promise, not anything else.
export const wrongResult: (request: Request) => Promise<string> = Checkout({});

export const wrongHook = Webhooks({
  // @ts-expect-error: handlers are typed per event; a payment has no subscription_id.
  onPaymentSucceeded: async (payload) => void payload.data.subscription_id.length,
});
