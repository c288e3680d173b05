// The delivery list and one delivery with its attempts and Resend.

import type { SimulatorContext } from "../../context.js";
import type { DeliveryRecord } from "../../delivery.js";
import { escapeHtml as h } from "../../util.js";
import { DASHBOARD_PATH } from "../path.js";
import type { Page } from "./layout.js";
import {
  attemptKind,
  attemptResult,
  filterForm,
  matchesSearch,
  notice,
  paged,
  pageLink,
  pageNumber,
  pretty,
  stateBadge,
  subjectOf,
  time,
} from "./layout.js";

const STATES = ["pending", "succeeded", "failed", "skipped", "cancelled"] as const;

export function deliveriesPage(ctx: SimulatorContext, query: URLSearchParams): Page {
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
  const url = ctx.webhookUrl;
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
