// What a SvelteKit app's generated types declare for the modules the README imports, and the
// `App.Locals` its `src/app.d.ts` would declare.
declare module "$env/static/private" {
  export const DODO_PAYMENTS_API_KEY: string;
  export const DODO_PAYMENTS_WEBHOOK_KEY: string;
  export const DODO_PAYMENTS_RETURN_URL: string;
  export const DODO_PAYMENTS_ENVIRONMENT: string;
}

declare module "$env/dynamic/private" {
  export const env: { [key: `PUBLIC_${string}`]: undefined; [key: string]: string | undefined };
}

declare module "$app/env/private" {
  export const DODO_PAYMENTS_API_KEY: string | undefined;
  export const DODO_PAYMENTS_WEBHOOK_KEY: string | undefined;
  export const DODO_PAYMENTS_ENVIRONMENT: string | undefined;
  export const DODO_PAYMENTS_RETURN_URL: string | undefined;
  export const DODO_PAYMENTS_BASE_URL: string | undefined;
}

declare namespace App {
  interface Locals {
    user?: { dodoCustomerId: string };
  }
}
