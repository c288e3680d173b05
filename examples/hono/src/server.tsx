import { Checkout, CustomerPortal, DodoHttpError, Webhooks } from "@dodopayments/hono";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { demoSession, getSignedInCustomerId } from "./demo-session.js";
import { listEvents, recordEvent } from "./events.js";
import { FAVICON_HEADERS, FAVICON_SVG } from "./favicon.js";
import { EventsPage, HomePage, SuccessPage } from "./pages.js";
import { products } from "./products.js";

const app = new Hono();

// The handlers read DODO_PAYMENTS_* on the first request (c.env, then process.env).

// GET /api/checkout?productId=pdt_...&quantity=1 -> { checkout_url } of a static payment link.
app.get("/api/checkout", Checkout({ type: "static" }));

// POST /api/checkout-session with a `POST /checkouts` body ({ product_cart: [...] })
// -> { checkout_url } of a checkout session.
app.post(
  "/api/checkout-session",
  Checkout({
    type: "session",
    // The browser may not send customers to a return URL on another site.
    allowedReturnUrls: "same-origin",
    // Runs on the server after validation: the customer comes from the session, not the browser.
    beforeCheckout: (payload, { context: c }) => {
      const customerId = getSignedInCustomerId(c);
      if (!customerId) throw new DodoHttpError(401, "Sign in first");
      return { ...payload, customer: { customer_id: customerId } };
    },
  }),
);

// The portal's link back to the shop: this app's home page, next to the checkout return URL
// (`dodo-simulator run` sets DODO_PAYMENTS_RETURN_URL; with your key, .env.local does).
const returnUrl = process.env.DODO_PAYMENTS_RETURN_URL;
const shopHome = returnUrl && URL.canParse(returnUrl) ? new URL("/", returnUrl).href : undefined;

// GET /api/customer-portal -> 302 to the signed-in customer's Dodo Payments portal. With
// getCustomerId, a ?customer_id= in the URL is ignored; nobody signed in answers 401.
app.get(
  "/api/customer-portal",
  CustomerPortal({
    getCustomerId: (_request, c) => getSignedInCustomerId(c),
    returnUrl: shopHome,
  }),
);

// POST /api/webhook: verifies the signature with DODO_PAYMENTS_WEBHOOK_KEY over the exact body
// (so no middleware may read the body before it), then calls the handlers in order. `app.all`
// lets it answer other methods with 405. Answering 200 tells Dodo the event was handled; a
// handler that throws answers 500 and Dodo retries.
app.all(
  "/api/webhook",
  Webhooks({
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
      console.log(`subscription ${payload.data.subscription_id} was cancelled: revoke access here`);
    },
  }),
);

// Pages.
app.get("/", demoSession, (c) => c.html(<HomePage products={products} />));

app.get("/success", demoSession, (c) =>
  c.html(
    <SuccessPage
      status={c.req.query("status")}
      paymentId={c.req.query("payment_id")}
      subscriptionId={c.req.query("subscription_id")}
    />,
  ),
);

for (const path of ["/favicon.svg", "/favicon.ico"]) {
  app.get(path, (c) => c.body(FAVICON_SVG, 200, FAVICON_HEADERS));
}

app.get("/events", demoSession, (c) => {
  c.header("cache-control", "no-store");
  return c.html(<EventsPage events={listEvents()} />);
});

// This machine only (localhost), unless HOST says otherwise (e.g. HOST=0.0.0.0); `dodo-simulator
// run` sets it from the app URL. PORT defaults to 3000.
const host = process.env.HOST || "localhost";
const port = Number(process.env.PORT ?? 3000);
const server = serve({ fetch: app.fetch, port, hostname: host }, () => {
  console.log(`Hono example listening on http://${host}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
