import { FAVICON_HEADERS, FAVICON_SVG } from "@/lib/favicon";

// GET /favicon.svg: the icon the pages link (app/layout.tsx, metadata.icons).
export function GET(): Response {
  return new Response(FAVICON_SVG, { headers: FAVICON_HEADERS });
}
