import { type NextRequest, NextResponse } from "next/server";
import { DEMO_SESSION_COOKIE } from "./lib/demo-session";

// DEMO ONLY: "signs in" every visitor by giving the browser a demo session cookie on its first
// page view (see lib/demo-session.ts). Your auth library replaces this. The webhook route is not
// matched: leave it alone in a proxy (no redirects, no body reads).
export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (!request.cookies.has(DEMO_SESSION_COOKIE)) {
    response.cookies.set(DEMO_SESSION_COOKIE, crypto.randomUUID(), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
    });
  }
  return response;
}

export const config = { matcher: ["/", "/success", "/events"] };
