import type { SimulatorContext } from "../context.js";
import { checkoutRoutes } from "./checkouts.js";
import { customerRoutes } from "./customers.js";
import type { ApiRoute } from "./handler.js";
import { paymentRoutes } from "./payments.js";
import { productRoutes } from "./products.js";
import { subscriptionRoutes } from "./subscriptions.js";

export type { ApiCall, ApiHandler, ApiRoute } from "./handler.js";

/** Every route of the Dodo Payments API the simulator plays (bearer-token authenticated). */
export function apiRoutes(ctx: SimulatorContext): ApiRoute[] {
  return [
    ...productRoutes(ctx),
    ...paymentRoutes(ctx),
    ...subscriptionRoutes(ctx),
    ...checkoutRoutes(ctx),
    ...customerRoutes(ctx),
  ];
}
