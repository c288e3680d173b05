// The Dodo Payments module auto-imports Checkout, CustomerPortal, Webhooks and
// DodoHttpError into server/. See server/api/.
export default defineNuxtConfig({
  modules: ["@dodopayments/nuxt"],
  compatibilityDate: "2025-07-15",
  devtools: { enabled: false },
  telemetry: false,
  css: ["~/assets/main.css"],
  app: {
    head: {
      htmlAttrs: { lang: "en" },
      link: [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }],
      titleTemplate: "%s · Dodo Payments · Nuxt example",
    },
  },
  // New webhook events must show up: never cache the events page or its data.
  routeRules: {
    "/events": { headers: { "cache-control": "no-store" } },
    "/api/events": { headers: { "cache-control": "no-store" } },
  },
  runtimeConfig: {
    // Server-only settings of @dodopayments/nuxt. Left empty here on purpose: a value written in
    // this file (process.env.X included) is fixed when you build. They are set when the server
    // starts, by NUXT_PRIVATE_BEARER_TOKEN, NUXT_PRIVATE_WEBHOOK_KEY, NUXT_PRIVATE_ENVIRONMENT,
    // NUXT_PRIVATE_RETURN_URL and NUXT_PRIVATE_BASE_URL; whatever is still empty then comes from
    // DODO_PAYMENTS_* (what `dodo-simulator run` and .env.example set).
    private: {
      bearerToken: "",
      webhookKey: "",
      environment: "",
      returnUrl: "",
      baseURL: "",
    },
  },
});
