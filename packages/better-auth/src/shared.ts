import type { Logger } from "@dodopayments/core";
import type { Endpoint } from "better-auth";
import type DodoPayments from "dodopayments";

/** What `dodopayments()` hands to each part in `use`. */
export interface DodoPaymentsShared {
  /**
   * The Dodo Payments SDK client: yours (the `client` option), or one made on first use from the
   * settings. Throws core's 500 "Server misconfigured" (logged) when there is no API key.
   */
  client(): DodoPayments;
  /** Better Auth's logger once Better Auth has started, the console before. */
  readonly logger: Logger;
}

/** One entry of `use`: `checkout(...)`, `portal()` or `webhooks(...)`. */
export interface DodoPaymentsPart<E extends Record<string, Endpoint> = Record<string, Endpoint>> {
  readonly id: string;
  endpoints(shared: DodoPaymentsShared): E;
  /** Endpoint paths that Better Auth's origin check must let through (server-to-server calls). */
  readonly originCheckExempt?: readonly string[];
}
