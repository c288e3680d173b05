import { defineMiddleware } from "astro:middleware";
import { ensureDemoSession } from "./demo-session";

// The pages. The API routes are left alone: the webhook route in particular must not be behind
// middleware that reads the body, redirects or sets cookies.
const PAGES = new Set(["/", "/success", "/events"]);

// DEMO ONLY: "signs in" every visitor by giving the browser a demo session cookie on its first
// page view (see src/demo-session.ts). Your auth middleware replaces this.
export const onRequest = defineMiddleware((context, next) => {
  const path = context.url.pathname.replace(/(.)\/$/, "$1");
  if (PAGES.has(path)) ensureDemoSession(context.cookies);
  return next();
});
