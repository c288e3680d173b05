// GET /api/checkout?productId=pdt_...&quantity=1 -> { checkout_url } of a static payment link.
// The API key, environment and return URL come from runtimeConfig.private or DODO_PAYMENTS_*
// (see nuxt.config.ts), read on the first request. The handler is created once, here.
export default defineEventHandler(Checkout({ type: "static" }));
