import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import DodoPayments from "dodopayments";
import { type Browser, chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../../../scripts/ensure-browser.mjs";
import type { Simulator } from "../src/index.js";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Chooses the status for the n-th request (0-based), now or later. Default: 200. */
  respond: (n: number, req: ReceivedWebhook) => number | Promise<number>;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A plain node:http server that records the webhooks it receives. */
export async function startReceiver(port = 0): Promise<Receiver> {
  const waiters = new Set<() => void>();
  const receiver: Receiver = {
    url: "",
    port: 0,
    received: [],
    respond: () => 200,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (receiver.received.length >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(receiver.received.slice(0, count));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver got ${receiver.received.length} of ${count} webhooks`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const entry: ReceivedWebhook = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      const n = receiver.received.length;
      receiver.received.push(entry);
      const status = await receiver.respond(n, entry);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(status < 300 ? '{"received":true}' : '{"error":"nope"}');
      for (const w of [...waiters]) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/webhook`;
  return receiver;
}

/** The official SDK pointed at a simulator (only baseURL: `environment` too throws). */
export function sdkFor(
  sim: Simulator,
  extra: Partial<ConstructorParameters<typeof DodoPayments>[0]> = {},
) {
  return new DodoPayments({ bearerToken: sim.apiKey, baseURL: sim.url, logLevel: "off", ...extra });
}

/** Picks the Standard Webhooks headers from an incoming request. */
export function webhookHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return {
    "webhook-id": String(headers["webhook-id"]),
    "webhook-timestamp": String(headers["webhook-timestamp"]),
    "webhook-signature": String(headers["webhook-signature"]),
  };
}

/** POSTs the hosted checkout form (what the Pay / Fail buttons do) without following redirects. */
export async function submitCheckout(
  sim: Simulator,
  checkoutUrl: string,
  action: "pay" | "fail",
  fields: Record<string, string> = {},
): Promise<Response> {
  const page = await fetch(checkoutUrl);
  const html = await page.text();
  const match = /action="(\/checkout\/[^"]+)\/pay"/.exec(html);
  if (!match) throw new Error(`no checkout form on ${checkoutUrl}: ${html.slice(0, 300)}`);
  return fetch(`${sim.url}${match[1]}/${action}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

/**
 * The system Chromium ($DODO_CHROMIUM_PATH, else /usr/bin/chromium; the root `pnpm test`
 * installs it), headless. Throws the one-line fix when it is missing: browser tests fail, never skip.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
