// The README's snippets, compiled by check-types. Each block is a route file there
// (`app/**/route.ts`); here each is what Next.js reads from that file: its method exports.
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import {
  Checkout,
  CustomerPortal,
  DodoHttpError,
  type NextRouteHandler,
  Webhooks,
} from "../src/index";

declare function auth(): Promise<{ user: { dodoCustomerId: string } } | null>;
declare function customerIdForSession(token: string): Promise<string | null>;
declare function fulfilOrder(paymentId: string, webhookId: string): Promise<void>;
declare function grantAccess(subscriptionId: string): Promise<void>;

/** The export names the App Router routes requests to. */
const ROUTE_HANDLER_NAMES = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

/** A route file's exports, as the README writes them. */
type RouteFile = { GET?: NextRouteHandler; POST?: NextRouteHandler };

const documented: Record<string, RouteFile> = {
  "app/api/checkout/route.ts": {
    GET: Checkout({
      bearerToken: process.env.DODO_PAYMENTS_API_KEY,
      returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
      environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
      type: "static",
    }),
    POST: Checkout({
      bearerToken: process.env.DODO_PAYMENTS_API_KEY,
      returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
      environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
      type: "dynamic",
    }),
  },
  "app/api/customer-portal/route.ts": {
    GET: CustomerPortal({
      bearerToken: process.env.DODO_PAYMENTS_API_KEY,
      environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    }),
  },
  "app/api/webhook/dodo-payments/route.ts": {
    POST: Webhooks({
      webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
      onPayload: async (_payload) => {
        // handle the payload
      },
    }),
  },
};

const recommended: Record<string, RouteFile> = {
  "app/api/checkout-session/route.ts": {
    POST: Checkout({
      type: "session",
      allowedReturnUrls: "same-origin",
      beforeCheckout: async (payload) => {
        const session = await auth();
        if (!session) throw new DodoHttpError(401, "Sign in first");
        return { ...payload, customer: { customer_id: session.user.dodoCustomerId } };
      },
    }),
  },
  "app/api/customer-portal/route.ts": {
    GET: CustomerPortal({
      getCustomerId: async () => {
        const token = (await cookies()).get("session")?.value;
        return token ? customerIdForSession(token) : null;
      },
    }),
  },
  // The README's variant of the same file: the cookie read from the NextRequest itself.
  "app/api/customer-portal/route.ts (NextRequest)": {
    GET: CustomerPortal({
      getCustomerId: (request) => (request as NextRequest).cookies.get("dodo_customer")?.value,
    }),
  },
  "app/api/webhook/dodo-payments/route.ts": {
    POST: Webhooks({
      onPaymentSucceeded: async (payload, { webhookId }) => {
        await fulfilOrder(payload.data.payment_id, webhookId);
      },
      onSubscriptionActive: async (payload) => {
        await grantAccess(payload.data.subscription_id);
      },
    }),
  },
};

describe("README snippets", () => {
  it.each([
    ["documented", documented],
    ["recommended", recommended],
  ])(
    "the %s route files export only method handlers, built without reading any secret",
    (_form, files) => {
      for (const [path, exports] of Object.entries(files)) {
        expect(ROUTE_HANDLER_NAMES, path).toEqual(expect.arrayContaining(Object.keys(exports)));
        for (const handler of Object.values(exports)) {
          expect(typeof handler).toBe("function");
        }
      }
    },
  );
});
