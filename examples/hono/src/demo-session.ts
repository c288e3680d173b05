import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";

/**
 * DEMO ONLY: a stand-in for your authentication.
 *
 * `demoSession` gives every browser a `demo_session` cookie on its first page view, and every
 * browser with that cookie counts as "signed in" as one demo customer: `cus_demo`, the customer
 * the simulator creates (or DEMO_CUSTOMER_ID, e.g. a customer of your Dodo test-mode account).
 * In your app, read your real session here (your auth middleware, `c.get("user")`, ...) and
 * return the Dodo customer id you stored for that user.
 */
export const DEMO_SESSION_COOKIE = "demo_session";

/** Middleware for pages: "signs in" a browser that has no demo session yet. */
export const demoSession: MiddlewareHandler = async (c, next) => {
  if (!getCookie(c, DEMO_SESSION_COOKIE)) {
    setCookie(c, DEMO_SESSION_COOKIE, crypto.randomUUID(), {
      httpOnly: true,
      sameSite: "Lax",
      path: "/",
    });
  }
  await next();
};

export function getSignedInCustomerId(c: Context | undefined): string | null {
  if (!c || !getCookie(c, DEMO_SESSION_COOKIE)) return null;
  return process.env.DEMO_CUSTOMER_ID || "cus_demo";
}
