import type DodoPayments from "dodopayments";
import { type OperationOptions, requireUrl } from "../checkout/operations";
import { upstreamError } from "../client";
import { consoleLogger, DodoHttpError } from "../http";

/** Creates a customer portal session and returns its link. */
export async function createCustomerPortalSession(
  client: DodoPayments,
  customerId: string,
  options: OperationOptions & { sendEmail?: boolean; returnUrl?: string | undefined } = {},
): Promise<{ portal_url: string }> {
  const logger = options.logger ?? consoleLogger;
  try {
    const session = await client.customers.customerPortal.create(customerId, {
      ...(options.sendEmail !== undefined ? { send_email: options.sendEmail } : {}),
      ...(options.returnUrl ? { return_url: options.returnUrl } : {}),
    });
    return { portal_url: requireUrl(session.link, logger) };
  } catch (error) {
    throw upstreamError(
      error,
      logger,
      () =>
        new DodoHttpError(404, "Customer not found", {
          errors: [{ field: "customer_id", message: "no such customer" }],
        }),
    );
  }
}
