import { randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { checkout, dodopayments, portal, webhooks } from "@dodopayments/better-auth";
import { betterAuth } from "better-auth";
import { recordEvent } from "./events";
import { sendEmail } from "./outbox";
import { products } from "./products";

function createAuth() {
  return betterAuth({
    // Where the app runs: BETTER_AUTH_URL in production. `dodo-simulator run` gives the app its
    // PORT, and the app listens on localhost.
    baseURL: process.env.BETTER_AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
    // DEMO ONLY: without BETTER_AUTH_SECRET, a random secret per server start (sessions end on
    // restart). Set BETTER_AUTH_SECRET (`openssl rand -base64 32`) anywhere real.
    secret: process.env.BETTER_AUTH_SECRET ?? randomBytes(32).toString("base64"),
    // DEMO ONLY: an in-memory SQLite database (Node's built-in node:sqlite), gone on restart like
    // the simulator's data. Use a file (`new DatabaseSync("auth.db")`) or your database, and
    // create the tables with `npx @better-auth/cli migrate`.
    database: new DatabaseSync(":memory:"),
    emailAndPassword: { enabled: true },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      // DEMO ONLY: "sent" to /inbox (lib/outbox.ts). Send a real email here.
      sendVerificationEmail: async ({ user, url }) => {
        sendEmail({ to: user.email, subject: "Verify your email address", url });
      },
    },
    plugins: [
      dodopayments({
        // No `client` here: the plugin makes the Dodo Payments client on first use, from
        // DODO_PAYMENTS_API_KEY, DODO_PAYMENTS_ENVIRONMENT and DODO_PAYMENTS_BASE_URL (which
        // `dodo-simulator run` sets), so `next build` needs none of them. Passing
        // `client: new DodoPayments({ bearerToken, environment })` works as well.
        createCustomerOnSignUp: true,
        use: [
          checkout({
            products: products.map((product) => ({
              productId: product.product_id,
              slug: product.slug,
            })),
            successUrl: "/success",
            authenticatedUsersOnly: true,
          }),
          portal({ returnUrl: "/" }),
          webhooks({
            // DODO_PAYMENTS_WEBHOOK_KEY (or DODO_PAYMENTS_WEBHOOK_SECRET) is the signing secret.
            // Every verified event, for the /events page, with the user it is about: the Dodo
            // customer id is kept on the user (`dodoCustomerId`).
            onPayload: async (payload, { webhookId, context }) => {
              const data = payload.data as { customer?: { customer_id?: string } };
              const customerId = data.customer?.customer_id;
              const user = customerId
                ? await context?.adapter.findOne<{ email: string }>({
                    model: "user",
                    where: [{ field: "dodoCustomerId", value: customerId }],
                  })
                : null;
              recordEvent(payload, webhookId, user?.email ?? null);
            },
            // Your business logic goes in the typed handlers. Deduplicate on webhookId:
            // delivery is at least once.
            onSubscriptionActive: async (payload) => {
              console.log(`subscription ${payload.data.subscription_id} is active: grant access`);
            },
            onSubscriptionCancelled: async (payload) => {
              console.log(`subscription ${payload.data.subscription_id} was cancelled: revoke`);
            },
            onPaymentSucceeded: async (payload) => {
              console.log(`payment ${payload.data.payment_id} succeeded: fulfil the order`);
            },
          }),
        ],
      }),
    ],
  });
}

// One instance per process: Next.js can load this module once per route bundle, and the
// in-memory database must be the same for all of them.
const key = Symbol.for("dodopayments.example.auth");
const store = globalThis as typeof globalThis & {
  [key]?: { auth: ReturnType<typeof createAuth>; ready: Promise<void> };
};
store[key] ??= (() => {
  const auth = createAuth();
  // Creates the tables (user, session, account, verification, with the plugin's dodoCustomerId).
  const ready = auth.$context.then((context) => context.runMigrations());
  return { auth, ready };
})();

export const { auth } = store[key];

/** Resolves once the database has its tables: await it before using `auth`. */
export const authReady: Promise<void> = store[key].ready;
