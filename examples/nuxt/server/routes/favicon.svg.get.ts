import { FAVICON_HEADERS, FAVICON_SVG } from "../utils/favicon";

// GET /favicon.svg: the icon the pages link (nuxt.config.ts, app.head).
export default defineEventHandler((event) => {
  setResponseHeaders(event, FAVICON_HEADERS);
  return FAVICON_SVG;
});
