import { FAVICON_HEADERS, FAVICON_SVG } from "../utils/favicon";

// GET /favicon.ico, which browsers ask for on their own: the same icon.
export default defineEventHandler((event) => {
  setResponseHeaders(event, FAVICON_HEADERS);
  return FAVICON_SVG;
});
