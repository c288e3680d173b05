import data from "../products.json";

/**
 * The products this shop sells. `products.json` is also what `dodo-simulator run --products`
 * seeds the simulator with, so the ids match. With a real Dodo Payments key, put the ids of
 * products from your dashboard in it. `slug` is the name the browser uses: the server maps it to
 * the product id (lib/auth.ts), so the browser never chooses a product id.
 */
export interface Product {
  product_id: string;
  slug: string;
  name: string;
  description: string;
  type: "one_time" | "subscription";
  /** In minor units: 1900 is USD 19.00. */
  price: number;
  currency: string;
  interval?: string;
}

export const products = data.products as Product[];

export function formatPrice(product: Product): string {
  const amount = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: product.currency,
  }).format(product.price / 100);
  return product.type === "subscription"
    ? `${amount} / ${(product.interval ?? "month").toLowerCase()}`
    : amount;
}
