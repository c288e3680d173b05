// The hosted customer portal: /portal/:id and /portal/:id/subscriptions/:sub/cancel
import type { ServerResponse } from "node:http";
import type { SimulatorContext } from "../context.js";
import { redirect, sendHtml } from "../http/respond.js";
import { route } from "../http/router.js";
import type { PortalSessionRecord, SubscriptionRecord } from "../store/index.js";
import { renderCancelPage, renderPortalPage } from "./html.js";
import { type PageRoute, showMessage } from "./page.js";

function showPortal(ctx: SimulatorContext, res: ServerResponse, sessionId: string): void {
  const { store } = ctx;
  const session = store.portalSessions.get(sessionId);
  const customer = session ? store.customers.get(session.customer_id) : undefined;
  if (!session || !customer) {
    showMessage(res, 404, "Link expired", "This customer portal link is not valid.");
    return;
  }
  sendHtml(
    res,
    200,
    renderPortalPage({
      sessionId,
      customer,
      returnUrl: session.return_url,
      subscriptions: [...store.subscriptions.values()].filter(
        (s) => s.customer_id === customer.customer_id && s.status !== "pending",
      ),
      payments: [...store.payments.values()].filter(
        (p) =>
          p.customer_id === customer.customer_id &&
          (p.status === "succeeded" || p.status === "failed"),
      ),
    }),
  );
}

type CancelHandler = (
  res: ServerResponse,
  id: string,
  session: PortalSessionRecord,
  subscription: SubscriptionRecord,
) => void;

/** A route on one subscription of a portal session: 404 unless it is the session customer's. */
function onSubscription(ctx: SimulatorContext, method: string, then: CancelHandler): PageRoute {
  return route(method, "/portal/:id/subscriptions/:sub/cancel", (res, { params }) => {
    const id = params.id as string;
    const session = ctx.store.portalSessions.get(id);
    const s = ctx.store.subscriptions.get(params.sub as string);
    if (!session || !s || s.customer_id !== session.customer_id) {
      showMessage(res, 404, "Not found", "This subscription is not in this portal.");
      return;
    }
    then(res, id, session, s);
  });
}

const backToPortal = (res: ServerResponse, id: string) =>
  redirect(res, `/portal/${encodeURIComponent(id)}`);

export function portalPageRoutes(ctx: SimulatorContext): PageRoute[] {
  return [
    route("GET", "/portal/:id", (res, { params }) => showPortal(ctx, res, params.id as string)),
    onSubscription(ctx, "GET", (res, id, session, s) => {
      // Nothing left to confirm: back to the portal, which shows the status.
      if (s.status !== "active") {
        backToPortal(res, id);
        return;
      }
      const page = renderCancelPage({
        sessionId: id,
        subscription: s,
        returnUrl: session.return_url,
      });
      sendHtml(res, 200, page);
    }),
    onSubscription(ctx, "POST", (res, id, _session, s) => {
      if (s.status === "active") ctx.deliver([ctx.store.cancelSubscription(s)]);
      backToPortal(res, id);
    }),
  ];
}
