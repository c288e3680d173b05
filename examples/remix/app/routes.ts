import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  // Pages.
  index("routes/home.tsx"),
  route("success", "routes/success.tsx"),
  route("events", "routes/events.tsx"),
  // Resource routes (a loader / action and no component): the Dodo Payments handlers.
  route("api/checkout", "routes/api.checkout.ts"),
  route("api/checkout-session", "routes/api.checkout-session.ts"),
  route("api/customer-portal", "routes/api.customer-portal.ts"),
  route("api/webhook", "routes/api.webhook.ts"),
  // The shop's icon, at both addresses browsers use.
  route("favicon.svg", "routes/favicon.ts", { id: "favicon-svg" }),
  route("favicon.ico", "routes/favicon.ts", { id: "favicon-ico" }),
] satisfies RouteConfig;
