import { Checkout, CustomerPortal, DodoHttpError, Webhooks } from "@dodopayments/bun";
import { getSignedInCustomerId, startDemoSession } from "./demo-session.js";
import { listEvents, recordEvent } from "./events.js";
import { FAVICON_HEADERS, FAVICON_SVG } from "./favicon.js";
import { eventsPage, homePage, successPage } from "./pages.js";
import { products } from "./products.js";

// The portal's link back to the shop: this app's home page, next to the checkout return URL
// (`dodo-simulator run` sets DODO_PAYMENTS_RETURN_URL; with your key, .env.local does).
const returnUrl = process.env.DODO_PAYMENTS_RETURN_URL;
const shopHome = returnUrl && URL.canParse(returnUrl) ? new URL("/", returnUrl).href : undefined;

const html = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { headers: { "content-type": "text/html; charset=utf-8", ...headers } });

// This machine only (localhost), unless HOST says otherwise (e.g. HOST=0.0.0.0); `dodo-simulator
// run` sets it from the app URL. PORT defaults to 3000.
const server = Bun.serve({
  hostname: process.env.HOST || "localhost",
  port: Number(process.env.PORT || 3000),
  routes: {
    // The Dodo routes. The handlers read DODO_PAYMENTS_* on the first request (Bun.env, which is
    // process.env; Bun loads .env and .env.local into it). Each is mounted as the whole route, so
    // a method it does not serve gets its 405 with an Allow header.

    // GET /api/checkout?productId=pdt_...&quantity=1 -> { checkout_url } of a static payment link.
    "/api/checkout": Checkout({ type: "static" }),

    // POST /api/checkout-session with a `POST /checkouts` body ({ product_cart: [...] })
    // -> { checkout_url } of a checkout session.
    "/api/checkout-session": Checkout({
      type: "session",
      // The browser may not send customers to a return URL on another site.
      allowedReturnUrls: "same-origin",
      // Runs on the server after validation: the customer comes from the session, not the browser.
      beforeCheckout: (payload, { request }) => {
        const customerId = getSignedInCustomerId(request);
        if (!customerId) throw new DodoHttpError(401, "Sign in first");
        return { ...payload, customer: { customer_id: customerId } };
      },
    }),

    // GET /api/customer-portal -> 302 to the signed-in customer's Dodo Payments portal. With
    // getCustomerId, a ?customer_id= in the URL is ignored; nobody signed in answers 401.
    "/api/customer-portal": CustomerPortal({
      getCustomerId: (request) => getSignedInCustomerId(request),
      returnUrl: shopHome,
    }),

    // POST /api/webhook: verifies the signature with DODO_PAYMENTS_WEBHOOK_KEY over the exact
    // body, then calls the handlers in order. Answering 200 tells Dodo the event was handled; a
    // handler that throws answers 500 and Dodo retries.
    "/api/webhook": Webhooks({
      // Every verified event, for the /events page.
      onPayload: async (payload, { webhookId }) => {
        recordEvent(payload, webhookId);
      },
      // Your business logic goes in the typed handlers. Deduplicate on webhookId: delivery is at
      // least once.
      onPaymentSucceeded: async (payload) => {
        console.log(`payment ${payload.data.payment_id} succeeded: fulfil the order here`);
      },
      onSubscriptionActive: async (payload) => {
        console.log(`subscription ${payload.data.subscription_id} is active: grant access here`);
      },
      onSubscriptionCancelled: async (payload) => {
        console.log(
          `subscription ${payload.data.subscription_id} was cancelled: revoke access here`,
        );
      },
    }),

    // Pages.
    "/": {
      GET: (request) => {
        startDemoSession(request);
        return html(homePage(products));
      },
    },
    "/success": {
      GET: (request) => {
        startDemoSession(request);
        const query = new URL(request.url).searchParams;
        return html(
          successPage({
            status: query.get("status") ?? undefined,
            payment_id: query.get("payment_id") ?? undefined,
            subscription_id: query.get("subscription_id") ?? undefined,
          }),
        );
      },
    },
    "/events": {
      GET: (request) => {
        startDemoSession(request);
        return html(eventsPage(listEvents()), { "cache-control": "no-store" });
      },
    },
    "/favicon.svg": new Response(FAVICON_SVG, { headers: FAVICON_HEADERS }),
    "/favicon.ico": new Response(FAVICON_SVG, { headers: FAVICON_HEADERS }),
  },
  // Anything the routes do not match.
  fetch: () => new Response("Not found", { status: 404 }),
});

console.log(`Bun example listening on ${server.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.stop().then(() => process.exit(0)));
}
