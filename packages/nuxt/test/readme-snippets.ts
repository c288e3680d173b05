// The README's snippets, type-checked by `check-types` (not run). In a Nuxt app these names are
// auto-imported; here they come from the runtime and h3 explicitly.
import { defineEventHandler, getCookie } from "h3";
import { useRuntimeConfig } from "#imports";
import {
  checkoutHandler,
  customerPortalHandler,
  DodoHttpError,
  Webhooks,
} from "../src/runtime/server/index";

declare function customerIdForSession(token: string): Promise<string | null>;
declare function fulfilOrder(paymentId: string, webhookId: string): Promise<void>;
declare function grantAccess(subscriptionId: string): Promise<void>;

export const documentedCheckout = defineEventHandler((event) => {
  const {
    private: { bearerToken, environment, returnUrl },
  } = useRuntimeConfig();

  const handler = checkoutHandler({
    bearerToken: bearerToken,
    environment: environment,
    returnUrl: returnUrl,
    type: "dynamic",
  });

  return handler(event);
});

export const documentedWebhook = defineEventHandler((event) => {
  const {
    private: { webhookKey },
  } = useRuntimeConfig();

  const handler = Webhooks({
    webhookKey: webhookKey,
    // biome-ignore lint/suspicious/noExplicitAny: the documented snippet types the payload as any.
    onPayload: async (_payload: any) => {},
  });

  return handler(event);
});

export const sessionCheckout = defineEventHandler(checkoutHandler({ type: "session" }));

export const portal = defineEventHandler(
  customerPortalHandler({
    getCustomerId: async (_request, event) => {
      const token = event && getCookie(event, "session");
      return token ? await customerIdForSession(token) : null;
    },
  }),
);

export const guardedCheckout = defineEventHandler(
  checkoutHandler({
    type: "session",
    allowedReturnUrls: "same-origin",
    beforeCheckout: async (payload, { context: event }) => {
      const customerId = event && (await customerIdForSession(getCookie(event, "session") ?? ""));
      if (!customerId) throw new DodoHttpError(401, "Sign in first");
      return { ...payload, customer: { customer_id: customerId } };
    },
  }),
);

export const webhook = defineEventHandler(
  Webhooks({
    onPaymentSucceeded: async (payload, { webhookId }) => {
      await fulfilOrder(payload.data.payment_id, webhookId);
    },
    onSubscriptionActive: async (payload) => {
      await grantAccess(payload.data.subscription_id);
    },
  }),
);
