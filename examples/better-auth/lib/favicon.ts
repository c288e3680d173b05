// The shop's icon, a shopping bag, written inline (no asset files). Served at /favicon.svg (the
// pages link it) and at /favicon.ico, which browsers ask for on their own.
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0f6e5a"/><path d="M12 12.5V11a4 4 0 0 1 8 0v1.5" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/><path d="M8.5 12.5h15l-1.3 11.6a2 2 0 0 1-2 1.9h-8.4a2 2 0 0 1-2-1.9z" fill="#fff"/></svg>';

export const FAVICON_HEADERS = {
  "content-type": "image/svg+xml",
  "cache-control": "public, max-age=86400",
};
