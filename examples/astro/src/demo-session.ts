import type { AstroCookies } from "astro";

/**
 * DEMO ONLY: a stand-in for your authentication.
 *
 * `src/middleware.ts` gives every browser a `demo_session` cookie on its first page view, and
 * every browser with that cookie counts as "signed in" as one demo customer: `cus_demo`, the
 * customer the simulator creates (or DEMO_CUSTOMER_ID, e.g. a customer of your Dodo test-mode
 * account). In your app, read your real session here (Astro sessions, Better Auth, Clerk, Lucia,
 * ...) and return the Dodo customer id you stored for that user.
 */
export const DEMO_SESSION_COOKIE = "demo_session";

/** "Signs in" a browser that has no demo session yet. */
export function ensureDemoSession(cookies: AstroCookies): void {
  if (!cookies.has(DEMO_SESSION_COOKIE)) {
    cookies.set(DEMO_SESSION_COOKIE, crypto.randomUUID(), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
    });
  }
}

export function getSignedInCustomerId(cookies: AstroCookies | undefined): string | null {
  if (!cookies?.get(DEMO_SESSION_COOKIE)?.value) return null;
  // Read at run time from the server's environment (not import.meta.env, which Astro inlines at
  // build time).
  return process.env.DEMO_CUSTOMER_ID || "cus_demo";
}
