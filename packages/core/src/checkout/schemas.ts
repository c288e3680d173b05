import * as z from "zod";
import { idProblem } from "../validation";

// Request bodies the browser may send. Unknown fields are dropped: a field the server must set
// (a saved payment method, a business name) is added in `beforeCheckout`, never taken from the browser.

const METADATA_KEY = /^[A-Za-z0-9_-]{1,40}$/;

const metadata = z
  .record(
    z.string().regex(METADATA_KEY, "metadata keys are 1-40 letters, digits, - or _"),
    z.string().max(500),
  )
  .refine((value) => Object.keys(value).length <= 50, "at most 50 metadata keys");

/** An id that may end up in an API path: see `idProblem`. Shared with the portal's query. */
export const id = z.string().superRefine((value, ctx) => {
  const problem = idProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const countryCode = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code");
const currency = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code");
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const quantity = z.int("must be an integer").min(1, "must be at least 1").max(100_000);
const minorUnits = z.int("must be an integer (minor units)").min(0);
const optionalString = z.string().max(500).nullish();

const billing = z.object({
  country: countryCode,
  city: optionalString,
  state: optionalString,
  street: optionalString,
  // The docs send zipcode both as a string and as a number; the API takes a string.
  zipcode: z
    .union([z.string().max(32), z.int().min(0)])
    .transform((value) => String(value))
    .nullish(),
});

const customer = z.union([
  z.object({ customer_id: id }),
  z.object({
    email: z.email("must be an email address"),
    name: optionalString,
    phone_number: z.string().max(32).nullish(),
  }),
]);

const onDemand = z.object({
  mandate_only: z.boolean(),
  product_price: minorUnits.nullish(),
  product_currency: currency.nullish(),
  product_description: optionalString,
  adaptive_currency_fees_inclusive: z.boolean().nullish(),
});

const addon = z.object({ addon_id: id, quantity });
const trialDays = z.int("must be an integer").min(0).max(10_000);

const shared = {
  metadata: metadata.optional(),
  return_url: httpUrl.nullish(),
  discount_code: z.string().max(100).nullish(),
  discount_codes: z.array(z.string().max(100)).max(20).nullish(),
  billing_currency: currency.nullish(),
  allowed_payment_method_types: z
    .array(z.string().regex(/^[a-z0-9_]{1,40}$/))
    .max(50)
    .nullish(),
  show_saved_payment_methods: z.boolean().optional(),
  force_3ds: z.boolean().nullish(),
  tax_id: z.string().max(64).nullish(),
};

const oneTimeItem = z.object({
  product_id: id,
  quantity,
  amount: minorUnits.nullish(),
});

/** `POST /payments` (product_cart) or `POST /subscriptions` (product_id) body, with `payment_link` forced on. */
export const dynamicCheckoutSchema = z
  .object({
    ...shared,
    billing,
    customer,
    product_cart: z.array(oneTimeItem).min(1, "must not be empty").max(20).optional(),
    product_id: id.optional(),
    quantity: quantity.optional(),
    trial_period_days: trialDays.nullish(),
    on_demand: onDemand.nullish(),
    addons: z.array(addon).max(20).nullish(),
    payment_link: z.boolean().nullish(),
  })
  .superRefine((body, ctx) => {
    if (!body.product_cart === !body.product_id) {
      ctx.addIssue({
        code: "custom",
        path: ["product_id"],
        message: "send either product_id (with quantity) or product_cart",
      });
    }
  });

export type DynamicCheckoutBody = z.infer<typeof dynamicCheckoutSchema>;

const featureFlags = z
  .record(z.string().regex(/^[a-z_]{1,60}$/), z.boolean())
  .refine((flags) => Object.keys(flags).length <= 40, "too many feature flags");

/** `POST /checkouts` body. */
export const checkoutSessionSchema = z.object({
  ...shared,
  product_cart: z
    .array(
      z.object({
        product_id: id,
        quantity,
        amount: minorUnits.nullish(),
        addons: z.array(addon).max(20).nullish(),
      }),
    )
    .min(1, "must not be empty")
    .max(20, "at most 20 items"),
  customer: customer.nullish(),
  billing_address: billing.nullish(),
  cancel_url: httpUrl.nullish(),
  confirm: z.boolean().optional(),
  customization: z
    .object({
      theme: z.enum(["light", "dark", "system"]).nullish(),
      show_order_details: z.boolean().optional(),
      show_on_demand_tag: z.boolean().optional(),
      force_language: z.string().max(10).nullish(),
    })
    .optional(),
  feature_flags: featureFlags.optional(),
  subscription_data: z
    .object({ trial_period_days: trialDays.nullish(), on_demand: onDemand.nullish() })
    .nullish(),
  minimal_address: z.boolean().optional(),
  short_link: z.boolean().optional(),
});

export type CheckoutSessionBody = z.infer<typeof checkoutSessionSchema>;
