// The README's snippets, compiled by check-types and run here against the simulator: the server
// setup (with the SDK client pointed at the simulator instead of `environment`) and every client
// call as the README writes it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DatabaseSync } from "node:sqlite";
import { type Simulator, startSimulator } from "@dodopayments/simulator";
import { betterAuth } from "better-auth";
import { createAuthClient } from "better-auth/client";
import { toNodeHandler } from "better-auth/node";
import DodoPayments from "dodopayments";
import { afterAll, beforeAll, expect, it } from "vitest";
import { dodopaymentsClient } from "../src/client";
import {
  checkout,
  dodopayments,
  dodopaymentsClient as fromRoot,
  portal,
  webhooks,
} from "../src/index";

let sim: Simulator;
let url: string;
const server = createServer();
const received: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, retryDelaysMs: [100] });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // src/lib/auth.ts, as the README writes it.
  const dodoPayments = new DodoPayments({
    bearerToken: sim.apiKey,
    baseURL: sim.url, // the README: `environment: "test_mode"` for the real test mode
  });

  const auth = betterAuth({
    baseURL: url,
    secret: "docs-test-secret-of-at-least-32-characters",
    database: new DatabaseSync(":memory:"),
    emailAndPassword: { enabled: true },
    plugins: [
      dodopayments({
        client: dodoPayments,
        createCustomerOnSignUp: true,
        use: [
          checkout({
            products: [
              {
                productId: "pdt_demo_subscription",
                slug: "premium-plan",
              },
            ],
            successUrl: "/dashboard/success",
            authenticatedUsersOnly: true,
          }),
          portal(),
          webhooks({
            webhookKey: sim.webhookKey,
            onPayload: async (payload) => {
              received.push(payload.type);
            },
          }),
        ],
      }),
    ],
  });
  await (await auth.$context).runMigrations();
  server.on("request", toNodeHandler(auth));
  sim.setWebhookUrl(`${url}/api/auth/dodopayments/webhooks`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sim?.close();
});

it("the documented client calls work as written", async () => {
  let cookie = "";
  const authClient = createAuthClient({
    baseURL: url,
    plugins: [dodopaymentsClient()],
    fetchOptions: {
      headers: { origin: url },
      onRequest: (context) => {
        if (cookie) context.headers.set("cookie", cookie);
      },
      onResponse: (context) => {
        const set = context.response.headers.getSetCookie();
        if (set.length) cookie = set.map((line) => line.split(";")[0]).join("; ");
      },
    },
  });
  expect(fromRoot().id).toBe(dodopaymentsClient().id);
  const signedUp = await authClient.signUp.email({
    email: "reader@example.com",
    password: "correct horse battery staple",
    name: "Reader",
  });
  expect(signedUp.error).toBeNull();

  const { data: session, error } = await authClient.dodopayments.checkoutSession({
    slug: "premium-plan",
    referenceId: "order_123",
  });
  expect(error).toBeNull();
  expect(session?.url).toMatch(/\/session\/cks_/);

  const { data: checkoutLink } = await authClient.dodopayments.checkout({
    slug: "premium-plan",
    customer: { email: "customer@example.com", name: "John Doe" },
    billing: {
      city: "San Francisco",
      country: "US",
      state: "CA",
      street: "123 Market St",
      zipcode: "94103",
    },
    referenceId: "order_123",
  });
  expect(checkoutLink?.url).toMatch(/\/pay\/pay_/);

  // The portal and lists need a verified email: without one, the documented 403.
  const { data: customerPortal, error: portalError } =
    await authClient.dodopayments.customer.portal();
  expect(customerPortal).toBeNull();
  expect(portalError?.code).toBe("EMAIL_NOT_VERIFIED");
  const { error: listError } = await authClient.dodopayments.customer.subscriptions.list({
    query: { limit: 10, page: 1, status: "active" },
  });
  expect(listError?.status).toBe(403);
  const { error: paymentsError } = await authClient.dodopayments.customer.payments.list({
    query: { limit: 10, page: 1, status: "succeeded" },
  });
  expect(paymentsError?.status).toBe(403);

  const delivery = await sim.trigger("payment.succeeded");
  expect(delivery.attempts.at(-1)?.status).toBe(200);
  expect(received).toContain("payment.succeeded");
});
