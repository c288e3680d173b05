import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimulatorContext } from "../context.js";
import {
  type AnyWebhookEnvelope,
  isWebhookEventType,
  sampleEvent,
  type WebhookEventDataMap,
} from "../events.js";
import type { FaultRule } from "../faults.js";
import { redirect as redirectTo, sendHtml, sendText } from "../http/respond.js";
import type { WebhookEventType } from "../sdk-types.js";
import { isRecord } from "../util.js";
import { DASHBOARD_PATH } from "./path.js";
import { actionsPage } from "./views/actions.js";
import { DATA_KINDS, type DataKind, dataPage } from "./views/data.js";
import { deliveriesPage, deliveryPage } from "./views/deliveries.js";
import { type Page, pageNumber, renderDocument } from "./views/layout.js";
import { requestsPage } from "./views/requests.js";

/** Whether a path is the dashboard's (the simulator hands these to `handleDashboard`). */
export function isDashboardPath(pathname: string): boolean {
  return pathname === DASHBOARD_PATH || pathname.startsWith(`${DASHBOARD_PATH}/`);
}

/** How often, at most, open pages are told to refresh. */
const CHANGE_COALESCE_MS = 200;

function sendPage(res: ServerResponse, status: number, page: Page): void {
  const nonce = randomBytes(16).toString("base64");
  sendHtml(res, status, renderDocument(page, nonce), {
    "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  });
}

/** After a form: see the result (`303`), never from a cache. */
const redirect = (res: ServerResponse, location: string) =>
  redirectTo(res, location, { "cache-control": "no-store" });

/** What the actions page says after a form was handled (post, redirect, get). */
const DONE: Record<string, string> = {
  "url-set": "Webhook URL saved.",
  "url-cleared": "Webhook URL cleared: webhooks are not sent until one is set.",
  "fault-added": "Fault added: it applies to the next matching API request.",
  "faults-cleared": "Every fault cleared.",
};

/** The sample payload of an event type, pretty-printed, as the trigger form shows it. */
function samplePayload(ctx: SimulatorContext, type: WebhookEventType): string {
  return JSON.stringify(sampleEvent(type, { business_id: ctx.businessId }), null, 2);
}

function actions(
  ctx: SimulatorContext,
  res: ServerResponse,
  status: number,
  flash: { done?: string; error?: string; type?: string; payload?: string } = {},
): void {
  const type =
    flash.type && isWebhookEventType(flash.type) ? flash.type : ("payment.succeeded" as const);
  sendPage(
    res,
    status,
    actionsPage(ctx, {
      type,
      payload: flash.payload ?? samplePayload(ctx, type),
      done: flash.done,
      error: flash.error,
    }),
  );
}

/** Parses the trigger form's payload: an envelope whose `data` is an object. */
function envelopeFrom(
  ctx: SimulatorContext,
  type: WebhookEventType,
  text: string,
): AnyWebhookEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new TypeError(`The payload is not valid JSON: ${(err as Error).message}`);
  }
  if (!isRecord(parsed) || !isRecord(parsed.data)) {
    throw new TypeError('The payload must be an object with a "data" object');
  }
  if (parsed.type !== undefined && parsed.type !== type) {
    throw new TypeError(`The payload's "type" is ${String(parsed.type)}, not ${type}`);
  }
  return {
    business_id: typeof parsed.business_id === "string" ? parsed.business_id : ctx.businessId,
    type,
    timestamp: typeof parsed.timestamp === "string" ? parsed.timestamp : new Date().toISOString(),
    // The edited data is sent as written: testing odd payloads is part of the point.
    data: parsed.data as unknown as WebhookEventDataMap[typeof type],
  } as AnyWebhookEnvelope;
}

function faultFrom(form: URLSearchParams): FaultRule {
  const number = (name: string) => {
    const v = form.get(name)?.trim();
    return v ? Number(v) : undefined;
  };
  const rule: FaultRule = { route: form.get("route")?.trim() ?? "" };
  const kind = form.get("kind") ?? "status";
  const latencyMs = number("latencyMs");
  const count = number("count");
  if (latencyMs !== undefined) rule.latencyMs = latencyMs;
  if (count !== undefined) rule.count = count;
  if (kind === "status") rule.status = number("status");
  else if (kind === "hang") rule.hang = true;
  else if (kind === "malformed") rule.malformed = true;
  else if (kind === "drop") rule.drop = true;
  return rule;
}

/** Server-sent events: a `change` event whenever the request or delivery log changes. */
function events(ctx: SimulatorContext, res: ServerResponse): void {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-store",
    connection: "keep-alive",
  });
  res.write("retry: 1000\n\n");
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      res.write(
        `event: change\ndata: ${JSON.stringify({ requests: ctx.recorder.items.length, deliveries: ctx.dispatcher.deliveries.length })}\n\n`,
      );
    }, CHANGE_COALESCE_MS);
  };
  const ping = setInterval(() => res.write(": ping\n\n"), 15_000);
  const stopRequests = ctx.recorder.changes.subscribe(changed);
  const stopDeliveries = ctx.dispatcher.subscribe(changed);
  res.on("close", () => {
    clearInterval(ping);
    if (timer) clearTimeout(timer);
    stopRequests();
    stopDeliveries();
  });
}

/**
 * Answers one `/_sim/dashboard*` request (the caller has checked that it comes from loopback and
 * not from a page on another site):
 * the pages, their forms, the sample payloads and the live event stream.
 */
export async function handleDashboard(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  raw: Buffer,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const query = new URL(req.url ?? "/", "http://dashboard.local").searchParams;
  const form = new URLSearchParams(method === "POST" ? raw.toString("utf8") : "");
  const route = pathname.slice(DASHBOARD_PATH.length).replace(/\/+$/, "") || "/";
  // Delivery ids are `msg_` + base62: nothing to decode.
  const delivery = /^\/deliveries\/([A-Za-z0-9_]+)(\/resend)?$/.exec(route);

  if (method === "GET" || method === "HEAD") {
    if (route === "/") return sendPage(res, 200, deliveriesPage(ctx, query));
    if (route === "/requests") return sendPage(res, 200, requestsPage(ctx, query));
    if (route === "/actions") {
      const done = DONE[query.get("done") ?? ""];
      return actions(ctx, res, 200, { type: query.get("type") ?? "", done });
    }
    if (route === "/data") {
      const want = query.get("kind") ?? "products";
      const kind = (DATA_KINDS as readonly string[]).includes(want)
        ? (want as DataKind)
        : "products";
      return sendPage(res, 200, dataPage(ctx, kind, pageNumber(query)));
    }
    if (route === "/sample") {
      const type = query.get("type") ?? "";
      if (!isWebhookEventType(type)) return sendText(res, 404, "text/plain", "Unknown event type");
      return sendText(res, 200, "application/json", samplePayload(ctx, type));
    }
    if (route === "/events" && method === "GET") return events(ctx, res);
    if (delivery && !delivery[2]) {
      const id = delivery[1] as string;
      const found = ctx.dispatcher.deliveries.find((d) => d.id === id);
      if (found) {
        const done = query.get("resent") !== null ? "Resent: a new attempt is below." : undefined;
        return sendPage(res, 200, deliveryPage(found, { done }));
      }
    }
  }

  if (method === "POST") {
    if (delivery?.[2]) {
      const id = delivery[1] as string;
      const found = ctx.dispatcher.deliveries.find((d) => d.id === id);
      if (!found) return sendText(res, 404, "text/plain", "No such delivery");
      await ctx.dispatcher.resend(id);
      return redirect(res, `${DASHBOARD_PATH}/deliveries/${encodeURIComponent(id)}?resent`);
    }
    if (route === "/trigger") {
      const type = form.get("type") ?? "";
      const payload = form.get("payload") ?? "";
      if (!isWebhookEventType(type)) {
        return actions(ctx, res, 400, { error: `Unknown event type ${type}`, payload });
      }
      let envelope: AnyWebhookEnvelope;
      try {
        envelope = envelopeFrom(ctx, type, payload);
      } catch (err) {
        return actions(ctx, res, 400, { error: (err as Error).message, type, payload });
      }
      const { record } = ctx.dispatcher.send(envelope);
      return redirect(res, `${DASHBOARD_PATH}/deliveries/${encodeURIComponent(record.id)}`);
    }
    if (route === "/webhook-url") {
      const url = form.get("url")?.trim() ?? "";
      try {
        ctx.setWebhookUrl(url === "" ? undefined : url);
      } catch (err) {
        return actions(ctx, res, 400, {
          error: `Webhook URL not saved: ${(err as Error).message}`,
        });
      }
      return redirect(
        res,
        `${DASHBOARD_PATH}/actions?done=${url === "" ? "url-cleared" : "url-set"}`,
      );
    }
    if (route === "/faults") {
      try {
        ctx.faults.add(faultFrom(form));
      } catch (err) {
        return actions(ctx, res, 400, { error: `Fault not added: ${(err as Error).message}` });
      }
      return redirect(res, `${DASHBOARD_PATH}/actions?done=fault-added`);
    }
    if (route === "/faults/clear") {
      ctx.faults.clear();
      return redirect(res, `${DASHBOARD_PATH}/actions?done=faults-cleared`);
    }
  }
  sendText(res, 404, "text/plain; charset=utf-8", `No dashboard route ${method} ${pathname}`);
}
