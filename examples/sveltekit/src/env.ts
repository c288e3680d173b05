import { defineEnvVars } from "@sveltejs/kit/env";

// The server's settings, read when it starts (none is `static`, so nothing is written into the
// build) and imported from `$app/env/private` by the routes. `dodo-simulator run` provides them
// (or your .env.local / platform settings with a real key). Each may be unset.
const optional = (value: string | undefined) => value;

export const variables = defineEnvVars({
  DODO_PAYMENTS_API_KEY: { schema: optional, description: "Dodo Payments API key" },
  DODO_PAYMENTS_WEBHOOK_KEY: {
    schema: optional,
    description: "Webhook signing secret (whsec_...)",
  },
  DODO_PAYMENTS_ENVIRONMENT: { schema: optional, description: "test_mode or live_mode" },
  DODO_PAYMENTS_RETURN_URL: { schema: optional, description: "Where customers land after paying" },
  DODO_PAYMENTS_BASE_URL: { schema: optional, description: "API base URL (the simulator's)" },
  DEMO_CUSTOMER_ID: { schema: optional, description: "DEMO ONLY: the signed-in customer" },
});
