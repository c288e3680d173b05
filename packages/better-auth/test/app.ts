// A real Better Auth app for the tests: Better Auth 1.7 on Node's built-in SQLite (in memory),
// email and password sign-up, this plugin, served by node:http through `toNodeHandler` on
// 127.0.0.1, with a real Dodo Payments SDK client pointed at a local simulator.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DatabaseSync } from "node:sqlite";
import type { Simulator } from "@dodopayments/simulator";
import { type BetterAuthOptions, betterAuth } from "better-auth";
import { createAuthClient } from "better-auth/client";
import { toNodeHandler } from "better-auth/node";
import DodoPayments from "dodopayments";
import { dodopaymentsClient } from "../src/client";
import {
  type CheckoutOptions,
  checkout,
  dodopayments,
  type PortalOptions,
  portal,
  type WebhooksOptions,
  webhooks,
} from "../src/index";

export const PRODUCTS = [
  { productId: "pdt_demo_subscription", slug: "pro" },
  { productId: "pdt_demo_onetime", slug: "ebook" },
];

export interface AppOptions {
  createCustomerOnSignUp?: boolean;
  checkout?: CheckoutOptions;
  portal?: PortalOptions;
  webhooks?: WebhooksOptions;
  /** SDK client options on top of the simulator's. */
  client?: Partial<ConstructorParameters<typeof DodoPayments>[0]>;
  /** Instead of an SDK client: these settings, for the client the plugin makes itself. */
  settings?: { bearerToken?: string; baseURL?: string; environment?: string };
  auth?: Partial<BetterAuthOptions>;
}

/** Every line Better Auth's logger printed, as "level: message". */
export type LogLines = string[];

function build(url: string, sim: Simulator, options: AppOptions, logs: LogLines) {
  const client = new DodoPayments({
    bearerToken: sim.apiKey,
    baseURL: sim.url,
    maxRetries: 0,
    timeout: 3_000,
    logLevel: "off",
    ...options.client,
  });
  return betterAuth({
    baseURL: url,
    secret: "test-secret-of-at-least-32-characters-long",
    database: new DatabaseSync(":memory:"),
    emailAndPassword: { enabled: true },
    // Better Auth turns its origin check off under test runners; these tests keep it on.
    advanced: { disableOriginCheck: false },
    telemetry: { enabled: false },
    logger: {
      log: (level, message, ...args) => {
        logs.push(`${level}: ${message}${args.length ? ` ${args.map(String).join(" ")}` : ""}`);
      },
    },
    plugins: [
      dodopayments({
        ...(options.settings
          ? { ...options.settings, timeoutMs: 3_000, maxRetries: 0 }
          : { client }),
        createCustomerOnSignUp: options.createCustomerOnSignUp ?? true,
        use: [
          checkout({
            products: PRODUCTS,
            successUrl: "/success",
            authenticatedUsersOnly: true,
            ...options.checkout,
          }),
          portal(options.portal),
          webhooks({ webhookKey: sim.webhookKey, ...options.webhooks }),
        ],
      }),
    ],
    ...options.auth,
  });
}

export type TestAuth = ReturnType<typeof build>;

export interface App {
  url: string;
  auth: TestAuth;
  logs: LogLines;
  close(): Promise<void>;
}

/** Starts the app on a free loopback port, with its database migrated. */
export async function startApp(sim: Simulator, options: AppOptions = {}): Promise<App> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logs: LogLines = [];
  const auth = build(url, sim, options, logs);
  await (await auth.$context).runMigrations();
  server.on("request", toNodeHandler(auth));
  return {
    url,
    auth,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A browser-like Better Auth client with this plugin's client part: it keeps the session cookie
 * between calls and sends the app's Origin, as a browser on the app's page does.
 */
export function browserClient(app: Pick<App, "url">, cookies = new Map<string, string>()) {
  const customFetchImpl: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("origin", app.url);
    if (cookies.size) {
      headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    }
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return response;
  };
  return createAuthClient({
    baseURL: app.url,
    plugins: [dodopaymentsClient()],
    fetchOptions: { customFetchImpl },
  });
}

export type BrowserClient = ReturnType<typeof browserClient>;

let users = 0;

/** Signs a fresh user up through the client; `verified` marks the email verified in the database. */
export async function signUp(
  app: App,
  options: { email?: string; name?: string; verified?: boolean } = {},
) {
  const cookies = new Map<string, string>();
  const client = browserClient(app, cookies);
  users += 1;
  const email = options.email ?? `user${users}-${Date.now()}@example.com`;
  const { data, error } = await client.signUp.email({
    email,
    password: "correct horse battery staple",
    name: options.name ?? `User ${users}`,
  });
  if (error || !data) throw new Error(`sign-up failed: ${JSON.stringify(error)}`);
  if (options.verified) await verifyEmail(app, data.user.id);
  /** The session cookie, for server-side `auth.api` calls made as this user. */
  const cookie = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  return { client, user: data.user, email, cookie };
}

export async function verifyEmail(app: App, userId: string): Promise<void> {
  const ctx = await app.auth.$context;
  await ctx.internalAdapter.updateUser(userId, { emailVerified: true });
}

/** The user's row as stored, with the plugin's field. */
export async function storedUser(app: App, userId: string) {
  const ctx = await app.auth.$context;
  return (await ctx.internalAdapter.findUserById(userId)) as
    | (Record<string, unknown> & { dodoCustomerId?: string | null; email: string })
    | null;
}

/** Pays a checkout on the simulator's hosted page, as its Pay button does; returns the redirect. */
export async function payOnHostedPage(
  sim: Simulator,
  checkoutUrl: string,
  fields: Record<string, string> = {},
): Promise<URL> {
  const page = await fetch(checkoutUrl);
  const html = await page.text();
  const action = /action="(\/checkout\/[^"]+\/pay)"/.exec(html)?.[1];
  if (!action) throw new Error(`no checkout form on ${checkoutUrl}`);
  const paid = await fetch(`${sim.url}${action}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const location = paid.headers.get("location");
  if (paid.status !== 303 || !location) throw new Error(`paying answered ${paid.status}`);
  return new URL(location);
}
