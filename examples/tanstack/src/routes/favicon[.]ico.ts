import { createFileRoute } from "@tanstack/react-router";
import { FAVICON_HEADERS, FAVICON_SVG } from "@/lib/favicon";

// GET /favicon.ico, which browsers ask for on their own: the same icon.
export const Route = createFileRoute("/favicon.ico")({
  server: { handlers: { GET: () => new Response(FAVICON_SVG, { headers: FAVICON_HEADERS }) } },
});
