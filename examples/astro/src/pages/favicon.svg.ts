import type { APIRoute } from "astro";
import { FAVICON_HEADERS, FAVICON_SVG } from "../favicon";

// GET /favicon.svg: the icon the pages link (src/layouts/Layout.astro).
export const GET: APIRoute = () => new Response(FAVICON_SVG, { headers: FAVICON_HEADERS });
