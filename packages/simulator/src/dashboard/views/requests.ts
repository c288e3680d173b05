// The API request log.

import type { SimulatorContext } from "../../context.js";
import type { RecordedRequest } from "../../http/recorder.js";
import { escapeHtml as h } from "../../util.js";
import { DASHBOARD_PATH } from "../path.js";
import type { Page } from "./layout.js";
import {
  clip,
  filterForm,
  matchesSearch,
  paged,
  pageLink,
  pageNumber,
  pretty,
  time,
} from "./layout.js";

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

export function requestsPage(ctx: SimulatorContext, query: URLSearchParams): Page {
  const filtered = query.get("q")
    ? ctx.recorder.items.filter((r) =>
        matchesSearch(query, `${r.method} ${r.path}`, String(r.status ?? ""), r.fault ?? ""),
      )
    : ctx.recorder.items;
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
