// The `code` of every error the plugin's endpoints answer with (`{ code, message }`, Better Auth's
// error body), so a client can branch on `error.code`. No imports: the client entry uses it too.

export const DODO_PAYMENTS_ERROR_CODES = {
  EMAIL_NOT_VERIFIED: {
    code: "EMAIL_NOT_VERIFIED",
    message: "Verify your email address before opening billing",
  },
  UNKNOWN_PRODUCT: { code: "UNKNOWN_PRODUCT", message: "Unknown product" },
  INVALID_REQUEST: { code: "INVALID_REQUEST", message: "Invalid request" },
  CUSTOMER_NOT_FOUND: { code: "CUSTOMER_NOT_FOUND", message: "Customer not found" },
  SERVER_MISCONFIGURED: { code: "SERVER_MISCONFIGURED", message: "Server misconfigured" },
  THE_PAYMENT_PROVIDER_REJECTED_THE_REQUEST: {
    code: "THE_PAYMENT_PROVIDER_REJECTED_THE_REQUEST",
    message: "The payment provider rejected the request",
  },
  PAYMENT_PROVIDER_ERROR: { code: "PAYMENT_PROVIDER_ERROR", message: "Payment provider error" },
  PAYMENT_PROVIDER_UNAVAILABLE: {
    code: "PAYMENT_PROVIDER_UNAVAILABLE",
    message: "Payment provider unavailable",
  },
  PAYMENT_PROVIDER_TIMED_OUT: {
    code: "PAYMENT_PROVIDER_TIMED_OUT",
    message: "Payment provider timed out",
  },
  PAYMENT_PROVIDER_BUSY_RETRY_LATER: {
    code: "PAYMENT_PROVIDER_BUSY_RETRY_LATER",
    message: "Payment provider busy, retry later",
  },
} as const;

export type DodoPaymentsErrorCode = keyof typeof DODO_PAYMENTS_ERROR_CODES;
