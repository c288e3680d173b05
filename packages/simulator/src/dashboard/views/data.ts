// Products, customers, payments and subscriptions.

import type { SimulatorContext } from "../../context.js";
import { escapeHtml as h } from "../../util.js";
import { DASHBOARD_PATH } from "../path.js";
import { type Page, paged, pageLink } from "./layout.js";

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

export function dataPage(ctx: SimulatorContext, kind: DataKind, page: number): Page {
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
