import { DodoPayments } from "@dodopayments/convex";
import { components, internal } from "./_generated/api";

export const dodo = new DodoPayments(components.dodopayments, {
  // Decides who the customer is, from your own auth and users table: never from what the
  // browser sends. Return null when nobody is signed in (the portal then answers 401).
  // The return type is written out: this file is part of the `internal` API it calls, and
  // TypeScript cannot infer a type that depends on itself.
  identify: async (ctx): Promise<{ dodoCustomerId: string } | null> => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    const user = await ctx.runQuery(internal.users.getByAuthId, { authId: identity.subject });
    if (!user?.dodoCustomerId) return null;
    return { dodoCustomerId: user.dodoCustomerId };
  },
  // Set in the Convex dashboard (Settings -> Environment Variables) or `npx convex env set`.
  apiKey: process.env.DODO_PAYMENTS_API_KEY,
  environment: process.env.DODO_PAYMENTS_ENVIRONMENT as "test_mode" | "live_mode",
  // Unset in production; the local simulator's URL while developing.
  baseURL: process.env.DODO_PAYMENTS_BASE_URL,
});

export const { checkout, customerPortal } = dodo.api();
