import type DodoPayments from "dodopayments";
import type { PaymentCreateParams, SubscriptionCreateParams } from "dodopayments/resources";
import { upstreamError } from "../client";
import { consoleLogger, DodoHttpError, type Logger } from "../http";
import type { CheckoutSessionBody, DynamicCheckoutBody } from "./schemas";

export interface ProductInfo {
  productId: string;
  isRecurring: boolean;
}

/**
 * Finds a product. An unknown product (the API's 404) is refused with a 400 "Unknown product"
 * naming `field`, the request field the id came from (default `productId`).
 */
export type ProductLookup = (
  client: DodoPayments,
  productId: string,
  field?: string,
) => Promise<ProductInfo>;

const unknownProduct = (field: string) => () =>
  new DodoHttpError(400, "Unknown product", {
    detail: "The product does not exist in this Dodo Payments environment.",
    errors: [{ field, message: "no such product" }],
  });

/**
 * Looks products up through the SDK, remembering found products for `ttlMs` so repeated clicks on
 * the same product do not each cost an API round trip. Unknown products are not remembered.
 */
export function cachedProductLookup(
  options: { ttlMs?: number; maxEntries?: number; logger?: Logger } = {},
): ProductLookup {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const maxEntries = options.maxEntries ?? 1000;
  const logger = options.logger ?? consoleLogger;
  const cache = new Map<string, { info: ProductInfo; expires: number }>();
  return async (client, productId, field = "productId") => {
    const hit = cache.get(productId);
    if (hit && hit.expires > Date.now()) return hit.info;
    let info: ProductInfo;
    try {
      const product = await client.products.retrieve(productId);
      info = { productId: product.product_id, isRecurring: product.is_recurring === true };
    } catch (error) {
      throw upstreamError(error, logger, unknownProduct(field));
    }
    if (ttlMs > 0) {
      cache.delete(productId);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(productId, { info, expires: Date.now() + ttlMs });
    }
    return info;
  };
}

export interface CheckoutResult {
  checkout_url: string;
}

export interface OperationOptions {
  logger?: Logger;
}

export function requireUrl(url: string | null | undefined, logger: Logger): string {
  if (typeof url === "string" && url.length > 0) return url;
  logger.error("Dodo Payments answered without a checkout URL.");
  throw new DodoHttpError(502, "Payment provider error");
}

/**
 * Creates a dynamic payment link. One-time products go to `POST /payments`; a recurring product
 * goes to `POST /subscriptions`, decided by the product's `is_recurring`.
 */
export async function createDynamicCheckout(
  client: DodoPayments,
  body: DynamicCheckoutBody,
  options: OperationOptions & { lookupProduct?: ProductLookup } = {},
): Promise<CheckoutResult & { payment_id?: string; subscription_id?: string }> {
  const logger = options.logger ?? consoleLogger;
  const lookup = options.lookupProduct ?? cachedProductLookup({ ttlMs: 0, logger });
  const items = body.product_cart ?? [
    { product_id: body.product_id as string, quantity: body.quantity ?? 1 },
  ];
  const products = await Promise.all(
    items.map((item, index) =>
      lookup(
        client,
        item.product_id,
        body.product_cart ? `product_cart.${index}.product_id` : "product_id",
      ),
    ),
  );
  const {
    product_cart,
    product_id,
    quantity,
    trial_period_days,
    on_demand,
    addons,
    payment_link,
    ...shared
  } = body;
  void product_cart;
  void product_id;
  void quantity;
  void payment_link;
  const recurring = products.filter((product) => product.isRecurring);
  try {
    if (recurring.length > 0) {
      if (items.length > 1) {
        throw new DodoHttpError(400, "Invalid request", {
          errors: [
            {
              field: "product_cart",
              message:
                "a dynamic subscription link takes one subscription product; use a checkout session for carts",
            },
          ],
        });
      }
      const item = items[0] as { product_id: string; quantity: number };
      const params: SubscriptionCreateParams = {
        ...shared,
        product_id: item.product_id,
        quantity: item.quantity,
        payment_link: true,
        ...(trial_period_days != null ? { trial_period_days } : {}),
        ...(on_demand ? { on_demand } : {}),
        ...(addons ? { addons } : {}),
      } as SubscriptionCreateParams;
      const created = await client.subscriptions.create(params);
      return {
        checkout_url: requireUrl(created.payment_link, logger),
        subscription_id: created.subscription_id,
      };
    }
    const params: PaymentCreateParams = {
      ...shared,
      product_cart: items,
      payment_link: true,
    } as PaymentCreateParams;
    const created = await client.payments.create(params);
    return {
      checkout_url: requireUrl(created.payment_link, logger),
      payment_id: created.payment_id,
    };
  } catch (error) {
    throw upstreamError(error, logger, unknownProduct("product_id"));
  }
}

/** Creates a checkout session (`POST /checkouts`). */
export async function createCheckoutSession(
  client: DodoPayments,
  body: CheckoutSessionBody,
  options: OperationOptions = {},
): Promise<CheckoutResult & { session_id: string }> {
  const logger = options.logger ?? consoleLogger;
  try {
    const session = await client.checkoutSessions.create(
      body as Parameters<DodoPayments["checkoutSessions"]["create"]>[0],
    );
    return {
      checkout_url: requireUrl(session.checkout_url, logger),
      session_id: session.session_id,
    };
  } catch (error) {
    throw upstreamError(error, logger, unknownProduct("product_cart"));
  }
}
