import { DodoHttpError, type Logger, upstreamError } from "@dodopayments/core";
import type { AuthContext, User } from "better-auth";
import type DodoPayments from "dodopayments";

/** The user field that keeps the user's Dodo Payments customer id (see `schema`). */
export const CUSTOMER_ID_FIELD = "dodoCustomerId";

/** A user row as this plugin reads it: Better Auth's user plus the stored customer id. */
export type UserWithCustomer = User & { dodoCustomerId?: string | null };

/** Per-call SDK options, e.g. a short timeout at sign-up. */
type RequestOptions = Parameters<DodoPayments["customers"]["list"]>[1];

const customerNotFound = () => new DodoHttpError(404, "Customer not found");

/**
 * The id of the Dodo Payments customer with exactly this email, if there is one. The email is
 * compared here as well, so a list filter that matched loosely can never link someone else.
 */
export async function findCustomerId(
  client: DodoPayments,
  email: string,
  logger: Logger,
  options?: RequestOptions,
): Promise<string | undefined> {
  try {
    const page = await client.customers.list({ email, page_size: 10 }, options);
    const wanted = email.trim().toLowerCase();
    return page.items.find((customer) => customer.email.trim().toLowerCase() === wanted)
      ?.customer_id;
  } catch (error) {
    throw upstreamError(error, logger, customerNotFound);
  }
}

/** Finds the customer by the user's email, or creates one with the user's email and name. */
export async function findOrCreateCustomerId(
  client: DodoPayments,
  user: Pick<User, "email" | "name">,
  logger: Logger,
  options?: RequestOptions,
): Promise<string> {
  const found = await findCustomerId(client, user.email, logger, options);
  if (found) return found;
  try {
    const created = await client.customers.create(
      { email: user.email, name: user.name || user.email },
      options,
    );
    return created.customer_id;
  } catch (error) {
    throw upstreamError(error, logger, customerNotFound);
  }
}

/** Keeps the customer id on the user, so later calls need no lookup. */
export async function storeCustomerId(
  auth: Pick<AuthContext, "internalAdapter">,
  userId: string,
  customerId: string,
): Promise<void> {
  await auth.internalAdapter.updateUser(userId, { [CUSTOMER_ID_FIELD]: customerId });
}

/**
 * The user's Dodo customer id: the stored one, else found by email (or, with `create`, created)
 * and then stored. Undefined only when there is none and `create` is off.
 */
export async function customerIdOf(
  auth: Pick<AuthContext, "internalAdapter">,
  client: DodoPayments,
  user: UserWithCustomer,
  logger: Logger,
  create: boolean,
): Promise<string | undefined> {
  if (user.dodoCustomerId) return user.dodoCustomerId;
  const customerId = create
    ? await findOrCreateCustomerId(client, user, logger)
    : await findCustomerId(client, user.email, logger);
  if (customerId) await storeCustomerId(auth, user.id, customerId);
  return customerId;
}
