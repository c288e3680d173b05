import type { SimulatorContext } from "../context.js";
import { DASHBOARD_PATH } from "../dashboard/path.js";
import { route } from "../http/router.js";
import { checkoutPageRoutes } from "./checkout.js";
import type { PageRoute } from "./page.js";
import { showMessage } from "./page.js";
import { portalPageRoutes } from "./portal.js";
import { staticLinkRoutes } from "./static-link.js";

export type { PageCall, PageHandler, PageRoute } from "./page.js";

/** `GET /`: what the simulator is, with a static payment link for each product. */
function homeRoute(ctx: SimulatorContext): PageRoute {
  return route("GET", "/", (res) => {
    const rows = [...ctx.store.products.values()]
      .map(
        (p) =>
          `<li><a href="/buy/${encodeURIComponent(p.product_id)}">${p.name ?? p.product_id}</a> <code>${p.product_id}</code>${p.is_recurring ? " (subscription)" : ""}</li>`,
      )
      .join("");
    showMessage(
      res,
      200,
      "Dodo Payments simulator",
      "A local stand-in for the Dodo Payments API. Static payment links for the seeded products:",
      `<ul>${rows}</ul><p><a href="${DASHBOARD_PATH}">Open the dashboard</a>: webhook deliveries, API requests, faults and events.</p>`,
    );
  });
}

/** The pages a browser sees: checkout, static links and the customer portal. */
export function pageRoutes(ctx: SimulatorContext): PageRoute[] {
  return [
    homeRoute(ctx),
    ...checkoutPageRoutes(ctx),
    ...staticLinkRoutes(ctx),
    ...portalPageRoutes(ctx),
  ];
}
