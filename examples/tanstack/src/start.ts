import { createMiddleware, createStart } from "@tanstack/react-start";
import { setCookie } from "@tanstack/react-start/server";
import { DEMO_SESSION_COOKIE, demoSessionOf } from "./lib/demo-session";

const PAGES = new Set(["/", "/success", "/events"]);

// DEMO ONLY: "signs in" every visitor by giving the browser a demo session cookie on its first
// page view (see src/lib/demo-session.ts). Your auth library replaces this. It only touches the
// pages: leave the webhook route alone in request middleware (no redirects, no body reads).
const demoSession = createMiddleware().server(async ({ request, next }) => {
  if (PAGES.has(new URL(request.url).pathname) && !demoSessionOf(request)) {
    setCookie(DEMO_SESSION_COOKIE, crypto.randomUUID(), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
    });
  }
  return next();
});

export const startInstance = createStart(() => ({ requestMiddleware: [demoSession] }));
