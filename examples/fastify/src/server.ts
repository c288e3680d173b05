import { DodoHttpError, dodopaymentsPlugin } from "@dodopayments/fastify";
import fastifyCookie from "@fastify/cookie";
import Fastify from "fastify";
import { demoSession, getSignedInCustomerId } from "./demo-session.js";
import { listEvents, recordEvent } from "./events.js";
import { FAVICON_HEADERS, FAVICON_SVG } from "./favicon.js";
import { eventsPage, homePage, successPage } from "./pages.js";
import { products } from "./products.js";

const fastify = Fastify({ logger: true });

// The portal's link back to the shop: this app's home page, next to the checkout return URL
// (`dodo-simulator run` sets DODO_PAYMENTS_RETURN_URL; with your key, .env.local does).
const returnUrl = process.env.DODO_PAYMENTS_RETURN_URL;
const shopHome = returnUrl && URL.canParse(returnUrl) ? new URL("/", returnUrl).href : undefined;

// Cookies for the demo session (pages set it, the Dodo routes read it).
await fastify.register(fastifyCookie);

// The Dodo Payments routes, under /api. The plugin is encapsulated: inside its scope a JSON parser
// keeps the raw bytes, so webhooks verify exactly what Dodo signed, while the rest of the app keeps
// Fastify's JSON parser. The handlers read DODO_PAYMENTS_* on the first request.
await fastify.register(dodopaymentsPlugin, {
  prefix: "/api",
  checkout: [
    // GET /api/checkout?productId=pdt_...&quantity=1 -> { checkout_url } of a static payment link.
    { type: "static" },
    // POST /api/checkout-session with a `POST /checkouts` body ({ product_cart: [...] })
    // -> { checkout_url } of a checkout session.
    {
      type: "session",
      // The browser may not send customers to a return URL on another site.
      allowedReturnUrls: "same-origin",
      // Runs on the server after validation: the customer comes from the session, not the browser.
      beforeCheckout: (payload, { context: request }) => {
        const customerId = getSignedInCustomerId(request);
        if (!customerId) throw new DodoHttpError(401, "Sign in first");
        return { ...payload, customer: { customer_id: customerId } };
      },
    },
  ],
  // GET /api/customer-portal -> 302 to the signed-in customer's Dodo Payments portal. With
  // getCustomerId, a ?customer_id= in the URL is ignored; nobody signed in answers 401.
  customerPortal: {
    getCustomerId: (_request, request) => getSignedInCustomerId(request),
    returnUrl: shopHome,
  },
  // POST /api/webhook: verifies the signature with DODO_PAYMENTS_WEBHOOK_KEY, then calls the
  // handlers in order; other methods answer 405. Answering 200 tells Dodo the event was handled;
  // a handler that throws answers 500 and Dodo retries.
  webhooks: {
    path: "/webhook",
    // Every verified event, for the /events page.
    onPayload: async (payload, { webhookId }) => {
      recordEvent(payload, webhookId);
    },
    // Your business logic goes in the typed handlers. Deduplicate on webhookId: delivery is at
    // least once.
    onPaymentSucceeded: async (payload) => {
      fastify.log.info(`payment ${payload.data.payment_id} succeeded: fulfil the order here`);
    },
    onSubscriptionActive: async (payload) => {
      fastify.log.info(`subscription ${payload.data.subscription_id} is active: grant access here`);
    },
    onSubscriptionCancelled: async (payload) => {
      fastify.log.info(
        `subscription ${payload.data.subscription_id} was cancelled: revoke access here`,
      );
    },
  },
});

// Pages.
fastify.get("/", { onRequest: demoSession }, async (_request, reply) => {
  return reply.type("text/html").send(homePage(products));
});

fastify.get<{ Querystring: Record<string, unknown> }>(
  "/success",
  { onRequest: demoSession },
  async (request, reply) => {
    const one = (value: unknown) => (typeof value === "string" ? value : undefined);
    return reply.type("text/html").send(
      successPage({
        status: one(request.query.status),
        payment_id: one(request.query.payment_id),
        subscription_id: one(request.query.subscription_id),
      }),
    );
  },
);

for (const url of ["/favicon.svg", "/favicon.ico"]) {
  fastify.get(url, async (_request, reply) => reply.headers(FAVICON_HEADERS).send(FAVICON_SVG));
}

fastify.get("/events", { onRequest: demoSession }, async (_request, reply) => {
  return reply.header("cache-control", "no-store").type("text/html").send(eventsPage(listEvents()));
});

// This machine only (localhost), unless HOST says otherwise (e.g. HOST=0.0.0.0); `dodo-simulator
// run` sets it from the app URL. PORT defaults to 3000.
const host = process.env.HOST || "localhost";
const port = Number(process.env.PORT ?? 3000);
await fastify.listen({ port, host });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void fastify.close().then(() => process.exit(0));
  });
}
