import { Checkout, CustomerPortal, DodoHttpError, Webhooks } from "@dodopayments/express";
import express from "express";
import { demoSession, getSignedInCustomerId } from "./demo-session.js";
import { listEvents, recordEvent } from "./events.js";
import { FAVICON_HEADERS, FAVICON_SVG } from "./favicon.js";
import { eventsPage, homePage, successPage } from "./pages.js";
import { products } from "./products.js";

const app = express();

// The webhook route comes BEFORE express.json(), so the handler verifies the exact bytes Dodo
// signed. It reads DODO_PAYMENTS_WEBHOOK_KEY on the first request; `app.all` lets it answer
// other methods with 405. Answering 200 tells Dodo the event was handled; a handler that throws
// answers 500 and Dodo retries.
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

// Then the app's usual middleware.
app.use(express.json());

// GET /api/checkout?productId=pdt_...&quantity=1 -> { checkout_url } of a static payment link.
// The API key, environment and return URL come from DODO_PAYMENTS_* (read on the first request).
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
    beforeCheckout: (payload, { context: req }) => {
      const customerId = getSignedInCustomerId(req);
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
    getCustomerId: (_request, req) => getSignedInCustomerId(req),
    returnUrl: shopHome,
  }),
);

// Pages.
app.get("/", demoSession, (_req, res) => {
  res.type("html").send(homePage(products));
});

app.get("/success", demoSession, (req, res) => {
  const one = (value: unknown) => (typeof value === "string" ? value : undefined);
  res.type("html").send(
    successPage({
      status: one(req.query.status),
      payment_id: one(req.query.payment_id),
      subscription_id: one(req.query.subscription_id),
    }),
  );
});

app.get(["/favicon.svg", "/favicon.ico"], (_req, res) => {
  res.set(FAVICON_HEADERS).send(FAVICON_SVG);
});

app.get("/events", demoSession, (_req, res) => {
  res.set("cache-control", "no-store").type("html").send(eventsPage(listEvents()));
});

// This machine only (localhost), unless HOST says otherwise (e.g. HOST=0.0.0.0); `dodo-simulator
// run` sets it from the app URL. PORT defaults to 3000.
const host = process.env.HOST || "localhost";
const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, host, (error?: Error) => {
  if (error) throw error;
  console.log(`Express example listening on http://${host}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
