/**
 * The simulator's favicon: an amber "D" tile (amber like its TEST MODE badge, so its tab stands
 * apart from the app's). Served at /favicon.svg and at /favicon.ico, the path browsers ask for on
 * their own, so neither is a 404 in the console.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#f5b400"/><path d="M10.5 8.5h5a7.5 7.5 0 0 1 0 15h-5z" fill="none" stroke="#3d2a00" stroke-width="3.2" stroke-linejoin="round"/></svg>`;
