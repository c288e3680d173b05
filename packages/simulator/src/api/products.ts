// GET /products, GET /products/:id
import type { SimulatorContext } from "../context.js";
import { toProductListItem } from "../products.js";
import type { Product } from "../sdk-types.js";
import type { ApiRoute } from "./handler.js";
import { resourceRoutes } from "./resource.js";

export function productRoutes(ctx: SimulatorContext): ApiRoute[] {
  return resourceRoutes<Product>({
    collection: "/products",
    name: "Product",
    records: ctx.store.products,
    order: "oldest",
    filters: {
      recurring: (p, wanted) =>
        (wanted !== "true" && wanted !== "false") || p.is_recurring === (wanted === "true"),
    },
    listView: toProductListItem,
  });
}
