// A resource of the API as one declaration: create (optional), list, and retrieve by id.
import { type ApiRoute, createRoute, retrieveRoute } from "./handler.js";
import { type ListFilter, listRoute } from "./list.js";

export interface ResourceSpec<T> {
  /** The collection's path, e.g. `/payments`. */
  collection: string;
  /** How a 404 names one record, e.g. `Payment` (`Payment pay_... not found`). */
  name: string;
  records: Map<string, T>;
  /** List order: as added (`oldest`), or the most recent first (`newest`). */
  order: "oldest" | "newest";
  /** List filters by query parameter (see `ListSpec.filters`). */
  filters: Record<string, ListFilter<T>>;
  /** How a record shows in the list. */
  listView: (record: T) => unknown;
  /** How a record shows on its own (`GET <collection>/:id`). Default: as stored. */
  view?: (record: T) => unknown;
  /** `POST <collection>`, given the JSON object body. */
  create?: (body: Record<string, unknown>) => unknown;
}

/** The routes of one resource: `POST` (when it has `create`), the list, and `GET /:id`. */
export function resourceRoutes<T>(spec: ResourceSpec<T>): ApiRoute[] {
  const { collection, records } = spec;
  const items = () =>
    spec.order === "newest" ? [...records.values()].reverse() : [...records.values()];
  return [
    ...(spec.create ? [createRoute(collection, spec.create)] : []),
    listRoute(collection, { items, filters: spec.filters, view: spec.listView }),
    retrieveRoute(collection, spec.name, (id) => records.get(id), spec.view),
  ];
}
