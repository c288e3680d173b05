// GET /products, GET /products/:id
import type { SimulatorContext } from "../context.js";
import { route } from "../http/router.js";
import { toProductListItem } from "../products.js";
import type { Product } from "../sdk-types.js";
import type { ApiRoute } from "./handler.js";
import { notFound } from "./input.js";
import { listRoute } from "./list.js";

export function productRoutes(ctx: SimulatorContext): ApiRoute[] {
  const { store } = ctx;
  return [
    route(
      "GET",
      "/products",
      listRoute({
        items: () => [...store.products.values()],
        filters: {
          recurring: (p, wanted) =>
            (wanted !== "true" && wanted !== "false") || p.is_recurring === (wanted === "true"),
        },
        view: toProductListItem,
      }),
    ),
    route("GET", "/products/:id", ({ params: { id } }) => {
      const product = store.products.get(id as string);
      if (!product) throw notFound("Product", id);
      return product satisfies Product;
    }),
  ];
}
