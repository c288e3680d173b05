// The page shell and the small pieces every view uses.
import type { DeliveryAttempt, DeliveryRecord } from "../../delivery.js";
import { escapeHtml as h, isRecord } from "../../util.js";
import { DASHBOARD_SCRIPT, DASHBOARD_STYLE } from "../assets.js";
import { DASHBOARD_PATH } from "../path.js";

/** Rows per page in every list. */
export const PAGE_SIZE = 50;

/** How much of a request body the request log shows. */
export const BODY_LIMIT = 8192;

export type View = "deliveries" | "requests" | "actions" | "data";

export const VIEWS: Array<[View, string, string]> = [
  ["deliveries", "Deliveries", DASHBOARD_PATH],
  ["requests", "API requests", `${DASHBOARD_PATH}/requests`],
  ["actions", "Actions", `${DASHBOARD_PATH}/actions`],
  ["data", "Data", `${DASHBOARD_PATH}/data`],
];

export interface Page {
  title: string;
  view: View;
  body: string;
}

/** The whole HTML document; `nonce` admits the inline style and script under the CSP. */
export function renderDocument(page: Page, nonce: string): string {
  const nav = VIEWS.map(
    ([view, label, href]) =>
      `<a href="${href}"${view === page.view ? ' aria-current="page"' : ""}>${label}</a>`,
  ).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(page.title)} · Dodo Payments simulator</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style nonce="${nonce}">${DASHBOARD_STYLE}</style>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header>
<p class="title">Dodo Payments simulator</p>
<nav aria-label="Dashboard">${nav}</nav>
<p class="live" id="live-status" role="status">Connecting…</p>
</header>
<main id="content" tabindex="-1">
${page.body}
</main>
<script nonce="${nonce}">${DASHBOARD_SCRIPT}</script>
</body>
</html>`;
}

export function time(iso: string | null | undefined): string {
  if (!iso) return "";
  const clock = iso.slice(11, 23);
  return `<time datetime="${h(iso)}" title="${h(iso)}">${h(clock)}</time>`;
}

export function stateBadge(state: string): string {
  return `<span class="state state-${h(state)}">${h(state)}</span>`;
}

export function pretty(value: unknown): string {
  if (typeof value === "string") {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? "";
}

export function clip(text: string, limit = BODY_LIMIT): string {
  return text.length > limit
    ? `${text.slice(0, limit)}\n… (${text.length - limit} more characters)`
    : text;
}

export function notice(done: string | undefined, error: string | undefined): string {
  return `${done ? `<p class="notice" role="status">${h(done)}</p>` : ""}${error ? `<p class="error" role="alert">${h(error)}</p>` : ""}`;
}

export function pageNumber(query: URLSearchParams): number {
  return Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1);
}

/** A link to another page of the same list, keeping its filters. */
export function pageLink(path: string, query: URLSearchParams): (page: number) => string {
  return (page) => {
    const next = new URLSearchParams(query);
    next.set("page", String(page));
    return `${path}?${next}`;
  };
}

/** The filter form above a list: a search box and, for deliveries, a state. */
export function filterForm(query: URLSearchParams, states?: readonly string[]): string {
  const q = query.get("q") ?? "";
  const state = query.get("state") ?? "";
  const select = states
    ? `<div><label for="filter-state">State</label><select id="filter-state" name="state"><option value="">any</option>${states
        .map((s) => `<option${s === state ? " selected" : ""}>${h(s)}</option>`)
        .join("")}</select></div>`
    : "";
  return `<form method="get" class="row" role="search">
<div><label for="filter-q">Search</label><input id="filter-q" name="q" type="search" value="${h(q)}" size="32"></div>
${select}
<div><button type="submit" class="secondary">Filter</button></div>
</form>`;
}

export function matchesSearch(query: URLSearchParams, ...fields: string[]): boolean {
  const q = query.get("q")?.trim().toLowerCase();
  return !q || fields.some((f) => f.toLowerCase().includes(q));
}

/** The slice of `items` (newest first) on a 1-based page, and the links around it. */
export function paged<T>(
  items: readonly T[],
  page: number,
  href: (page: number) => string,
): { rows: T[]; pager: string } {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const current = Math.min(Math.max(page, 1), pages);
  const newestFirst: T[] = [];
  const end = items.length - (current - 1) * PAGE_SIZE;
  for (let i = end - 1; i >= Math.max(0, end - PAGE_SIZE); i--) newestFirst.push(items[i] as T);
  const links = [
    current > 1 ? `<a href="${h(href(current - 1))}" rel="prev">← Newer</a>` : "",
    `<span>Page ${current} of ${pages} · ${items.length} in all</span>`,
    current < pages ? `<a href="${h(href(current + 1))}" rel="next">Older →</a>` : "",
  ];
  return {
    rows: newestFirst,
    pager: `<nav class="pager" aria-label="Pages">${links.join("")}</nav>`,
  };
}

export function attemptResult(a: DeliveryAttempt): string {
  if (a.status !== undefined) {
    const good = a.status >= 200 && a.status < 300 && !a.dropped;
    return `<span class="${good ? "ok" : "bad"}">${a.status}${a.dropped ? " (dropped)" : ""}</span>`;
  }
  return `<span class="bad">${h(a.error ?? "in flight")}</span>`;
}

export function attemptKind(a: DeliveryAttempt): string {
  if (a.resent) return "resend";
  if (a.mode) return a.mode;
  return a.attempt === 1 ? "first try" : "retry";
}

/** The object a webhook is about: its payload type and id (`Refund ref_...`). */
export function subjectOf(d: DeliveryRecord): string {
  const data: unknown = d.payload.data;
  if (!isRecord(data)) return "";
  const kind = typeof data.payload_type === "string" ? data.payload_type : "";
  const snake = kind.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
  const key = [`${snake}_id`, "id"].find((k) => typeof data[k] === "string");
  const fallback = Object.keys(data).find((k) => k.endsWith("_id") && typeof data[k] === "string");
  const id = data[key ?? fallback ?? ""];
  return `${kind}${typeof id === "string" ? ` ${id}` : ""}`.trim();
}
