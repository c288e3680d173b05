import { FAVICON_HEADERS, FAVICON_SVG } from "#lib/favicon.ts";

// GET /favicon.svg: the icon the pages link (src/app.html).
export const GET = () => new Response(FAVICON_SVG, { headers: FAVICON_HEADERS });
