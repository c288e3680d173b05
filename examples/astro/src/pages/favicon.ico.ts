import type { APIRoute } from "astro";
import { FAVICON_HEADERS, FAVICON_SVG } from "../favicon";

// GET /favicon.ico, which browsers ask for on their own: the same icon.
export const GET: APIRoute = () => new Response(FAVICON_SVG, { headers: FAVICON_HEADERS });
