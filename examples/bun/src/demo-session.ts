import type { BunRequest } from "bun";

/**
 * DEMO ONLY: a stand-in for your authentication.
 *
 * `startDemoSession` gives every browser a `demo_session` cookie on its first page view, and every
 * browser with that cookie counts as "signed in" as one demo customer: `cus_demo`, the customer
 * the simulator creates (or DEMO_CUSTOMER_ID, e.g. a customer of your Dodo test-mode account).
 * In your app, read your real session here (Better Auth, Lucia, a signed cookie, ...) and return
 * the Dodo customer id you stored for that user.
 */
export const DEMO_SESSION_COOKIE = "demo_session";

/** For page routes: "signs in" a browser that has no demo session yet. */
export function startDemoSession(request: BunRequest): void {
  if (!request.cookies.has(DEMO_SESSION_COOKIE)) {
    // Bun adds the Set-Cookie header to the route's response.
    request.cookies.set(DEMO_SESSION_COOKIE, crypto.randomUUID(), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
    });
  }
}

export function getSignedInCustomerId(request: Request): string | null {
  const cookies = new Bun.CookieMap(request.headers.get("cookie") ?? "");
  if (!cookies.get(DEMO_SESSION_COOKIE)) return null;
  return process.env.DEMO_CUSTOMER_ID || "cus_demo";
}
