import { type WebhookHandlerConfig, webhookHandler } from "@dodopayments/core";
import type { AuthContext } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { apiError } from "./errors";
import type { DodoPaymentsPart } from "./shared";

export const WEBHOOK_PATH = "/dodopayments/webhooks";

/**
 * The webhook handlers and settings. Each handler gets `(payload, context)`; `context.context` is
 * Better Auth's context, so a handler reaches your database through `context.context.adapter`
 * (or `.internalAdapter`, e.g. `findUserById`).
 */
export type WebhooksOptions = WebhookHandlerConfig<AuthContext>;

/**
 * `POST /dodopayments/webhooks` (`/api/auth/dodopayments/webhooks` under Better Auth's default
 * base path): verifies the Standard Webhooks signature over the exact bytes received, then runs
 * your handlers. 200 once they resolve, 401 for a body that does not verify, 400 for a malformed
 * one, 500 when a handler throws (so Dodo Payments delivers it again).
 */
export function webhooks(options: WebhooksOptions = {}) {
  return {
    id: "webhooks",
    originCheckExempt: [WEBHOOK_PATH],
    endpoints: ({ logger }) => {
      const handle = webhookHandler<AuthContext>({ logger, ...options });
      return {
        dodoWebhooks: createAuthEndpoint(
          WEBHOOK_PATH,
          {
            // Every method reaches the handler, which answers anything but POST with 405 and
            // Allow: POST (Better Auth would otherwise answer 404).
            method: ["POST", "GET", "HEAD", "PUT", "PATCH", "DELETE"],
            // The body stays unread: core reads and verifies the exact bytes.
            disableBody: true,
            // Called by Dodo Payments over HTTP only: not part of `auth.api` or the client.
            metadata: { scope: "http" },
          },
          async (ctx) => {
            if (!ctx.request) throw apiError(400, "INVALID_REQUEST");
            return handle(ctx.request, ctx.context);
          },
        ),
      };
    },
  } satisfies DodoPaymentsPart;
}

/** What `webhooks()` returns: one entry of `use`. */
export type WebhooksPart = ReturnType<typeof webhooks>;
