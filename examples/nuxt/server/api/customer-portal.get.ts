import { getSignedInCustomerId } from "../utils/demo-session";

// The portal's link back to the shop: this app's home page, next to the checkout return URL
// (`dodo-simulator run` sets DODO_PAYMENTS_RETURN_URL; with your key, .env.local does).
const returnUrl = process.env.DODO_PAYMENTS_RETURN_URL;
const shopHome = returnUrl && URL.canParse(returnUrl) ? new URL("/", returnUrl).href : undefined;

// GET /api/customer-portal -> 302 to the signed-in customer's Dodo Payments portal. With
// getCustomerId, a ?customer_id= in the URL is ignored; nobody signed in answers 401.
export default defineEventHandler(
  CustomerPortal({
    getCustomerId: (_request, event) => getSignedInCustomerId(event),
    returnUrl: shopHome,
  }),
);
