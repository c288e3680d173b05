// The one way every `GET /<resource>` list works: filter by query parameters, then one page.
import { route } from "../http/router.js";
import type { ApiRoute } from "./handler.js";

/** One page of `items` by the API's `page_size` (1-100, default 10) and 0-based `page_number`. */
export function pageOf<T>(items: readonly T[], query: URLSearchParams): { items: T[] } {
  const size = Math.min(Math.max(Number(query.get("page_size") ?? 10) || 10, 1), 100);
  const page = Math.max(Number(query.get("page_number") ?? 0) || 0, 0);
  return { items: items.slice(page * size, page * size + size) };
}

/** A filter by one query parameter: keeps the items for which it returns true. */
export type ListFilter<T> = (item: T, wanted: string) => boolean;

export interface ListSpec<T, V> {
  /** The records, in the order the list shows them. */
  items: () => T[];
  /** Filters by query parameter name, applied when the parameter is present. */
  filters: Record<string, ListFilter<T>>;
  /** How one record is shown in the list. */
  view: (item: T) => V;
}

/** Filters `spec.items()` by the query and answers one page of their views. */
export function listItems<T, V>(spec: ListSpec<T, V>, query: URLSearchParams): { items: V[] } {
  let items = spec.items();
  for (const [name, keep] of Object.entries(spec.filters)) {
    const wanted = query.get(name);
    if (wanted !== null) items = items.filter((item) => keep(item, wanted));
  }
  return { items: pageOf(items, query).items.map((item) => spec.view(item)) };
}

/** `GET <collection>`: one page of `spec`'s records, filtered by the query. */
export const listRoute = <T, V = unknown>(collection: string, spec: ListSpec<T, V>): ApiRoute =>
  route("GET", collection, ({ query }) => listItems(spec, query));

/** The filters payments and subscriptions share: by `customer_id` and by `status`. */
export function ownerFilters<T extends { customer_id: string; status: string }>(): Record<
  string,
  ListFilter<T>
> {
  return {
    customer_id: (record, wanted) => record.customer_id === wanted,
    status: (record, wanted) => record.status === wanted,
  };
}
