import type { Handle } from "@sveltejs/kit/hooks";
import { ensureDemoSession } from "#lib/demo-session.ts";

// The pages. The API routes are left alone: the webhook route in particular must not be behind
// a hook that reads the body, redirects or sets cookies.
const PAGES = new Set(["/", "/success", "/events"]);

// DEMO ONLY: "signs in" every visitor by giving the browser a demo session cookie on its first
// page view (see src/lib/demo-session.ts). Your auth hook replaces this.
export const handle: Handle = ({ event, resolve }) => {
  const path = event.url.pathname.replace(/(.)\/$/, "$1");
  if (PAGES.has(path)) ensureDemoSession(event.cookies, event.url);
  return resolve(event);
};
