import { listEvents } from "#lib/events.ts";
import type { PageServerLoad } from "./$types";

// Rendered on every request, never cached.
export const load: PageServerLoad = ({ setHeaders }) => {
  setHeaders({ "cache-control": "no-store" });
  return { events: listEvents().slice() };
};
