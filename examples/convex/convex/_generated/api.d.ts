/* Stand-in for the file `npx convex dev` generates (it needs a deployment to run): same exports,
   same types. Running `npx convex dev` replaces it; nothing else in the folder changes. */
import type { ApiFromModules, FilterApi, FunctionReference, FunctionType } from "convex/server";
import type * as dodo from "../dodo.js";
import type * as http from "../http.js";
import type * as payments from "../payments.js";
import type * as users from "../users.js";
import type * as webhooks from "../webhooks.js";

declare const fullApi: ApiFromModules<{
  dodo: typeof dodo;
  http: typeof http;
  payments: typeof payments;
  users: typeof users;
  webhooks: typeof webhooks;
}>;

/** References to this app's public functions: `api.payments.createCheckout`. */
export declare const api: FilterApi<typeof fullApi, FunctionReference<FunctionType, "public">>;

/** References to this app's internal functions: `internal.users.getByAuthId`. */
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<FunctionType, "internal">
>;

/** The installed components, by the name `app.use` gave them. */
export declare const components: {
  dodopayments: import("@dodopayments/convex/_generated/component.js").ComponentApi<"dodopayments">;
};
