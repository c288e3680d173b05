import { ensureDemoSession } from "../utils/demo-session";

// The pages. The API routes are left alone: the webhook route in particular must not be behind
// middleware that reads the body, redirects or sets cookies.
const PAGES = new Set(["/", "/success", "/events"]);

// DEMO ONLY: "signs in" every visitor by giving the browser a demo session cookie on its first
// page view (see server/utils/demo-session.ts). Your auth module replaces this.
export default defineEventHandler((event) => {
  const path = getRequestURL(event).pathname.replace(/(.)\/$/, "$1");
  if (PAGES.has(path)) ensureDemoSession(event);
});
