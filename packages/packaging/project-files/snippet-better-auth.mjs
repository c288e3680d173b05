// @dodopayments/better-auth README, "Server": the documented setup (the SDK client made without
// `environment`, so it takes the simulator's DODO_PAYMENTS_BASE_URL), on Better Auth's Node
// handler with Node.js's built-in SQLite in memory.
import { createServer } from "node:http";
import { DatabaseSync } from "node:sqlite";
import { checkout, dodopayments, portal, webhooks } from "@dodopayments/better-auth";
import { betterAuth } from "better-auth";
import { toNodeHandler } from "better-auth/node";
import DodoPayments from "dodopayments";
import { announce } from "./listen.mjs";

const dodoPayments = new DodoPayments({ bearerToken: process.env.DODO_PAYMENTS_API_KEY });

const server = createServer();
server.listen(0, "127.0.0.1", async () => {
  const { port } = server.address();
  const auth = betterAuth({
    baseURL: `http://127.0.0.1:${port}`,
    secret: "packaging-check-secret-of-32-characters",
    database: new DatabaseSync(":memory:"),
    emailAndPassword: { enabled: true },
    plugins: [
      dodopayments({
        client: dodoPayments,
        createCustomerOnSignUp: true,
        use: [
          checkout({
            products: [{ productId: "pdt_demo_subscription", slug: "premium-plan" }],
            successUrl: "/dashboard/success",
            authenticatedUsersOnly: true,
          }),
          portal(),
          webhooks({
            webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
            onPayload: async (payload) => {
              console.log(`webhook ${payload.type}`);
            },
          }),
        ],
      }),
    ],
  });
  await (await auth.$context).runMigrations();
  server.on("request", toNodeHandler(auth));
  announce(port);
});
