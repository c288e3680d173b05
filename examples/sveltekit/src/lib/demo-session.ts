import type { Cookies } from "@sveltejs/kit";
import { DEMO_CUSTOMER_ID } from "$app/env/private";

/**
 * DEMO ONLY: a stand-in for your authentication.
 *
 * `src/hooks.server.ts` gives every browser a `demo_session` cookie on its first page view, and
 * every browser with that cookie counts as "signed in" as one demo customer: `cus_demo`, the
 * customer the simulator creates (or DEMO_CUSTOMER_ID, e.g. a customer of your Dodo test-mode
 * account). In your app, read your real session here (Better Auth, Lucia, Auth.js, ...) and
 * return the Dodo customer id you stored for that user.
 */
export const DEMO_SESSION_COOKIE = "demo_session";

/** "Signs in" a browser that has no demo session yet. */
export function ensureDemoSession(cookies: Cookies, url: URL): void {
  if (!cookies.get(DEMO_SESSION_COOKIE)) {
    cookies.set(DEMO_SESSION_COOKIE, crypto.randomUUID(), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      // Plain http on this machine; a Secure cookie would not be sent back there.
      secure: url.protocol === "https:",
    });
  }
}

export function getSignedInCustomerId(
  cookies: { get(name: string): string | undefined } | undefined,
): string | null {
  if (!cookies?.get(DEMO_SESSION_COOKIE)) return null;
  return DEMO_CUSTOMER_ID || "cus_demo";
}
