import { FAVICON_HEADERS, FAVICON_SVG } from "#lib/favicon.ts";

// GET /favicon.ico, which browsers ask for on their own: the same icon.
export const GET = () => new Response(FAVICON_SVG, { headers: FAVICON_HEADERS });
