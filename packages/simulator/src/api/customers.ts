// GET /customers, POST /customers, GET /customers/:id, POST /customers/:id/customer-portal/session
import type { SimulatorContext } from "../context.js";
import { ApiError } from "../http/respond.js";
import { route } from "../http/router.js";
import type { Customer, CustomerPortalSession } from "../sdk-types.js";
import { isoNow, newId } from "../util.js";
import { type ApiRoute, createRoute } from "./handler.js";
import { absoluteUrl, missing, notFound, optionalString, parseMetadata } from "./input.js";
import { resourceRoutes } from "./resource.js";

/** `POST /customers`: one customer per email, as the simulator's checkouts keep it. */
function createCustomer(ctx: SimulatorContext, body: Record<string, unknown>): Customer {
  if (typeof body.email !== "string" || body.email.trim() === "") throw missing("email");
  if (typeof body.name !== "string") throw missing("name");
  const phone = optionalString(body.phone_number, "phone_number");
  const metadata = parseMetadata(body.metadata);
  // An existing customer with this email is returned unchanged.
  return (
    ctx.store.findCustomerByEmail(body.email) ??
    ctx.store.addCustomer({
      email: body.email.trim(),
      name: body.name,
      phone_number: phone ?? null,
      metadata,
    })
  );
}

/** `POST /customers/:id/customer-portal/session`: a link to the hosted portal `/portal/:id`. */
function createPortalSession(
  ctx: SimulatorContext,
  id: string | undefined,
  query: URLSearchParams,
): CustomerPortalSession {
  const c = ctx.store.customers.get(id as string);
  if (!c) throw notFound("Customer", id);
  const sendEmail = query.get("send_email");
  if (sendEmail !== null && sendEmail !== "true" && sendEmail !== "false") {
    throw new ApiError(400, "INVALID_QUERY_PARAMS", "`send_email` must be true or false");
  }
  const returnUrl = query.get("return_url");
  if (returnUrl !== null) absoluteUrl(returnUrl, "return_url");
  const session = {
    id: newId("cps"),
    customer_id: c.customer_id,
    return_url: returnUrl,
    send_email: sendEmail === "true",
    created_at: isoNow(),
  };
  ctx.store.portalSessions.set(session.id, session);
  return { link: ctx.link(`/portal/${session.id}`) } satisfies CustomerPortalSession;
}

export function customerRoutes(ctx: SimulatorContext): ApiRoute[] {
  // The list before POST, so a 405 on /customers allows "GET, POST".
  const [list, retrieve] = resourceRoutes<Customer>({
    collection: "/customers",
    name: "Customer",
    records: ctx.store.customers,
    order: "oldest",
    filters: {
      email: (c, wanted) => wanted === "" || c.email.toLowerCase() === wanted.toLowerCase(),
    },
    listView: (c) => c,
  }) as [ApiRoute, ApiRoute];
  return [
    list,
    createRoute("/customers", (body) => createCustomer(ctx, body)),
    retrieve,
    route("POST", "/customers/:id/customer-portal/session", ({ params, query }) =>
      createPortalSession(ctx, params.id, query),
    ),
  ];
}
