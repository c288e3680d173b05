import { createFileRoute } from "@tanstack/react-router";
import { FAVICON_HEADERS, FAVICON_SVG } from "@/lib/favicon";

// GET /favicon.svg: the icon the pages link (src/routes/__root.tsx). `[.]` keeps the dot in the
// path (a bare dot would nest the route).
export const Route = createFileRoute("/favicon.svg")({
  server: { handlers: { GET: () => new Response(FAVICON_SVG, { headers: FAVICON_HEADERS }) } },
});
