// Stands in for `$env/static/private`: SvelteKit inlines these values at build time.
export const DODO_PAYMENTS_API_KEY = "sk_static_build_time";
export const DODO_PAYMENTS_WEBHOOK_KEY = "whsec_c3RhdGljLWJ1aWxkLXRpbWUta2V5LXN0YXRpYy1idWlsZA==";
export const DODO_PAYMENTS_RETURN_URL = "https://shop.example/checkout/success";
export const DODO_PAYMENTS_ENVIRONMENT = "test_mode";
