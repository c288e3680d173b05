import { CustomerPortal } from "@dodopayments/remix";
import { getSignedInCustomerId } from "../lib/demo-session";
import type { Route } from "./+types/api.customer-portal";

// The portal's link back to the shop: this app's home page, next to the checkout return URL
// (`dodo-simulator run` sets DODO_PAYMENTS_RETURN_URL; with your key, .env.local does).
const returnUrl = process.env.DODO_PAYMENTS_RETURN_URL;
const shopHome = returnUrl && URL.canParse(returnUrl) ? new URL("/", returnUrl).href : undefined;

// GET /api/customer-portal -> 302 to the signed-in customer's Dodo Payments portal. With
// getCustomerId, a ?customer_id= in the URL is ignored; nobody signed in answers 401.
const portal = CustomerPortal({
  getCustomerId: (request) => getSignedInCustomerId(request),
  returnUrl: shopHome,
});

// `export const loader = portal` works too; this form shows the typed route args (`+types`).
export const loader = (args: Route.LoaderArgs) => portal(args);
