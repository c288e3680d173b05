import type { DeliveryAttempt, DeliveryRecord } from "../delivery.js";
import { WEBHOOK_EVENT_TYPES } from "../events.js";
import type { FaultRule } from "../faults.js";
import type { RecordedRequest } from "../http/recorder.js";
import { escapeHtml as h, isRecord } from "../util.js";
import { DASHBOARD_SCRIPT, DASHBOARD_STYLE } from "./assets.js";
import { DASHBOARD_PATH, type DashboardContext } from "./context.js";

/** Rows per page in every list. */
export const PAGE_SIZE = 50;

/** How much of a request body the request log shows. */
const BODY_LIMIT = 8192;

export type View = "deliveries" | "requests" | "actions" | "data";

const VIEWS: Array<[View, string, string]> = [
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

// ---------------------------------------------------------------- small pieces

function time(iso: string | null | undefined): string {
  if (!iso) return "";
  const clock = iso.slice(11, 23);
  return `<time datetime="${h(iso)}" title="${h(iso)}">${h(clock)}</time>`;
}

function stateBadge(state: string): string {
  return `<span class="state state-${h(state)}">${h(state)}</span>`;
}

function pretty(value: unknown): string {
  if (typeof value === "string") {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? "";
}

function clip(text: string, limit = BODY_LIMIT): string {
  return text.length > limit
    ? `${text.slice(0, limit)}\n… (${text.length - limit} more characters)`
    : text;
}

function notice(done: string | undefined, error: string | undefined): string {
  return `${done ? `<p class="notice" role="status">${h(done)}</p>` : ""}${error ? `<p class="error" role="alert">${h(error)}</p>` : ""}`;
}

export function pageNumber(query: URLSearchParams): number {
  return Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1);
}

/** A link to another page of the same list, keeping its filters. */
function pageLink(path: string, query: URLSearchParams): (page: number) => string {
  return (page) => {
    const next = new URLSearchParams(query);
    next.set("page", String(page));
    return `${path}?${next}`;
  };
}

/** The filter form above a list: a search box and, for deliveries, a state. */
function filterForm(query: URLSearchParams, states?: readonly string[]): string {
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

function matchesSearch(query: URLSearchParams, ...fields: string[]): boolean {
  const q = query.get("q")?.trim().toLowerCase();
  return !q || fields.some((f) => f.toLowerCase().includes(q));
}

/** The slice of `items` (newest first) on a 1-based page, and the links around it. */
function paged<T>(
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

function attemptResult(a: DeliveryAttempt): string {
  if (a.status !== undefined) {
    const good = a.status >= 200 && a.status < 300 && !a.dropped;
    return `<span class="${good ? "ok" : "bad"}">${a.status}${a.dropped ? " (dropped)" : ""}</span>`;
  }
  return `<span class="bad">${h(a.error ?? "in flight")}</span>`;
}

function attemptKind(a: DeliveryAttempt): string {
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

// ---------------------------------------------------------------- deliveries

const STATES = ["pending", "succeeded", "failed", "skipped", "cancelled"] as const;

export function deliveriesPage(ctx: DashboardContext, query: URLSearchParams): Page {
  const state = query.get("state");
  const all = ctx.dispatcher.deliveries;
  const filtered =
    state || query.get("q")
      ? all.filter(
          (d) => (!state || d.state === state) && matchesSearch(query, d.type, d.id, subjectOf(d)),
        )
      : all;
  const { rows, pager } = paged(filtered, pageNumber(query), pageLink(DASHBOARD_PATH, query));
  const body = rows
    .map((d) => {
      const chips = d.attempts
        .map(
          (a) =>
            `<li class="chip" title="${h(attemptKind(a))} at ${h(a.at)}">#${a.attempt} ${attemptResult(a)} <span class="muted">${a.durationMs} ms</span></li>`,
        )
        .join("");
      return `<tr data-delivery="${h(d.id)}">
<td class="nowrap">${time(d.createdAt)}</td>
<td class="nowrap"><code>${h(d.type)}</code></td>
<td><a id="open-${h(d.id)}" href="${DASHBOARD_PATH}/deliveries/${encodeURIComponent(d.id)}"><code>${h(d.id)}</code></a></td>
<td>${h(subjectOf(d))}</td>
<td>${stateBadge(d.state)}</td>
<td><ol class="chips" aria-label="Attempts">${chips || '<li class="muted">none yet</li>'}</ol></td>
<td class="nowrap">${d.nextAttemptAt ? time(d.nextAttemptAt) : ""}</td>
</tr>`;
    })
    .join("");
  const url = ctx.getWebhookUrl();
  return {
    title: "Webhook deliveries",
    view: "deliveries",
    body: `<h1>Webhook deliveries</h1>
<p class="muted">Sent to <code>${h(url ?? "(no webhook URL: set one under Actions)")}</code>. Newest first; open one for its payload, signed headers and Resend.</p>
${filterForm(query, STATES)}
<div id="live">
<table>
<thead><tr><th scope="col">Time (UTC)</th><th scope="col">Event</th><th scope="col">webhook-id</th><th scope="col">Object</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Next retry</th></tr></thead>
<tbody>${body || '<tr><td colspan="7" class="muted">No webhooks sent yet.</td></tr>'}</tbody>
</table>
${pager}
</div>`,
  };
}

export function deliveryPage(
  d: DeliveryRecord,
  flash: { done?: string; error?: string } = {},
): Page {
  const attempts = d.attempts
    .map((a) => {
      const good = a.status !== undefined && a.status >= 200 && a.status < 300 && !a.dropped;
      const headers = a.headers
        ? `<pre aria-label="Signed headers of attempt ${a.attempt}">${h(
            Object.entries(a.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join("\n"),
          )}</pre>`
        : '<p class="muted">Not sent (no headers).</p>';
      return `<li class="${good ? "good" : "fail"}" data-attempt="${a.attempt}">
<strong>Attempt ${a.attempt}</strong> <span class="muted">(${h(attemptKind(a))})</span> · ${time(a.at)} · ${attemptResult(a)} · ${a.durationMs} ms
<div class="muted"><code>POST ${h(a.url || "(no URL)")}</code></div>
${headers}
${a.responseBody ? `<div>Response body (start):</div><pre>${h(a.responseBody)}</pre>` : ""}
</li>`;
    })
    .join("");
  const next = d.nextAttemptAt ? `<dt>Next retry</dt><dd>${time(d.nextAttemptAt)}</dd>` : "";
  return {
    title: `${d.type} ${d.id}`,
    view: "deliveries",
    body: `<p><a href="${DASHBOARD_PATH}">← All deliveries</a></p>
<h1><code>${h(d.type)}</code></h1>
${notice(flash.done, flash.error)}
<div class="grid2">
<section class="card" aria-labelledby="attempts-h">
<div id="live">
<dl class="facts">
<dt>webhook-id</dt><dd><code>${h(d.id)}</code></dd>
<dt>Object</dt><dd>${h(subjectOf(d))}</dd>
<dt>Created</dt><dd>${time(d.createdAt)}</dd>
<dt>State</dt><dd data-testid="delivery-state">${stateBadge(d.state)}</dd>
${next}
</dl>
<h2 id="attempts-h">Attempts (${d.attempts.length})</h2>
<ol class="timeline" aria-label="Attempts">${attempts || '<li class="muted">No attempt yet.</li>'}</ol>
</div>
<form method="post" action="${DASHBOARD_PATH}/deliveries/${encodeURIComponent(d.id)}/resend">
<button type="submit">Resend</button>
<span class="muted">Same <code>webhook-id</code> and body, signed afresh, to the current webhook URL.</span>
</form>
</section>
<section class="card" aria-labelledby="payload-h">
<h2 id="payload-h">Payload</h2>
<button type="button" class="secondary" data-copy="payload">Copy</button>
<pre id="payload" tabindex="0" aria-label="Payload">${h(pretty(d.payload))}</pre>
</section>
</div>`,
  };
}

// ---------------------------------------------------------------- requests

function requestRow(r: RecordedRequest): string {
  const query = new URLSearchParams(r.query).toString();
  const status =
    r.status === null
      ? '<span class="muted">none</span>'
      : `<span class="${r.status < 400 ? "ok" : "bad"}">${r.status}</span>`;
  const reqBody = r.body === undefined ? "(empty)" : clip(pretty(r.body));
  const resBody = r.responseBody === undefined ? "(none)" : pretty(r.responseBody);
  return `<tr data-request="${h(r.id)}">
<td class="nowrap">${time(r.at)}</td>
<td><code>${h(r.method)}</code></td>
<td><code>${h(r.path)}${query ? `?${h(query)}` : ""}</code></td>
<td class="num" data-col="status">${status}</td>
<td class="num">${r.durationMs === null ? "" : `${r.durationMs} ms`}</td>
<td data-col="fault">${r.fault ? `<span class="bad">${h(r.fault)}</span>` : ""}</td>
<td><details id="bodies-${h(r.id)}"><summary>Bodies</summary>
<div>Request body</div><pre>${h(reqBody)}</pre>
<div>Response body (start)</div><pre>${h(resBody)}</pre>
</details></td>
</tr>`;
}

export function requestsPage(ctx: DashboardContext, query: URLSearchParams): Page {
  const filtered = query.get("q")
    ? ctx.requests.filter((r) =>
        matchesSearch(query, `${r.method} ${r.path}`, String(r.status ?? ""), r.fault ?? ""),
      )
    : ctx.requests;
  const { rows, pager } = paged(
    filtered,
    pageNumber(query),
    pageLink(`${DASHBOARD_PATH}/requests`, query),
  );
  return {
    title: "API requests",
    view: "requests",
    body: `<h1>API requests</h1>
<p class="muted">Every call to the simulated API, newest first. The API key is never recorded.</p>
${filterForm(query)}
<div id="live">
<table>
<thead><tr><th scope="col">Time (UTC)</th><th scope="col">Method</th><th scope="col">Path</th><th scope="col" class="num">Status</th><th scope="col" class="num">Latency</th><th scope="col">Fault</th><th scope="col">Bodies</th></tr></thead>
<tbody>${rows.map(requestRow).join("") || '<tr><td colspan="7" class="muted">No API requests yet.</td></tr>'}</tbody>
</table>
${pager}
</div>`,
  };
}

// ---------------------------------------------------------------- actions

export interface ActionsForm {
  type: string;
  payload: string;
  done?: string;
  error?: string;
}

function faultSummary(rule: FaultRule): string {
  const what = [
    rule.status !== undefined ? `status ${rule.status}` : "",
    rule.hang ? "hang" : "",
    rule.malformed ? "malformed body" : "",
    rule.drop ? "drop connection" : "",
    rule.latencyMs ? `${rule.latencyMs} ms latency` : "",
  ].filter(Boolean);
  return what.join(" + ");
}

export function actionsPage(ctx: DashboardContext, form: ActionsForm): Page {
  const options = WEBHOOK_EVENT_TYPES.map(
    (t) => `<option${t === form.type ? " selected" : ""}>${h(t)}</option>`,
  ).join("");
  const faults = ctx.faults.list();
  const faultRows = faults
    .map(
      (f) =>
        `<tr><td><code>${h(f.route)}</code></td><td>${h(faultSummary(f))}</td><td class="num">${f.count ?? "∞"}</td></tr>`,
    )
    .join("");
  return {
    title: "Actions",
    view: "actions",
    body: `<h1>Actions</h1>
${notice(form.done, form.error)}
<div class="grid2">
<section class="card" aria-labelledby="trigger-h">
<h2 id="trigger-h">Send a webhook event</h2>
<form method="post" action="${DASHBOARD_PATH}/trigger">
<label for="trigger-type">Event type</label>
<select id="trigger-type" name="type">${options}</select>
<label for="trigger-payload">Payload (edit before sending)</label>
<textarea id="trigger-payload" name="payload" rows="18" spellcheck="false">${h(form.payload)}</textarea>
<button type="submit">Send event</button>
</form>
</section>
<div>
<section class="card" aria-labelledby="url-h">
<h2 id="url-h">Webhook URL</h2>
<form method="post" action="${DASHBOARD_PATH}/webhook-url">
<label for="webhook-url">Where webhooks are POSTed (empty: none)</label>
<input id="webhook-url" name="url" type="url" size="48" value="${h(ctx.getWebhookUrl() ?? "")}" placeholder="http://127.0.0.1:3000/api/webhook">
<button type="submit">Save URL</button>
</form>
</section>
<section class="card" aria-labelledby="faults-h">
<h2 id="faults-h">Faults</h2>
<form method="post" action="${DASHBOARD_PATH}/faults">
<div class="row">
<div><label for="fault-route">Route</label>
<input id="fault-route" name="route" required value="*" placeholder="GET /products/:id" aria-describedby="fault-route-help"></div>
<div><label for="fault-kind">Fault</label>
<select id="fault-kind" name="kind">
<option value="status">Error status</option><option value="latency">Latency only</option><option value="hang">Hang</option><option value="malformed">Malformed JSON</option><option value="drop">Drop connection</option>
</select></div>
<div><label for="fault-status">Status</label>
<input id="fault-status" name="status" type="number" min="100" max="599" value="502"></div>
<div><label for="fault-latency">Latency (ms)</label>
<input id="fault-latency" name="latencyMs" type="number" min="0" max="600000" value=""></div>
<div><label for="fault-count">Times (empty: always)</label>
<input id="fault-count" name="count" type="number" min="1" value=""></div>
</div>
<p id="fault-route-help" class="muted">Route: <code>METHOD /path/:param</code>, a path for any method, or <code>*</code> for every API route.</p>
<button type="submit">Add fault</button>
</form>
<div id="live">
<h3>Active faults</h3>
<table>
<thead><tr><th scope="col">Route</th><th scope="col">Fault</th><th scope="col" class="num">Times left</th></tr></thead>
<tbody>${faultRows || '<tr><td colspan="3" class="muted">None.</td></tr>'}</tbody>
</table>
</div>
<form method="post" action="${DASHBOARD_PATH}/faults/clear">
<button type="submit" class="danger">Clear all faults</button>
</form>
</section>
</div>
</div>`,
  };
}

// ---------------------------------------------------------------- data

export type DataKind = "products" | "customers" | "payments" | "subscriptions";
export const DATA_KINDS: readonly DataKind[] = [
  "products",
  "customers",
  "payments",
  "subscriptions",
];

function cells(values: unknown[]): string {
  return values.map((v) => `<td>${v === null || v === undefined ? "" : h(v)}</td>`).join("");
}

export function dataPage(ctx: DashboardContext, kind: DataKind, page: number): Page {
  const href = pageLink(`${DASHBOARD_PATH}/data`, new URLSearchParams({ kind }));
  let head: string[];
  let rows: string[];
  let pager: string;
  if (kind === "products") {
    const list = paged([...ctx.state.products.values()], page, href);
    head = ["product_id", "name", "recurring", "price"];
    rows = list.rows.map((p) => {
      const price = p.price as { price?: number; fixed_price?: number; currency?: string };
      return cells([
        p.product_id,
        p.name,
        p.is_recurring ? "yes" : "no",
        `${price.currency ?? ""} ${price.price ?? price.fixed_price ?? ""}`,
      ]);
    });
    pager = list.pager;
  } else if (kind === "customers") {
    const list = paged([...ctx.state.customers.values()], page, href);
    head = ["customer_id", "name", "email", "created_at"];
    rows = list.rows.map((c) => cells([c.customer_id, c.name, c.email, c.created_at]));
    pager = list.pager;
  } else if (kind === "payments") {
    const list = paged(ctx.state.payments(), page, href);
    head = ["payment_id", "status", "total", "customer", "subscription_id", "created_at"];
    rows = list.rows.map((p) =>
      cells([
        p.payment_id,
        p.status,
        `${p.currency} ${p.total_amount}`,
        p.customer.email,
        p.subscription_id,
        p.created_at,
      ]),
    );
    pager = list.pager;
  } else {
    const list = paged(ctx.state.subscriptions(), page, href);
    head = ["subscription_id", "status", "product_id", "customer", "next_billing_date"];
    rows = list.rows.map((s) =>
      cells([s.subscription_id, s.status, s.product_id, s.customer.email, s.next_billing_date]),
    );
    pager = list.pager;
  }
  const subnav = DATA_KINDS.map(
    (k) =>
      `<a href="${DASHBOARD_PATH}/data?kind=${k}"${k === kind ? ' aria-current="page"' : ""}>${k[0]?.toUpperCase()}${k.slice(1)}</a>`,
  ).join("");
  return {
    title: `Data: ${kind}`,
    view: "data",
    body: `<h1>Data</h1>
<nav class="subnav" aria-label="Data kind">${subnav}</nav>
<div id="live">
<table>
<caption class="muted">${h(kind)} (amounts in minor units), newest first</caption>
<thead><tr>${head.map((c) => `<th scope="col">${h(c)}</th>`).join("")}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r}</tr>`).join("") || `<tr><td colspan="${head.length}" class="muted">None yet.</td></tr>`}</tbody>
</table>
${pager}
</div>`,
  };
}
