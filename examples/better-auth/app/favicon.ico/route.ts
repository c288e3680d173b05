import { FAVICON_HEADERS, FAVICON_SVG } from "@/lib/favicon";

// GET /favicon.ico, which browsers ask for on their own: the same icon.
export function GET(): Response {
  return new Response(FAVICON_SVG, { headers: FAVICON_HEADERS });
}
