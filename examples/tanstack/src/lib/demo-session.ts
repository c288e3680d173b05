/**
 * DEMO ONLY: a stand-in for your authentication.
 *
 * `src/start.ts` gives every browser a `demo_session` cookie on its first page view, and every
 * browser with that cookie counts as "signed in" as one demo customer: `cus_demo`, the customer
 * the simulator creates (or DEMO_CUSTOMER_ID, e.g. a customer of your Dodo test-mode account).
 * In your app, read your real session here (Better Auth, Clerk, ...) and return the Dodo
 * customer id you stored for that user.
 */
export const DEMO_SESSION_COOKIE = "demo_session";

/** The demo session id from the request's cookies, if there is one. */
export function demoSessionOf(request: Request): string | undefined {
  for (const cookie of (request.headers.get("cookie") ?? "").split(";")) {
    const [name, ...value] = cookie.trim().split("=");
    if (name === DEMO_SESSION_COOKIE && value.join("=")) return value.join("=");
  }
  return undefined;
}

export async function getSignedInCustomerId(request: Request): Promise<string | null> {
  if (!demoSessionOf(request)) return null;
  return process.env.DEMO_CUSTOMER_ID || "cus_demo";
}
