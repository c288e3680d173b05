import type { MiddlewareFunction } from "react-router";

/**
 * DEMO ONLY: a stand-in for your authentication.
 *
 * The pages' `demoSession` middleware gives every browser a `demo_session` cookie on its first
 * page view, and every browser with that cookie counts as "signed in" as one demo customer:
 * `cus_demo`, the customer the simulator creates (or DEMO_CUSTOMER_ID, e.g. a customer of your Dodo
 * test-mode account). In your app, read your real session here (createCookieSessionStorage,
 * remix-auth, Better Auth, ...) and return the Dodo customer id you stored for that user.
 */
export const DEMO_SESSION_COOKIE = "demo_session";

function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

export function getSignedInCustomerId(request: Request): string | null {
  if (!readCookie(request, DEMO_SESSION_COOKIE)) return null;
  return process.env.DEMO_CUSTOMER_ID || "cus_demo";
}

/**
 * DEMO ONLY: "signs in" a visitor on their first page view. Exported as `middleware` by the page
 * routes only, so the API routes (the webhook above all) never get redirects or cookies.
 */
export const demoSession: MiddlewareFunction<Response> = async ({ request }, next) => {
  const response = await next();
  if (!readCookie(request, DEMO_SESSION_COOKIE)) {
    response.headers.append(
      "Set-Cookie",
      `${DEMO_SESSION_COOKIE}=${crypto.randomUUID()}; Path=/; HttpOnly; SameSite=Lax`,
    );
  }
  return response;
};
