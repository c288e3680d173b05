import { cookies } from "next/headers";

/**
 * DEMO ONLY: a stand-in for your authentication.
 *
 * `proxy.ts` gives every browser a `demo_session` cookie on its first page view, and every
 * browser with that cookie counts as "signed in" as one demo customer: `cus_demo`, the customer
 * the simulator creates (or DEMO_CUSTOMER_ID, e.g. a customer of your Dodo test-mode account).
 * In your app, read your real session here (Auth.js, Clerk, Better Auth, ...) and return the
 * Dodo customer id you stored for that user.
 */
export const DEMO_SESSION_COOKIE = "demo_session";

export async function getSignedInCustomerId(): Promise<string | null> {
  const session = (await cookies()).get(DEMO_SESSION_COOKIE)?.value;
  if (!session) return null;
  return process.env.DEMO_CUSTOMER_ID || "cus_demo";
}
