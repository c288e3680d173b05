// The /_sim control routes: inspect and steer a running simulator over HTTP (loopback only).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimulatorContext } from "./context.js";
import { handleDashboard, isDashboardPath } from "./dashboard/routes.js";
import { type DeliveryPlan, validateDeliveryPlan } from "./delivery-plan.js";
import { isWebhookEventType, type SampleEventOverrides } from "./events.js";
import type { FaultRule } from "./faults.js";
import { ApiError, sendError, sendJson } from "./http/respond.js";
import { type Params, Router, route } from "./http/router.js";
import { isRecord } from "./util.js";

/** What a control route gets: the parsed JSON body (undefined when empty) and the raw exchange. */
export interface ControlCall {
  ctx: SimulatorContext;
  req: IncomingMessage;
  res: ServerResponse;
  body: unknown;
  params: Params;
  query: URLSearchParams;
}

export type ControlHandler = (call: ControlCall) => void | Promise<void>;

/** A 400 with the message of what `run` threw (an invalid rule, plan or URL). */
function badRequestOn<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw new ApiError(400, "INVALID_REQUEST_BODY", (err as Error).message);
  }
}

const summary: ControlHandler = ({ ctx, res }) =>
  sendJson(res, 200, {
    url: ctx.baseUrl,
    businessId: ctx.businessId,
    webhookUrl: ctx.webhookUrl ?? null,
    products: [...ctx.store.products.keys()],
    customers: [...ctx.store.customers.keys()],
    faults: ctx.faults.list(),
  });

/** POST adds rules, PUT replaces them: `{ "faults": [...] }`, an array, or one rule. */
const changeFaults: ControlHandler = ({ ctx, req, res, body }) => {
  const rules = isRecord(body) && Array.isArray(body.faults) ? body.faults : body;
  const list = (Array.isArray(rules) ? rules : [rules]) as FaultRule[];
  badRequestOn(() => (req.method === "PUT" ? ctx.faults.set(list) : ctx.faults.add(list)));
  sendJson(res, 200, { items: ctx.faults.list() });
};

const setWebhookUrl: ControlHandler = ({ ctx, res, body }) => {
  const url = isRecord(body) ? body.url : undefined;
  if (url !== null && typeof url !== "string") {
    throw new ApiError(400, "INVALID_REQUEST_BODY", 'Send { "url": "http://..." } (or null)');
  }
  badRequestOn(() => ctx.setWebhookUrl(url ?? undefined));
  sendJson(res, 200, { webhookUrl: ctx.webhookUrl ?? null });
};

/** `{ type, overrides?, plan? }`: sends a sample event; answers the delivery after one attempt. */
const trigger: ControlHandler = async ({ ctx, res, body }) => {
  const type = isRecord(body) ? body.type : undefined;
  if (typeof type !== "string" || !isWebhookEventType(type)) {
    throw new ApiError(400, "INVALID_REQUEST_BODY", "Unknown or missing event `type`");
  }
  const overrides = isRecord(body) && isRecord(body.overrides) ? body.overrides : {};
  const plan = isRecord(body) && body.plan !== undefined ? body.plan : undefined;
  if (plan !== undefined) badRequestOn(() => validateDeliveryPlan(plan as DeliveryPlan));
  const record = await ctx.trigger(
    type,
    overrides as SampleEventOverrides,
    plan as DeliveryPlan | undefined,
  );
  sendJson(res, 200, record);
};

/** Every control route. To add one: one line here, and its handler above. */
export const CONTROL_ROUTES = [
  route<ControlHandler>("GET", "/_sim", summary),
  route<ControlHandler>("GET", "/_sim/deliveries", ({ ctx, res }) =>
    sendJson(res, 200, { items: ctx.dispatcher.deliveries }),
  ),
  route<ControlHandler>("GET", "/_sim/requests", ({ ctx, res }) =>
    sendJson(res, 200, { items: ctx.recorder.items }),
  ),
  route<ControlHandler>("GET", "/_sim/faults", ({ ctx, res }) =>
    sendJson(res, 200, { items: ctx.faults.list() }),
  ),
  route<ControlHandler>("POST", "/_sim/faults", changeFaults),
  route<ControlHandler>("PUT", "/_sim/faults", changeFaults),
  route<ControlHandler>("DELETE", "/_sim/faults", ({ ctx, res }) => {
    ctx.faults.clear();
    sendJson(res, 200, { items: [] });
  }),
  route<ControlHandler>("POST", "/_sim/webhook-url", setWebhookUrl),
  route<ControlHandler>("PUT", "/_sim/webhook-url", setWebhookUrl),
  route<ControlHandler>("POST", "/_sim/trigger", trigger),
];

const router = new Router(CONTROL_ROUTES);

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

const LOOPBACK_NAMES = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Refuses what a web page elsewhere could make a developer's browser do: a `Host` that is not
 * this simulator (DNS rebinding, which would expose the request log) and a request sent from
 * another origin (a `text/plain` POST needs no CORS preflight). Tests, the SDK and curl send
 * neither `Origin` nor `Sec-Fetch-Site`.
 */
function crossSiteRefusal(ctx: SimulatorContext, req: IncomingMessage): string | undefined {
  const host = req.headers.host ?? "";
  const hostname = host.replace(/:\d+$/, "");
  if (!LOOPBACK_NAMES.test(hostname) && host !== new URL(ctx.baseUrl).host) {
    return "The /_sim routes answer requests addressed to this simulator only";
  }
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  const site = req.headers["sec-fetch-site"];
  const origin = req.headers.origin;
  if (
    (site !== undefined && site !== "same-origin" && site !== "none") ||
    (origin !== undefined && origin.replace(/^[a-z]+:\/\//i, "") !== host)
  ) {
    return "The /_sim routes take changes from this simulator's own pages only";
  }
  return undefined;
}

export const isControlPath = (pathname: string): boolean =>
  pathname === "/_sim" || pathname.startsWith("/_sim/");

/** Answers a `/_sim` request: loopback clients only, a JSON body, then the route. */
export async function handleControl(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  raw: Buffer,
): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    sendError(res, 403, "FORBIDDEN", "The /_sim control routes answer loopback clients only");
    return;
  }
  const refused = crossSiteRefusal(ctx, req);
  if (refused) {
    sendError(res, 403, "FORBIDDEN", refused);
    return;
  }
  // The dashboard's pages, form posts and live events: before the JSON parsing below.
  if (isDashboardPath(url.pathname)) {
    await handleDashboard(ctx, req, res, url.pathname, raw);
    return;
  }
  let body: unknown;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      sendError(res, 400, "INVALID_REQUEST_BODY", "Body is not valid JSON");
      return;
    }
  }
  const method = req.method ?? "GET";
  const found = router.find(method, url.pathname);
  if (!found) {
    const path = url.pathname.replace(/\/+$/, "") || "/";
    sendError(res, 404, "NOT_FOUND", `No control route ${method} ${path}`);
    return;
  }
  const call = { ctx, req, res, body, params: found.params, query: url.searchParams };
  try {
    await found.route.handler(call);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    sendError(res, err.status, err.code, err.message);
  }
}
