import type { ClientConfig } from "../client";
import {
  consoleLogger,
  DodoHttpError,
  errorResult,
  jsonResponse,
  methodNotAllowed,
  toResponse,
} from "../http";
import { onFirstUse } from "../lazy";
import type { MaybePromise } from "../maybe";
import { idProblem, parseOrThrow } from "../validation";

const INVALID_QUERY = "Invalid query parameters";

export interface CustomerPortalHandlerConfig<TContext = unknown> extends ClientConfig<TContext> {
  /**
   * Resolves the signed-in customer's Dodo customer id on the server (from your session).
   * When set, the `customer_id` query parameter is ignored. Return null/undefined for 401.
   */
  getCustomerId?: (
    request: Request,
    context: TContext | undefined,
  ) => MaybePromise<string | null | undefined>;
  /** Shown in the portal as the "back" link. */
  returnUrl?: string | undefined;
}

/**
 * A fetch handler that opens the customer portal: 302 to the portal link, or
 * `{ portal_url }` when the request asks for JSON (`Accept: application/json`).
 */
export function customerPortalHandler<TContext = unknown>(
  config: CustomerPortalHandlerConfig<TContext>,
): (request: Request, context?: TContext) => Promise<Response> {
  const logger = config.logger ?? consoleLogger;
  // The SDK client and the query schemas come with the first request.
  const runtime = onFirstUse(
    (loaded) => ({ ...loaded, getClient: loaded.lazyClient(config) }),
    logger,
  );
  let warnedUnauthenticated = false;

  return async (request, context) => {
    try {
      if (request.method !== "GET" && request.method !== "HEAD")
        throw methodNotAllowed(["GET", "HEAD"]);
      const {
        getClient,
        portalQuerySchema,
        portalCustomerQuerySchema,
        createCustomerPortalSession,
      } = await runtime();
      const searchParams = new URL(request.url).searchParams;
      const sendEmail = searchParams.get("send_email") ?? undefined;
      let customerId: string;
      let query: { send_email?: "true" | "false" | undefined };
      if (config.getCustomerId) {
        // The session decides; the query's customer_id is not read at all.
        query = parseOrThrow(portalQuerySchema, { send_email: sendEmail }, INVALID_QUERY);
        const signedIn = await config.getCustomerId(request, context);
        if (!signedIn) throw new DodoHttpError(401, "Not signed in");
        if (idProblem(signedIn)) {
          throw new Error("getCustomerId returned a value that is not a Dodo customer id");
        }
        customerId = signedIn;
      } else {
        if (!warnedUnauthenticated) {
          warnedUnauthenticated = true;
          logger.warn(
            "Customer portal: the customer comes from the ?customer_id= query, so anyone who knows an id can open that customer's portal. Pass getCustomerId to resolve the customer from your session.",
          );
        }
        const parsed = parseOrThrow(
          portalCustomerQuerySchema,
          { customer_id: searchParams.get("customer_id") ?? "", send_email: sendEmail },
          INVALID_QUERY,
        );
        query = parsed;
        customerId = parsed.customer_id;
      }
      const { client } = getClient(context);
      const { portal_url } = await createCustomerPortalSession(client, customerId, {
        logger,
        returnUrl: config.returnUrl,
        ...(query.send_email ? { sendEmail: query.send_email === "true" } : {}),
      });
      if (wantsJson(request)) return jsonResponse({ portal_url });
      return new Response(null, { status: 302, headers: { location: portal_url } });
    } catch (error) {
      return toResponse(errorResult(error, logger, "customer portal handler"));
    }
  };
}

function wantsJson(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}
