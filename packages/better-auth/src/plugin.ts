import { type ClientConfig, DodoHttpError, lazyClient } from "@dodopayments/core";
import type { AuthContext, BetterAuthPlugin, Endpoint, UnionToIntersection } from "better-auth";
import type DodoPayments from "dodopayments";
import type { CheckoutPart } from "./checkout";
import {
  CUSTOMER_ID_FIELD,
  findOrCreateCustomerId,
  storeCustomerId,
  type UserWithCustomer,
} from "./customer";
import { DODO_PAYMENTS_ERROR_CODES } from "./error-codes";
import { betterAuthLogger } from "./errors";
import type { PortalPart } from "./portal";
import type { DodoPaymentsPart, DodoPaymentsShared } from "./shared";
import type { WebhooksPart } from "./webhooks";

/** The settings of the client the plugin makes when you pass none (see `client`). */
type ClientSettings = Pick<
  ClientConfig,
  "bearerToken" | "environment" | "baseURL" | "timeoutMs" | "maxRetries" | "fetch"
>;

export interface DodoPaymentsOptions<Use extends readonly DodoPaymentsPart[]>
  extends ClientSettings {
  /**
   * Your Dodo Payments SDK client: `new DodoPayments({ bearerToken, environment })`. Without it,
   * the plugin makes one on first use, as every adapter does: from `bearerToken`, `environment`
   * and `baseURL` here, else `DODO_PAYMENTS_API_KEY`, `DODO_PAYMENTS_ENVIRONMENT` and
   * `DODO_PAYMENTS_BASE_URL` (so a build without secrets still loads your auth file).
   */
  client?: DodoPayments;
  /**
   * When a user signs up, find the Dodo Payments customer with their email or create one, and
   * keep its id on the user (`dodoCustomerId`). A Dodo Payments failure never fails the sign-up:
   * it is logged, and the customer is found or created on first use instead. Default `false`.
   */
  createCustomerOnSignUp?: boolean;
  /** What to mount: `checkout(...)`, `portal()`, `webhooks(...)`. */
  use: Use;
}

/** How long each Dodo Payments call at sign-up may take, so a slow API cannot hold up sign-ups. */
const SIGN_UP_TIMEOUT_MS = 5_000;

/** The endpoints of every part in `use`, one object type. */
type EndpointsOf<Use extends readonly DodoPaymentsPart[]> =
  UnionToIntersection<ReturnType<Use[number]["endpoints"]>> extends infer E extends Record<
    string,
    Endpoint
  >
    ? E
    : never;

/** `skipOriginCheck` plus the paths that only servers call (Better Auth checks the rest). */
function exemptFromOriginCheck(current: AuthContext["skipOriginCheck"], paths: string[]) {
  if (current === true || paths.length === 0) return current;
  return [...(Array.isArray(current) ? current : []), ...paths];
}

/**
 * Dodo Payments for Better Auth. Mount it in `betterAuth({ plugins: [dodopayments({ ... })] })`
 * and the parts in `use` add their endpoints under `/dodopayments/*` of Better Auth's base path.
 */
export function dodopayments<const Use extends readonly DodoPaymentsPart[]>(
  options: DodoPaymentsOptions<Use>,
) {
  let authContext: AuthContext | undefined;
  const logger = betterAuthLogger(() => authContext);
  const { use, createCustomerOnSignUp, ...settings } = options;
  const resolveClient = lazyClient({ ...settings, logger });
  const shared: DodoPaymentsShared = {
    client: () => resolveClient(undefined).client,
    logger,
  };
  const endpoints = Object.assign(
    {},
    ...use.map((part) => part.endpoints(shared)),
  ) as EndpointsOf<Use>;
  const exempt = use.flatMap((part) => part.originCheckExempt ?? []);

  /** Finds or creates the new user's customer and keeps its id; never throws. */
  async function linkCustomer(auth: AuthContext, user: UserWithCustomer): Promise<void> {
    try {
      const customerId = await findOrCreateCustomerId(shared.client(), user, logger, {
        timeout: SIGN_UP_TIMEOUT_MS,
        maxRetries: 0,
      });
      await storeCustomerId(auth, user.id, customerId);
    } catch (error) {
      // A DodoHttpError has been logged (without upstream text) where it was made.
      logger.error(
        "Could not create the Dodo Payments customer at sign-up; it is found or created on first use instead.",
        error instanceof DodoHttpError ? undefined : error,
      );
    }
  }

  return {
    id: "dodopayments",
    endpoints,
    init(ctx) {
      authContext = ctx;
      return {
        context: { skipOriginCheck: exemptFromOriginCheck(ctx.skipOriginCheck, exempt) },
        options: {
          databaseHooks: {
            user: {
              create: {
                async after(user) {
                  const created = user as UserWithCustomer;
                  if (!createCustomerOnSignUp || created.dodoCustomerId) return;
                  await ctx.runInBackgroundOrAwait(linkCustomer(ctx, created));
                },
              },
              update: {
                // A new email may belong to another Dodo customer: drop the link, so the next
                // call finds the customer by the new address.
                async before(data) {
                  if (typeof data.email !== "string") return;
                  return { data: { ...data, [CUSTOMER_ID_FIELD]: null } };
                },
              },
            },
          },
        },
      };
    },
    schema: {
      user: {
        fields: {
          [CUSTOMER_ID_FIELD]: {
            type: "string",
            required: false,
            // Set by this plugin only: sign-up and update-user bodies cannot choose a customer.
            input: false,
          },
        },
      },
    },
    $ERROR_CODES: DODO_PAYMENTS_ERROR_CODES,
  } satisfies BetterAuthPlugin;
}

/** The plugin's type with every part mounted: what `dodopaymentsClient()` infers its methods from. */
export type DodoPaymentsPlugin = Omit<ReturnType<typeof dodopayments>, "endpoints"> & {
  // Spelled out rather than `typeof dodopayments<[...]>`: declaration bundlers drop the type
  // arguments' imports of such an instantiation expression.
  endpoints: EndpointsOf<[CheckoutPart, PortalPart, WebhooksPart]>;
};
