import { addServerImports, createResolver, defineNuxtModule } from "@nuxt/kit";
import type { NuxtModule } from "@nuxt/schema";

// biome-ignore lint/complexity/noBannedTypes: Nuxt modules declare their (here empty) options type.
export type ModuleOptions = {};

/**
 * Auto-imported into server code (`server/**`): the handlers under both names, the error, and the
 * stores of the webhook `idempotency` option.
 */
const SERVER_IMPORTS = [
  "Checkout",
  "CustomerPortal",
  "Webhooks",
  "checkoutHandler",
  "customerPortalHandler",
  "DodoHttpError",
  "memoryIdempotencyStore",
  "redisIdempotencyStore",
] as const;

/** `runtimeConfig.private` keys, declared so that `NUXT_PRIVATE_*` env vars override them at run time. */
const RUNTIME_CONFIG_KEYS = ["bearerToken", "webhookKey", "environment", "returnUrl", "baseURL"];

const module: NuxtModule<ModuleOptions> = defineNuxtModule<ModuleOptions>({
  meta: {
    name: "@dodopayments/nuxt",
    configKey: "dodopayments",
    compatibility: { nuxt: "^4.0.0" },
  },
  setup(_options, nuxt) {
    const resolver = createResolver(import.meta.url);
    const runtimeDir = resolver.resolve("./runtime");
    // The runtime imports `#imports`, so Nitro must bundle it rather than load it from node_modules.
    nuxt.options.build.transpile.push(runtimeDir);

    // Nitro only applies NUXT_* overrides to keys present at build time, and drops undefined ones.
    const runtimeConfig = nuxt.options.runtimeConfig as Record<string, unknown>;
    const existing = runtimeConfig.private;
    const privateConfig: Record<string, unknown> =
      existing && typeof existing === "object" ? (existing as Record<string, unknown>) : {};
    for (const key of RUNTIME_CONFIG_KEYS) privateConfig[key] ??= "";
    runtimeConfig.private = privateConfig;

    const from = resolver.resolve("./runtime/server/index");
    addServerImports(SERVER_IMPORTS.map((name) => ({ name, from })));
  },
});

export default module;

export type * from "./runtime/server/types";
