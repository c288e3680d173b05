import { getSignedInCustomerId } from "../utils/demo-session";

// GET /api/customer-portal -> 302 to the signed-in customer's Dodo Payments portal. With
// getCustomerId, a ?customer_id= in the URL is ignored; nobody signed in answers 401.
export default defineEventHandler(
  customerPortalHandler({
    getCustomerId: (_request, event) => getSignedInCustomerId(event),
  }),
);
