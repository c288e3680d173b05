// Shared by every fixture app (in-process or built by its framework), so all adapters are mounted
// with exactly the same options and record webhooks the same way. Plain JS: Next.js, Nuxt and
// Astro bundle it as it is.

/** Short timeouts and no SDK retries, so fault cases answer quickly and deterministically. */
export const clientOptions = { timeoutMs: 1500, maxRetries: 0 };

/** The app's "session": the header stands in for a signed-in user's cookie. */
export const SESSION_HEADER = "x-test-session";
const sessions = { demo: "cus_demo" };

/** For `getCustomerId`: the signed-in user's Dodo customer id, or null when nobody is signed in. */
export function customerIdFromSession(headers) {
  const value =
    typeof headers.get === "function" ? headers.get(SESSION_HEADER) : headers[SESSION_HEADER];
  return (value && sessions[value]) || null;
}

// One log per process, even when a framework bundles this module into several route chunks.
const key = Symbol.for("dodopayments.conformance.events");
globalThis[key] ??= [];

/** Everything the webhook handlers saw, oldest first. */
export function recordedEvents() {
  return globalThis[key];
}

/**
 * Records what the adapter logs, as `{ handler: "log", level, message, withError }` entries in the
 * same list, so the suite can check that hostile input never logs an error (or a stack trace).
 */
export const recordingLogger = {
  warn(message) {
    globalThis[key].push({ handler: "log", level: "warn", message, withError: false });
  },
  error(message, error) {
    globalThis[key].push({
      handler: "log",
      level: "error",
      message,
      withError: error !== undefined,
    });
  },
};

/** Whether `context.request` can be read and holds exactly the bytes that were verified. */
async function requestBodyMatches(context, read) {
  const bytes = await context.request[read]();
  const text = typeof bytes === "string" ? bytes : new TextDecoder().decode(bytes);
  return text === context.rawBody;
}

/**
 * Webhook handlers (and the logger) every fixture mounts. `business_id: "bus_throw"` makes a
 * handler throw. Both handlers read `context.request`, one after the other.
 */
export const webhookHandlers = {
  logger: recordingLogger,
  onPayload: async (payload, context) => {
    globalThis[key].push({
      handler: "onPayload",
      type: payload.type,
      webhookId: context.webhookId,
      businessId: payload.business_id,
      rawBodyLength: context.rawBody.length,
      requestBodyMatches: await requestBodyMatches(context, "arrayBuffer"),
    });
    if (payload.business_id === "bus_throw")
      throw new Error("handler failure requested by the test");
  },
  onPaymentSucceeded: async (payload, context) => {
    globalThis[key].push({
      handler: "onPaymentSucceeded",
      type: payload.type,
      webhookId: context.webhookId,
      paymentId: payload.data.payment_id,
      requestBodyMatches: await requestBodyMatches(context, "text"),
    });
  },
  onSubscriptionActive: async (payload, context) => {
    globalThis[key].push({
      handler: "onSubscriptionActive",
      type: payload.type,
      webhookId: context.webhookId,
      subscriptionId: payload.data.subscription_id,
    });
  },
};

/** Answer for `GET /api/test/events`. */
export function eventsResponse() {
  return new Response(JSON.stringify(recordedEvents()), {
    headers: { "content-type": "application/json" },
  });
}
