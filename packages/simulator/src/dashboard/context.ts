import type { ServerResponse } from "node:http";
import type { WebhookDispatcher } from "../delivery.js";
import type { FaultRegistry } from "../faults.js";
import type { Customer, Payment, Product, Subscription } from "../sdk-types.js";

/** Where the dashboard lives, under the loopback-only `/_sim` control routes. */
export const DASHBOARD_PATH = "/_sim/dashboard";

/** The fields of one recorded API request the dashboard shows (the simulator's `RecordedRequest`). */
export interface DashboardRequest {
  id: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number | null;
  fault: string | null;
  at: string;
  durationMs: number | null;
  responseBody?: string;
}

/** Everything the dashboard reads and changes, handed over by the simulator's HTTP server. */
export interface DashboardContext {
  /** The simulator's base URL (its host is accepted in the `Host` header besides loopback names). */
  baseUrl: string;
  businessId: string;
  /** The API request log, oldest first. */
  requests: readonly DashboardRequest[];
  /** Calls `listener` whenever a request is recorded or answered; returns an unsubscribe. */
  onRequestsChange(listener: () => void): () => void;
  /** The webhook sender: its delivery log, `send`, `resend` and `subscribe`. */
  dispatcher: WebhookDispatcher;
  faults: FaultRegistry;
  state: {
    products: ReadonlyMap<string, Product>;
    customers: ReadonlyMap<string, Customer>;
    payments(): Payment[];
    subscriptions(): Subscription[];
  };
  getWebhookUrl(): string | undefined;
  /** Validates and sets the webhook URL (throws a TypeError on a bad one). */
  setWebhookUrl(url: string | undefined): void;
}

/** A set of listeners to tell about a change (the request log's, for live views). */
export class ChangeSignal {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** How much of an answer the request log keeps. */
export const RESPONSE_BODY_LIMIT = 4096;

/**
 * Watches one API response: calls `done` once, when it has been sent or its connection closed,
 * with the time since this call and the start of the body passed to `res.end` (every API answer
 * is written with one `end` call).
 */
export function captureResponse(
  res: ServerResponse,
  done: (durationMs: number, body: string | undefined) => void,
): void {
  const started = performance.now();
  let body: string | undefined;
  const end = res.end;
  // `end` has three overloads; this wrapper only peeks at the first argument and passes all on.
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    const [chunk] = args;
    if (typeof chunk === "string") body = chunk.slice(0, RESPONSE_BODY_LIMIT);
    else if (chunk instanceof Uint8Array)
      body = Buffer.from(chunk).toString("utf8").slice(0, RESPONSE_BODY_LIMIT);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["end"];
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    done(Math.round(performance.now() - started), body);
  };
  res.on("finish", report);
  res.on("close", report);
}
