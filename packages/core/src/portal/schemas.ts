import * as z from "zod";
import { id } from "../checkout/schemas";

/** The portal route's query with `getCustomerId`: the customer comes from the session. */
export const portalQuerySchema = z.object({
  send_email: z.enum(["true", "false"], 'must be "true" or "false"').optional(),
});

/** The documented, unauthenticated `?customer_id=` form (only without `getCustomerId`). */
export const portalCustomerQuerySchema = portalQuerySchema.extend({ customer_id: id });
