/**
 * The products this shop sells. `products.json` is also what `dodo-simulator run --products`
 * seeds the simulator with, so the ids match. With a real Dodo Payments key, put the ids of
 * products from your dashboard in it.
 */
export interface Product {
  product_id: string;
  name: string;
  description: string;
  type: "one_time" | "subscription";
  /** In minor units: 1900 is USD 19.00. */
  price: number;
  currency: string;
  interval?: string;
}

// Read when the server starts (from src/ in development, dist/ in production: both one level
// below the file), so editing products.json needs no rebuild.
const file = (await Bun.file(new URL("../products.json", import.meta.url)).json()) as {
  products: Product[];
};
export const products: Product[] = file.products;

export function formatPrice(product: Product): string {
  const amount = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: product.currency,
  }).format(product.price / 100);
  return product.type === "subscription"
    ? `${amount} / ${(product.interval ?? "month").toLowerCase()}`
    : amount;
}
