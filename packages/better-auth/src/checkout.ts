import {
  type CheckoutSessionBody,
  checkoutSessionSchema,
  createCheckoutSession,
  createDynamicCheckout,
  type DynamicCheckoutBody,
  dynamicCheckoutSchema,
  type MaybePromise,
} from "@dodopayments/core";
import type { GenericEndpointContext } from "better-auth";
import { APIError, createAuthEndpoint, getSessionFromCtx } from "better-auth/api";
import * as z from "zod";
import { apiError, appUrl, dodoCall } from "./errors";
import type { DodoPaymentsPart } from "./shared";

/** A product the browser may name by a slug instead of its Dodo product id. */
export interface CheckoutProduct {
  /** The Dodo Payments product id (`pdt_...`). */
  productId: string;
  /** The name the client passes as `slug`, e.g. `"premium-plan"`. */
  slug: string;
}

export interface CheckoutOptions {
  /** The products `slug` may name: a list, or a function (sync or async) that returns it. */
  products?: CheckoutProduct[] | (() => MaybePromise<CheckoutProduct[]>);
  /**
   * Where customers land after paying: an absolute URL, or a path resolved against your app's
   * base URL (Better Auth's `baseURL`), e.g. `"/dashboard/success"`. Browsers cannot change it.
   */
  successUrl?: string;
  /** Only signed-in users may check out (401 otherwise). Default `false`. */
  authenticatedUsersOnly?: boolean;
}

// What the browser may say about the customer: never a `customer_id`, which would attach the
// checkout (and show its details on the checkout page) to a customer the caller does not own.
const customerOverride = z.object({
  email: z.email("must be an email address"),
  name: z.string().max(500).nullish(),
  phone_number: z.string().max(32).nullish(),
});

// The fields of this plugin on top of the API's own body.
const pluginFields = {
  /** A product slug from the `products` option (instead of `product_cart` / `product_id`). */
  slug: z.string().min(1).max(200).optional(),
  /** Your own reference (an order id); sent to Dodo Payments as `metadata.referenceId`. */
  referenceId: z.string().min(1).max(500).optional(),
  /** Overrides the signed-in user's email and name. */
  customer: customerOverride.optional(),
};

const { return_url: _sessionReturnUrl, ...sessionShape } = checkoutSessionSchema.shape;
const checkoutSessionBody = z.object({
  ...sessionShape,
  ...pluginFields,
  product_cart: sessionShape.product_cart.optional(),
  /** The billing address, when you already know it (the API's `billing_address`). */
  billing: sessionShape.billing_address,
});

const { return_url: _linkReturnUrl, ...linkShape } = dynamicCheckoutSchema.shape;
const checkoutLinkBody = z.object({ ...linkShape, ...pluginFields });

export type CheckoutSessionInput = z.input<typeof checkoutSessionBody>;
export type CheckoutLinkInput = z.input<typeof checkoutLinkBody>;

/** What both checkout endpoints answer: go to `url`. */
export interface CheckoutResponse {
  url: string;
  redirect: true;
}

function invalid(field: string, message: string): APIError {
  return apiError(400, "INVALID_REQUEST", { errors: [{ field, message }] });
}

/**
 * Checkout: `POST /dodopayments/checkout-session` (a checkout session, preferred) and the
 * deprecated `POST /dodopayments/checkout` (a payment link). Both answer `{ url, redirect: true }`.
 */
export function checkout(options: CheckoutOptions = {}) {
  const { products, successUrl, authenticatedUsersOnly = false } = options;

  async function productIdFor(slug: string): Promise<string> {
    const list = typeof products === "function" ? await products() : (products ?? []);
    const product = list.find((candidate) => candidate.slug === slug);
    if (!product) {
      throw apiError(400, "UNKNOWN_PRODUCT", {
        errors: [{ field: "slug", message: "no such product" }],
      });
    }
    return product.productId;
  }

  /** The signed-in user's email and name, unless the body names the customer. */
  async function customerFor(ctx: GenericEndpointContext, override: CheckoutLinkInput["customer"]) {
    const session = await getSessionFromCtx(ctx);
    if (!session && authenticatedUsersOnly) {
      throw new APIError("UNAUTHORIZED", { code: "UNAUTHORIZED", message: "Sign in to check out" });
    }
    if (override) return override;
    if (!session) return undefined;
    const { email, name } = session.user;
    return name ? { email, name } : { email };
  }

  function metadataWith(metadata: Record<string, string> | undefined, referenceId?: string) {
    return referenceId ? { ...metadata, referenceId } : metadata;
  }

  return {
    id: "checkout",
    endpoints: ({ client, logger }) => ({
      dodoCheckoutSession: createAuthEndpoint(
        "/dodopayments/checkout-session",
        { method: "POST", body: checkoutSessionBody },
        async (ctx): Promise<CheckoutResponse & { session_id: string }> => {
          const { slug, referenceId, customer, billing, product_cart, metadata, ...rest } =
            ctx.body;
          if (!slug === !product_cart) {
            throw invalid("slug", "send either slug or product_cart");
          }
          const payload: CheckoutSessionBody = {
            ...rest,
            product_cart: product_cart ?? [
              { product_id: await productIdFor(slug as string), quantity: 1 },
            ],
            customer: await customerFor(ctx, customer),
            billing_address: billing ?? rest.billing_address,
            metadata: metadataWith(metadata, referenceId),
            return_url: appUrl(ctx, successUrl, "successUrl"),
          };
          const session = await dodoCall(() =>
            createCheckoutSession(client(), payload, { logger }),
          );
          return ctx.json({
            url: session.checkout_url,
            redirect: true,
            session_id: session.session_id,
          });
        },
      ),
      dodoCheckout: createAuthEndpoint(
        "/dodopayments/checkout",
        // Deprecated: kept for existing integrations; use the checkout session above.
        { method: "POST", body: checkoutLinkBody },
        async (ctx): Promise<CheckoutResponse> => {
          const { slug, referenceId, customer, metadata, ...rest } = ctx.body;
          if ([slug, rest.product_id, rest.product_cart].filter(Boolean).length !== 1) {
            throw invalid("slug", "send exactly one of slug, product_id or product_cart");
          }
          const named = await customerFor(ctx, customer);
          if (!named) throw invalid("customer", "is required when nobody is signed in");
          const payload: DynamicCheckoutBody = {
            ...rest,
            ...(slug ? { product_id: await productIdFor(slug), quantity: rest.quantity ?? 1 } : {}),
            customer: named,
            metadata: metadataWith(metadata, referenceId),
            return_url: appUrl(ctx, successUrl, "successUrl"),
          };
          const link = await dodoCall(() => createDynamicCheckout(client(), payload, { logger }));
          return ctx.json({ url: link.checkout_url, redirect: true });
        },
      ),
    }),
  } satisfies DodoPaymentsPart;
}

/** What `checkout()` returns: one entry of `use`. */
export type CheckoutPart = ReturnType<typeof checkout>;
