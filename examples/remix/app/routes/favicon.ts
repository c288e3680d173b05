import { FAVICON_HEADERS, FAVICON_SVG } from "../lib/favicon";

// GET /favicon.svg (linked by every page) and /favicon.ico (which browsers ask for on their own).
export function loader(): Response {
  return new Response(FAVICON_SVG, { headers: FAVICON_HEADERS });
}
