import type { H3Event } from "h3";

/**
 * DEMO ONLY: a stand-in for your authentication.
 *
 * `server/middleware/demo-session.ts` gives every browser a `demo_session` cookie on its first
 * page view, and every browser with that cookie counts as "signed in" as one demo customer:
 * `cus_demo`, the customer the simulator creates (or DEMO_CUSTOMER_ID, e.g. a customer of your
 * Dodo test-mode account). In your app, read your real session here (nuxt-auth-utils'
 * `getUserSession(event)`, h3's `useSession`, ...) and return the Dodo customer id you stored for
 * that user.
 */
export const DEMO_SESSION_COOKIE = "demo_session";

/** "Signs in" a browser that has no demo session yet. */
export function ensureDemoSession(event: H3Event): void {
  if (!getCookie(event, DEMO_SESSION_COOKIE)) {
    setCookie(event, DEMO_SESSION_COOKIE, crypto.randomUUID(), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
    });
  }
}

export function getSignedInCustomerId(event: H3Event | undefined): string | null {
  if (!event || !getCookie(event, DEMO_SESSION_COOKIE)) return null;
  return process.env.DEMO_CUSTOMER_ID || "cus_demo";
}
