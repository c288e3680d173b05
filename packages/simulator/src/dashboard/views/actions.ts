// Trigger events, set the webhook URL, add and clear faults.

import type { SimulatorContext } from "../../context.js";
import { WEBHOOK_EVENT_TYPES } from "../../events.js";
import type { FaultRule } from "../../faults.js";
import { escapeHtml as h } from "../../util.js";
import { DASHBOARD_PATH } from "../path.js";
import { notice, type Page } from "./layout.js";

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

export function actionsPage(ctx: SimulatorContext, form: ActionsForm): Page {
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
<input id="webhook-url" name="url" type="url" size="48" value="${h(ctx.webhookUrl ?? "")}" placeholder="http://127.0.0.1:3000/api/webhook">
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
