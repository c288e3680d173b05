// The declarations as a TypeScript user gets them from the tarballs: a file importing every
// adapter and core's subpaths compiles under `moduleResolution: "bundler"` and `"node16"` (ESM and
// CommonJS). `skipLibCheck` is on, as in most projects (checking astro's and nuxt's own .d.ts
// files costs half a minute and reports their optional dependencies); instead every import is
// checked to be precise: a declaration that failed to resolve would be `any`, which the wrong
// values and calls marked `@ts-expect-error` catch.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { run } from "../src/run";

const context = inject("packaging");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

const ADAPTERS = [
  "astro",
  "bun",
  "express",
  "fastify",
  "hono",
  "nextjs",
  "remix",
  "sveltekit",
  "tanstack",
] as const;
const ident = (name: string) => `dodo_${name}`;

/** The body shared by every variant: uses of what was imported under `ident(name)`. */
function checks(withNuxt: boolean): string {
  // `// @ts-expect-error` over a wrong value of each type: a declaration that did not resolve
  // (an unresolved import is an any-like error type) accepts it, and the unused directive fails.
  const wrong = (name: string, type: string, value = "42") => [
    "// @ts-expect-error: only the right type is accepted",
    `export const ${name}: ${type} = ${value};`,
  ];
  const lines = [
    "export const checkoutType: core.CheckoutType = 'session';",
    ...wrong("wrongType", "core.CheckoutType", "'nope'"),
    "export const events: readonly string[] = core.WEBHOOK_EVENT_TYPES;",
    "export const verify: typeof webhooks.verifyWebhook = core.verifyWebhook;",
    ...wrong("nodeBridge", "typeof internal.runNodeHandler"),
    "export const store: idempotency.IdempotencyStore = core.memoryIdempotencyStore();",
    ...wrong("redisStore", "typeof idempotency.redisIdempotencyStore"),
    ...wrong("simulatorStart", "typeof simulator.startSimulator"),
    "// @ts-expect-error: the port is a number",
    "export const badSimulator = () => simulator.startSimulator({ port: 'x' });",
  ];
  for (const name of ADAPTERS) {
    const id = ident(name);
    lines.push(
      ...wrong(`${id}Checkout`, `ReturnType<typeof ${id}.Checkout>`),
      ...wrong(`${id}Portal`, `ReturnType<typeof ${id}.CustomerPortal>`),
      ...wrong(`${id}Webhooks`, `ReturnType<typeof ${id}.Webhooks>`),
      `export const ${id}Static = ${id}.Checkout({ type: "static" });`,
      `export const ${id}Redis: typeof idempotency.redisIdempotencyStore = ${id}.redisIdempotencyStore;`,
      "// @ts-expect-error: not a checkout type",
      `export const ${id}Wrong = ${id}.Checkout({ type: "nope" });`,
    );
  }
  lines.push(...routeArgsChecks("dodo_remix"), ...routeArgsChecks("dodo_tanstack"));
  lines.push(
    // withMethodNotAllowed keeps the handlers given and adds `ANY`.
    "const tanstackHandlers = dodo_tanstack.withMethodNotAllowed({",
    "  GET: dodo_tanstack.Checkout({ type: 'static' }),",
    "  POST: dodo_tanstack.Checkout({ type: 'session' }),",
    "});",
    "export const tanstackAny: (input: Request) => Promise<Response> = tanstackHandlers.ANY;",
    "export const tanstackGet: dodo_tanstack.TanStackRouteHandler = tanstackHandlers.GET;",
    ...wrong("tanstackWrongAny", "typeof tanstackHandlers.ANY"),
    "// @ts-expect-error: not a method a server route declares",
    "export const tanstackWrongMethod = dodo_tanstack.withMethodNotAllowed({ FETCH: 1 });",
    // SvelteKit: `{ GET, POST }`, `{ GET }` and the POST handler itself, each taking a RequestEvent.
    "type SvelteEvent = { request: Request; locals?: App.Locals; platform?: App.Platform };",
    "export const svelteGet: (event: SvelteEvent) => Promise<Response> =",
    "  dodo_sveltekit.Checkout({ type: 'static' }).GET;",
    "export const sveltePost: (event: SvelteEvent) => Promise<Response> =",
    "  dodo_sveltekit.Checkout({ type: 'session' }).POST;",
    "export const sveltePortal: (event: SvelteEvent) => Promise<Response> =",
    "  dodo_sveltekit.CustomerPortal({}).GET;",
    "export const svelteWebhook: (event: SvelteEvent) => Promise<Response> =",
    "  dodo_sveltekit.Webhooks({ webhookKey: 'whsec_x' });",
    "export const sveltePortalEvent = dodo_sveltekit.CustomerPortal({",
    "  getCustomerId: (_request, event) => event?.request.headers.get('x-customer'),",
    "});",
    "export const svelteWrongEvent = dodo_sveltekit.CustomerPortal({",
    "  // @ts-expect-error: a RequestEvent has no such field",
    "  getCustomerId: (_request, event) => event?.customerId,",
    "});",
    "// @ts-expect-error: the portal has no POST",
    "export const svelteWrongPortal = dodo_sveltekit.CustomerPortal({}).POST;",
    "// @ts-expect-error: Webhooks is the POST handler itself",
    "export const svelteWrongWebhook = dodo_sveltekit.Webhooks({}).POST;",
    "// @ts-expect-error: a handler takes the RequestEvent, not the bare Request",
    "export const svelteBare = (request: Request) => dodo_sveltekit.Webhooks({})(request);",
    ...wrong("sveltePlatformEnv", "typeof dodo_sveltekit.platformEnv"),
    // Bun: `(request, server?) => Promise<Response>`, typed without Bun's types (this project
    // has none); the second argument is the hooks' context, typed by the type argument.
    "export const bunRoute: (request: Request, server?: unknown) => Promise<Response> =",
    "  dodo_bun.Checkout({ type: 'session' });",
    "export const bunNamed: dodo_bun.BunRouteHandler = dodo_bun.Webhooks({ webhookKey: 'whsec_x' });",
    ...wrong("bunHandler", "dodo_bun.BunRouteHandler"),
    "type BunServerLike = { requestIP(request: Request): { address: string } | null };",
    "export const bunTyped = dodo_bun.CustomerPortal<BunServerLike>({",
    "  getCustomerId: (request, server) => server?.requestIP(request)?.address,",
    "});",
    "export const bunWrongServer = dodo_bun.CustomerPortal<BunServerLike>({",
    "  // @ts-expect-error: the server type has no such method",
    "  getCustomerId: (request, server) => server?.upgrade(request),",
    "});",
    "// @ts-expect-error: the server, when given, is the type argument",
    "export const bunWrongCall = (request: Request) => bunTyped(request, { port: 3000 });",
  );
  lines.push(
    // Convex: the client class on the component's generated type, the webhook HTTP action with
    // handlers taking `(ctx, payload)`, the component definition and the convex-test helper.
    "declare const dodoComponent: DodoComponentApi<'dodopayments'>;",
    "export const convexDodo = new dodo_convex.DodoPayments(dodoComponent, {",
    "  identify: async (ctx) => ((await ctx.auth.getUserIdentity()) ? { dodoCustomerId: 'cus_1' } : null),",
    "});",
    "export const convexApi: dodo_convex.DodoPaymentsApi = convexDodo.api();",
    "export const convexCheckout = (ctx: dodo_convex.DodoActionCtx) =>",
    "  convexApi.checkout(ctx, { payload: { product_cart: [{ product_id: 'pdt_1', quantity: 1 }] } });",
    "// @ts-expect-error: identify is required",
    "export const convexNoIdentify = new dodo_convex.DodoPayments(dodoComponent, {});",
    "export const convexWebhook = dodo_convex.createDodoWebhookHandler({",
    "  onPaymentSucceeded: async (ctx, payload) => {",
    "    const id: string = payload.data.payment_id;",
    "    void ctx.runMutation;",
    "    void id;",
    "  },",
    "});",
    "export const convexWrongOrder = dodo_convex.createDodoWebhookHandler({",
    "  // @ts-expect-error: handlers take the action context first, then the payload",
    "  onPaymentSucceeded: async (payload: { data: { payment_id: string } }) => void payload,",
    "});",
    ...wrong("convexConfig", "typeof dodo_convex_config"),
    ...wrong("convexRegister", "typeof dodo_convex_test.register"),
    ...wrong("convexComponentRef", "DodoComponentApi['lib']['checkout']"),
  );
  if (withNuxt) {
    lines.push(
      ...wrong("nuxtModule", "typeof dodo_nuxt_module"),
      ...wrong("nuxtHandler", "ReturnType<typeof dodo_nuxt.checkoutHandler>"),
      ...wrong("nuxtEvent", "Parameters<ReturnType<typeof dodo_nuxt.Webhooks>>[0]"),
      "// @ts-expect-error: not a checkout type",
      "export const nuxtWrong = dodo_nuxt.checkoutHandler({ type: 'nope' });",
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Remix/React Router and TanStack Start: one handler that takes a `Request` (plus an optional
 * context) or the route args `{ request, context }`, whose `context` reaches the hooks typed.
 */
function routeArgsChecks(id: string): string[] {
  return [
    `export const ${id}Loader: (args: { request: Request; context?: unknown }) => Promise<Response> =`,
    `  ${id}.Checkout({ type: "static" });`,
    `export const ${id}Documented = ({ request }: { request: Request }): Promise<Response> =>`,
    `  ${id}.Webhooks({ webhookKey: "whsec_x" })(request);`,
    `export const ${id}WithContext = (request: Request) => ${id}.CustomerPortal({})(request, {});`,
    `export const ${id}Typed = ${id}.CustomerPortal<{ customerId: string }>({`,
    "  getCustomerId: (_request, context) => context?.customerId,",
    "});",
    `export const ${id}TypedArgs = (request: Request) =>`,
    `  ${id}Typed({ request, context: { customerId: "cus_1" } });`,
    `export const ${id}WrongContext = ${id}.CustomerPortal<{ customerId: string }>({`,
    "  // @ts-expect-error: the context type has no such field",
    "  getCustomerId: (_request, context) => context?.userId,",
    "});",
    "// @ts-expect-error: a URL is neither a Request nor route args",
    `export const ${id}WrongInput = () => ${id}.Checkout({ type: "static" })("http://x/");`,
  ];
}

/**
 * Better Auth: the plugin and its parts from the root entry, the client plugin from `/client`
 * (and the root), typed. `withClient` adds Better Auth's own client, which is ESM only.
 */
function betterAuthChecks(withClient: boolean): string[] {
  const wrong = (name: string, type: string) => [
    "// @ts-expect-error: only the right type is accepted",
    `export const ${name}: ${type} = 42;`,
  ];
  const lines = [
    "export const baPlugin = dodo_better_auth.dodopayments({",
    "  use: [",
    "    dodo_better_auth.checkout({ products: [{ productId: 'pdt_1', slug: 'pro' }], successUrl: '/ok' }),",
    "    dodo_better_auth.portal({ requireEmailVerification: true }),",
    "    dodo_better_auth.webhooks({",
    "      webhookKey: 'whsec_x',",
    "      onPaymentSucceeded: async (payload) => { const id: string = payload.data.payment_id; void id; },",
    "    }),",
    "  ],",
    "});",
    "export const baPluginId: 'dodopayments' = baPlugin.id;",
    "export const baClientId: 'dodopayments-client' = dodo_better_auth_client.dodopaymentsClient().id;",
    "export const baRootClient: typeof dodo_better_auth_client.dodopaymentsClient =",
    "  dodo_better_auth.dodopaymentsClient;",
    ...wrong("baEndpoint", "typeof baPlugin.endpoints.dodoCheckoutSession"),
    "// @ts-expect-error: a product needs its productId",
    "export const baWrongProduct = dodo_better_auth.checkout({ products: [{ slug: 'pro' }] });",
  ];
  if (withClient) {
    lines.push(
      "export const baAuthClient = createAuthClient({",
      "  plugins: [dodo_better_auth_client.dodopaymentsClient()],",
      "});",
      "export const baSession = () => baAuthClient.dodopayments.checkoutSession({ slug: 'pro' });",
      "export const baPayments = () =>",
      "  baAuthClient.dodopayments.customer.payments.list({ query: { status: 'succeeded' } });",
      "export const baWrongStatus = () =>",
      "  // @ts-expect-error: statuses are the API's",
      "  baAuthClient.dodopayments.customer.payments.list({ query: { status: 'sideways' } });",
    );
  }
  return lines;
}

function esmSource(): string {
  return [
    'import * as core from "@dodopayments/core";',
    'import * as webhooks from "@dodopayments/core/webhooks";',
    'import * as internal from "@dodopayments/core/internal";',
    'import * as idempotency from "@dodopayments/core/idempotency";',
    'import * as simulator from "@dodopayments/simulator";',
    ...ADAPTERS.map((name) => `import * as ${ident(name)} from "@dodopayments/${name}";`),
    'import * as dodo_convex from "@dodopayments/convex";',
    'import dodo_convex_config from "@dodopayments/convex/convex.config";',
    'import * as dodo_convex_test from "@dodopayments/convex/test";',
    'import type { ComponentApi as DodoComponentApi } from "@dodopayments/convex/_generated/component.js";',
    'import dodo_nuxt_module from "@dodopayments/nuxt";',
    'import * as dodo_nuxt from "@dodopayments/nuxt/server";',
    'import * as dodo_better_auth from "@dodopayments/better-auth";',
    'import * as dodo_better_auth_client from "@dodopayments/better-auth/client";',
    'import { createAuthClient } from "better-auth/client";',
    checks(true),
    ...betterAuthChecks(true),
  ].join("\n");
}

function cjsSource(): string {
  // `import x = require(...)`: resolved through the `require` condition, i.e. the .d.cts files.
  // The Nuxt module is ESM only, like Nuxt, so it is not in the CommonJS file.
  return [
    'import core = require("@dodopayments/core");',
    'import webhooks = require("@dodopayments/core/webhooks");',
    'import internal = require("@dodopayments/core/internal");',
    'import idempotency = require("@dodopayments/core/idempotency");',
    'import simulator = require("@dodopayments/simulator");',
    ...ADAPTERS.map((name) => `import ${ident(name)} = require("@dodopayments/${name}");`),
    'import dodo_convex = require("@dodopayments/convex");',
    'import dodo_convex_config_module = require("@dodopayments/convex/convex.config");',
    "const dodo_convex_config = dodo_convex_config_module.default;",
    'import dodo_convex_test = require("@dodopayments/convex/test");',
    'import type { ComponentApi as DodoComponentApi } from "@dodopayments/convex/_generated/component.js";',
    'import dodo_better_auth = require("@dodopayments/better-auth");',
    'import dodo_better_auth_client = require("@dodopayments/better-auth/client");',
    checks(false),
    ...betterAuthChecks(false),
  ].join("\n");
}

const compilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: "ES2022",
  lib: ["ES2023", "DOM", "DOM.Iterable"],
  types: ["node"],
};

function writeProject(dir: string, tsconfig: object, files: Record<string, string>) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

async function typecheck(dir: string): Promise<void> {
  const result = await run(process.execPath, [tsc, "-p", dir], {
    cwd: context.projectDir,
    timeoutMs: 180_000,
  });
  expect(result.output.trim()).toBe("");
  expect(result.code).toBe(0);
}

describe("types from the tarballs", () => {
  it("resolve under moduleResolution bundler", async () => {
    const dir = join(context.projectDir, "types-bundler");
    writeProject(
      dir,
      {
        compilerOptions: { ...compilerOptions, module: "ESNext", moduleResolution: "bundler" },
        include: ["*.ts"],
      },
      { "index.ts": esmSource() },
    );
    await typecheck(dir);
  });

  it("resolve under moduleResolution node16, from ESM and from CommonJS", async () => {
    const dir = join(context.projectDir, "types-node16");
    writeProject(
      dir,
      {
        compilerOptions: { ...compilerOptions, module: "node16", moduleResolution: "node16" },
        include: ["*.mts", "*.cts"],
      },
      { "esm.mts": esmSource(), "cjs.cts": cjsSource() },
    );
    await typecheck(dir);
  });
});
