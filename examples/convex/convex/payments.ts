import { v } from "convex/values";
import { action } from "./_generated/server";
import { checkout, customerPortal } from "./dodo";

/** Called from the browser with `useAction(api.payments.createCheckout)`. */
export const createCheckout = action({
  args: {
    product_cart: v.array(v.object({ product_id: v.string(), quantity: v.number() })),
    returnUrl: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    // The browser picks products; everything else is decided here, on the server.
    return await checkout(ctx, {
      payload: {
        product_cart: args.product_cart,
        return_url: args.returnUrl,
        billing_currency: "USD",
        feature_flags: { allow_discount_code: true },
      },
    });
  },
});

/** Called from the browser with `useAction(api.payments.getCustomerPortal)`. */
export const getCustomerPortal = action({
  args: { send_email: v.optional(v.boolean()) },
  handler: async (ctx, args) => {
    return await customerPortal(ctx, args);
  },
});
