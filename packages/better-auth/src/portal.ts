import { createCustomerPortalSession, DodoHttpError, upstreamError } from "@dodopayments/core";
import type { GenericEndpointContext } from "better-auth";
import { APIError, createAuthEndpoint, sessionMiddleware } from "better-auth/api";
import type {
  PaymentListParams,
  PaymentListResponse,
  SubscriptionListParams,
  SubscriptionListResponse,
} from "dodopayments/resources";
import * as z from "zod";
import { customerIdOf, type UserWithCustomer } from "./customer";
import { apiError, appUrl, dodoCall } from "./errors";
import type { DodoPaymentsPart, DodoPaymentsShared } from "./shared";

export interface PortalOptions {
  /**
   * Only users whose email address is verified may open the portal or list payments and
   * subscriptions (403 `EMAIL_NOT_VERIFIED` otherwise). Default `true`.
   *
   * Dodo Payments knows customers by email, and the customer is found by the user's email. Until
   * the user has proved the address is theirs, it may be someone else's, and so may that
   * customer's payments, subscriptions and portal. Turn this off only when every user's email
   * is verified by other means (e.g. only social sign-in with verified emails).
   */
  requireEmailVerification?: boolean;
  /** Shown in the portal as the link back to your app: an absolute URL or a path. */
  returnUrl?: string;
}

const SUBSCRIPTION_STATUSES = [
  "pending",
  "active",
  "on_hold",
  "paused",
  "cancelled",
  "failed",
  "expired",
  "past_due",
] as const satisfies ReadonlyArray<NonNullable<SubscriptionListParams["status"]>>;

const PAYMENT_STATUSES = [
  "succeeded",
  "failed",
  "cancelled",
  "processing",
  "requires_customer_action",
  "requires_merchant_action",
  "requires_payment_method",
  "requires_confirmation",
  "requires_capture",
  "partially_captured",
  "partially_captured_and_capturable",
] as const satisfies ReadonlyArray<NonNullable<PaymentListParams["status"]>>;

/** `?limit=&page=&status=`: query values arrive as text, so the numbers are converted. */
const listQuery = <const S extends readonly [string, ...string[]]>(statuses: S) =>
  z
    .object({
      /** Items per page, 1-100. Default 10. */
      limit: z.coerce.number<number | string>().int().min(1).max(100).optional(),
      /** The page, from 1 (the first). Default 1. */
      page: z.coerce.number<number | string>().int().min(1).max(100_000).optional(),
      status: z.enum(statuses).optional(),
    })
    .optional();

/** Items of one page of a list. */
export interface ListResponse<T> {
  items: T[];
}

/**
 * The customer's own billing: `GET /dodopayments/customer/portal` answers `{ url, redirect: true }`
 * for a portal session; `GET /dodopayments/customer/subscriptions/list` and
 * `/dodopayments/customer/payments/list` answer `{ items }`. All of them for the signed-in user
 * only (401 without a session): there is no parameter that names a customer.
 */
export function portal(options: PortalOptions = {}) {
  const { requireEmailVerification = true, returnUrl } = options;

  return {
    id: "portal",
    endpoints: ({ client, logger }: DodoPaymentsShared) => {
      /** The signed-in user as stored now (not a cached session copy), checked for a verified email. */
      async function signedInUser(ctx: GenericEndpointContext): Promise<UserWithCustomer> {
        const userId = ctx.context.session?.user.id;
        const user = userId ? await ctx.context.internalAdapter.findUserById(userId) : null;
        if (!user)
          throw new APIError("UNAUTHORIZED", { code: "UNAUTHORIZED", message: "Unauthorized" });
        if (requireEmailVerification && !user.emailVerified) {
          throw apiError(403, "EMAIL_NOT_VERIFIED");
        }
        return user as UserWithCustomer;
      }

      const customerId = (ctx: GenericEndpointContext, user: UserWithCustomer, create: boolean) =>
        dodoCall(() => customerIdOf(ctx.context, client(), user, logger, create));

      /** One page of the user's items: none without a customer, and no customer is created for it. */
      async function listFor<T>(
        ctx: GenericEndpointContext,
        query: { limit?: number; page?: number; status?: string } | undefined,
        list: (params: {
          customer_id: string;
          page_size: number;
          page_number: number;
        }) => Promise<{ items: T[] }>,
      ): Promise<ListResponse<T>> {
        const id = await customerId(ctx, await signedInUser(ctx), false);
        if (!id) return { items: [] };
        const { limit = 10, page = 1, status } = query ?? {};
        const params = {
          customer_id: id,
          page_size: limit,
          page_number: page - 1,
          ...(status ? { status } : {}),
        };
        return dodoCall(async () => {
          try {
            return { items: (await list(params)).items };
          } catch (error) {
            throw upstreamError(error, logger, () => new DodoHttpError(404, "Customer not found"));
          }
        });
      }

      return {
        dodoCustomerPortal: createAuthEndpoint(
          "/dodopayments/customer/portal",
          { method: "GET", use: [sessionMiddleware] },
          async (ctx): Promise<{ url: string; redirect: true }> => {
            const id = (await customerId(ctx, await signedInUser(ctx), true)) as string;
            const back = appUrl(ctx, returnUrl, "returnUrl");
            const session = await dodoCall(() =>
              createCustomerPortalSession(client(), id, { logger, returnUrl: back }),
            );
            return ctx.json({ url: session.portal_url, redirect: true });
          },
        ),
        dodoCustomerSubscriptions: createAuthEndpoint(
          "/dodopayments/customer/subscriptions/list",
          { method: "GET", use: [sessionMiddleware], query: listQuery(SUBSCRIPTION_STATUSES) },
          async (ctx): Promise<ListResponse<SubscriptionListResponse>> =>
            ctx.json(
              await listFor(ctx, ctx.query, (params) =>
                client().subscriptions.list(params as SubscriptionListParams),
              ),
            ),
        ),
        dodoCustomerPayments: createAuthEndpoint(
          "/dodopayments/customer/payments/list",
          { method: "GET", use: [sessionMiddleware], query: listQuery(PAYMENT_STATUSES) },
          async (ctx): Promise<ListResponse<PaymentListResponse>> =>
            ctx.json(
              await listFor(ctx, ctx.query, (params) =>
                client().payments.list(params as PaymentListParams),
              ),
            ),
        ),
      };
    },
  } satisfies DodoPaymentsPart;
}

/** What `portal()` returns: one entry of `use`. */
export type PortalPart = ReturnType<typeof portal>;
