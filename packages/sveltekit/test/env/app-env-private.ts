// Stands in for SvelteKit 3's `$app/env/private` with the README's src/env.ts: one export per
// declared variable, read when the server starts.
export const DODO_PAYMENTS_API_KEY: string | undefined = undefined;
export const DODO_PAYMENTS_WEBHOOK_KEY: string | undefined = undefined;
export const DODO_PAYMENTS_ENVIRONMENT: string | undefined = "test_mode";
export const DODO_PAYMENTS_RETURN_URL: string | undefined = undefined;
export const DODO_PAYMENTS_BASE_URL: string | undefined = undefined;
