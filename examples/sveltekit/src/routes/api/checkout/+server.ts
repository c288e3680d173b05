import { Checkout } from "@dodopayments/sveltekit";
import * as env from "$app/env/private";

// GET /api/checkout?productId=pdt_...&quantity=1 -> { checkout_url } of a static payment link.
// The API key, environment and return URL are DODO_PAYMENTS_* from the server's environment
// (`$app/env/private`, declared in src/env.ts), read on the first request. Do not import them from
// `$env/static/private`: SvelteKit writes those values into the build.
export const GET = Checkout({ type: "static", env }).GET;
