import { dodopaymentsClient } from "@dodopayments/better-auth/client";
import { createAuthClient } from "better-auth/react";

// The browser's Better Auth client, with the Dodo Payments methods under `authClient.dodopayments`.
// `./client` carries only the client plugin: no Dodo Payments SDK or server code in the bundle.
// No baseURL: the auth routes are on this app's own origin (/api/auth).
export const authClient = createAuthClient({
  plugins: [dodopaymentsClient()],
});
