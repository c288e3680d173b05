// The component's functions. They run inside the component, which cannot read the app's
// environment or auth: the app side (`DodoPayments` in src/client) passes the settings and the
// customer it identified. Every Dodo call is an action, the only kind of function that can fetch.
import {
  type ClientConfig,
  checkoutSessionSchema,
  createCheckoutSession,
  createCustomerPortalSession,
  DodoHttpError,
  lazyClient,
} from "@dodopayments/core";
import { consoleLogger, memoizeFactory } from "@dodopayments/core/internal";
import { type Infer, v } from "convex/values";
import { action } from "./_generated/server.js";

const logger = consoleLogger;

/** Settings the app resolved from its own environment (`DODO_PAYMENTS_*`) or options. */
const settings = {
  apiKey: v.string(),
  environment: v.union(v.literal("test_mode"), v.literal("live_mode")),
  baseURL: v.optional(v.string()),
  timeoutMs: v.optional(v.number()),
  maxRetries: v.optional(v.number()),
};

/** The status-code contract's answer as data: the problem+json body every adapter sends. */
export const problemValidator = v.object({
  type: v.literal("about:blank"),
  title: v.string(),
  status: v.number(),
  detail: v.optional(v.string()),
  errors: v.optional(v.array(v.object({ field: v.string(), message: v.string() }))),
  /** The `Retry-After` of a 503 (Dodo's rate limit). */
  retryAfter: v.optional(v.string()),
});

export type Problem = Infer<typeof problemValidator>;

/** One SDK client per distinct settings, kept while the isolate lives. */
const clients = memoizeFactory((config: ClientConfig) => lazyClient(config), { max: 8 });

const settingsValidator = v.object(settings);

function clientFor(args: Infer<typeof settingsValidator>) {
  return clients({
    bearerToken: args.apiKey,
    environment: args.environment,
    baseURL: args.baseURL,
    timeoutMs: args.timeoutMs,
    maxRetries: args.maxRetries,
    logger,
  })(undefined).client;
}

/** The answer for anything that failed: as the error says, or a generic 500 that is logged. */
function toProblem(error: unknown): Problem {
  if (!(error instanceof DodoHttpError)) {
    logger.error("Unexpected error in the Dodo Payments component", error);
    return { type: "about:blank", title: "Internal server error", status: 500 };
  }
  const retryAfter = error.headers?.["retry-after"];
  return {
    type: "about:blank",
    title: error.message,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors?.length ? { errors: error.errors } : {}),
    ...(retryAfter ? { retryAfter } : {}),
  };
}

async function answer<T>(run: () => Promise<T>): Promise<T | { problem: Problem }> {
  try {
    return await run();
  } catch (error) {
    return { problem: toProblem(error) };
  }
}

/** Creates a checkout session (`POST /checkouts`) from a payload validated by core's schema. */
export const checkout = action({
  args: { ...settings, payload: v.any() },
  returns: v.union(v.object({ checkout_url: v.string() }), v.object({ problem: problemValidator })),
  handler: (_ctx, { payload, ...rest }) =>
    answer(async () => {
      const parsed = checkoutSessionSchema.safeParse(payload);
      if (!parsed.success) {
        throw new DodoHttpError(400, "Invalid request", {
          errors: parsed.error.issues.map((issue) => ({
            field: issue.path.map(String).join(".") || "payload",
            message: issue.message,
          })),
        });
      }
      const { checkout_url } = await createCheckoutSession(clientFor(rest), parsed.data, {
        logger,
      });
      return { checkout_url };
    }),
});

/** Opens a customer portal session for the customer the app identified. */
export const customerPortal = action({
  args: { ...settings, customerId: v.string(), sendEmail: v.optional(v.boolean()) },
  returns: v.union(v.object({ portal_url: v.string() }), v.object({ problem: problemValidator })),
  handler: (_ctx, { customerId, sendEmail, ...rest }) =>
    answer(() =>
      createCustomerPortalSession(clientFor(rest), customerId, {
        logger,
        ...(sendEmail === undefined ? {} : { sendEmail }),
      }),
    ),
});
