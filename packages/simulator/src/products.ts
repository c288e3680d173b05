import { readFileSync } from "node:fs";
import type {
  Currency,
  Metadata,
  Price,
  Product,
  ProductListResponse,
  TaxCategory,
  TimeInterval,
} from "./sdk-types.js";
import { isRecord, newId } from "./util.js";

/**
 * A short way to describe a product. Prices are in minor units (cents).
 *
 * - `type: "one_time"` (the default): a one-time purchase at `price`.
 * - `type: "subscription"`: billed every `interval_count` `interval`s (default every Month).
 * - `type: "pay_what_you_want"`: one-time, the customer chooses an amount of at least `price`.
 */
export interface ProductSeed {
  product_id?: string;
  name: string;
  description?: string | null;
  type?: "one_time" | "subscription" | "pay_what_you_want";
  price: number;
  currency?: Currency;
  /** Pay what you want: the amount suggested on the checkout page. */
  suggested_price?: number | null;
  /** Subscriptions: how often the customer is billed. Default `"Month"`. */
  interval?: TimeInterval;
  /** Subscriptions: billed every N intervals. Default 1. */
  interval_count?: number;
  /** Subscriptions: how long the subscription runs. Default 10 years. */
  subscription_period_interval?: TimeInterval;
  subscription_period_count?: number;
  trial_period_days?: number;
  tax_category?: TaxCategory;
  tax_inclusive?: boolean;
  metadata?: Metadata;
  image?: string | null;
}

/** A product to seed: the short form, or a full SDK `Product` object (e.g. from the real API). */
export type ProductInput = ProductSeed | Product;

export const DEFAULT_PRODUCTS: readonly ProductSeed[] = [
  {
    product_id: "pdt_demo_onetime",
    name: "Demo one-time product",
    description: "A one-time purchase for trying out checkout.",
    type: "one_time",
    price: 2999,
    currency: "USD",
  },
  {
    product_id: "pdt_demo_subscription",
    name: "Demo monthly subscription",
    description: "A monthly subscription for trying out recurring billing.",
    type: "subscription",
    price: 1500,
    currency: "USD",
    interval: "Month",
    interval_count: 1,
  },
  {
    product_id: "pdt_demo_pwyw",
    name: "Demo pay what you want",
    description: "Pay what you want, at least USD 5.00.",
    type: "pay_what_you_want",
    price: 500,
    suggested_price: 1500,
    currency: "USD",
  },
];

const INTERVALS: readonly TimeInterval[] = ["Day", "Week", "Month", "Year"];

function isFullProduct(input: ProductInput): input is Product {
  return isRecord(input.price);
}

/** A full product as given, completed with the fields the SDK's `Product` requires. */
function completeProduct(input: Product, businessId: string, now: string): Product {
  if (typeof input.product_id !== "string" || input.product_id === "") {
    throw new TypeError("a full product needs a product_id");
  }
  const type = (input.price as { type?: unknown }).type;
  if (type !== "one_time_price" && type !== "recurring_price" && type !== "usage_based_price") {
    throw new TypeError(`product ${input.product_id}: unknown price.type ${String(type)}`);
  }
  return {
    ...input,
    business_id: input.business_id ?? businessId,
    brand_id: input.brand_id ?? businessId,
    created_at: input.created_at ?? now,
    updated_at: input.updated_at ?? now,
    credit_entitlements: input.credit_entitlements ?? [],
    entitlements: input.entitlements ?? [],
    license_key_enabled: input.license_key_enabled ?? false,
    metadata: input.metadata ?? {},
    tax_category: input.tax_category ?? "saas",
    // Callers decide one-time vs subscription from is_recurring, so it follows the price.
    is_recurring: type !== "one_time_price",
  } satisfies Product;
}

/** The price of a short-form seed. */
function seedPrice(
  seed: ProductSeed,
  kind: "one_time" | "subscription" | "pay_what_you_want",
): Price {
  const currency: Currency = seed.currency ?? "USD";
  if (kind === "subscription") {
    const interval = seed.interval ?? "Month";
    const periodInterval = seed.subscription_period_interval ?? "Year";
    if (!INTERVALS.includes(interval) || !INTERVALS.includes(periodInterval)) {
      throw new TypeError(`product ${seed.name}: interval must be one of ${INTERVALS.join(", ")}`);
    }
    return {
      type: "recurring_price",
      currency,
      price: seed.price,
      discount: 0,
      payment_frequency_count: seed.interval_count ?? 1,
      payment_frequency_interval: interval,
      subscription_period_count: seed.subscription_period_count ?? 10,
      subscription_period_interval: periodInterval,
      trial_period_days: seed.trial_period_days ?? 0,
      tax_inclusive: seed.tax_inclusive ?? false,
      purchasing_power_parity: false,
    };
  }
  return {
    type: "one_time_price",
    currency,
    price: seed.price,
    discount: 0,
    pay_what_you_want: kind === "pay_what_you_want",
    suggested_price: kind === "pay_what_you_want" ? (seed.suggested_price ?? seed.price) : null,
    tax_inclusive: seed.tax_inclusive ?? false,
    purchasing_power_parity: false,
  };
}

/** Turns a seed (short or full form) into the SDK's `Product`; throws on an invalid seed. */
export function normalizeProduct(input: ProductInput, businessId: string, now: string): Product {
  if (!isRecord(input)) throw new TypeError("a product must be an object");
  if (isFullProduct(input)) return completeProduct(input, businessId, now);
  const seed = input;
  if (typeof seed.name !== "string" || seed.name === "") {
    throw new TypeError("a product needs a name");
  }
  if (typeof seed.price !== "number" || !Number.isInteger(seed.price) || seed.price < 0) {
    throw new TypeError(`product ${seed.name}: price must be a non-negative integer (minor units)`);
  }
  const kind = seed.type ?? "one_time";
  if (kind !== "one_time" && kind !== "subscription" && kind !== "pay_what_you_want") {
    throw new TypeError(`product ${seed.name}: unknown type ${String(kind)}`);
  }
  const price = seedPrice(seed, kind);
  return {
    product_id: seed.product_id ?? newId("pdt"),
    name: seed.name,
    description: seed.description ?? null,
    business_id: businessId,
    brand_id: businessId,
    created_at: now,
    updated_at: now,
    is_recurring: kind === "subscription",
    license_key_enabled: false,
    credit_entitlements: [],
    entitlements: [],
    metadata: seed.metadata ?? {},
    price,
    tax_category: seed.tax_category ?? (kind === "subscription" ? "saas" : "digital_products"),
    image: seed.image ?? null,
    addons: null,
  } satisfies Product;
}

/** The list-endpoint view of a product. */
export function toProductListItem(product: Product): ProductListResponse {
  const p = product.price;
  const amount = p.type === "usage_based_price" ? p.fixed_price : p.price;
  return {
    product_id: product.product_id,
    business_id: product.business_id,
    name: product.name ?? null,
    description: product.description ?? null,
    image: product.image ?? null,
    created_at: product.created_at,
    updated_at: product.updated_at,
    is_recurring: product.is_recurring,
    metadata: product.metadata,
    tax_category: product.tax_category,
    entitlements: product.entitlements,
    currency: p.currency,
    price: amount,
    price_detail: p,
    tax_inclusive: p.tax_inclusive ?? false,
  } satisfies ProductListResponse;
}

/** The unit price of a product in minor units (the minimum for pay what you want). */
export function unitPrice(product: Product): number {
  const p = product.price;
  return p.type === "usage_based_price" ? p.fixed_price : p.price;
}

export function isPayWhatYouWant(product: Product): boolean {
  return product.price.type === "one_time_price" && product.price.pay_what_you_want === true;
}

/** The amount shown by default for a pay-what-you-want product. */
export function suggestedPrice(product: Product): number {
  if (product.price.type === "one_time_price") {
    return product.price.suggested_price ?? product.price.price;
  }
  return unitPrice(product);
}

/**
 * Reads products from a JSON file: an array of products, or `{ "products": [...] }`, each in
 * the short form ({@link ProductSeed}) or a full SDK `Product`.
 */
export function loadProductsFile(path: string): ProductInput[] {
  const text = readFileSync(path, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  const list = Array.isArray(parsed) ? parsed : isRecord(parsed) ? parsed.products : undefined;
  if (!Array.isArray(list)) {
    throw new Error(`${path}: expected an array of products or { "products": [...] }`);
  }
  return list as ProductInput[];
}
