import type { ClientRequest, IncomingMessage } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AnyWebhookEnvelope } from "./events.js";
import { signWebhook } from "./sign.js";
import { newId } from "./util.js";

export const USER_AGENT = "dodo-payments-simulator/0.1";

/** One HTTP attempt to deliver a webhook message. */
export interface DeliveryAttempt {
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  url: string;
  /** ISO time the attempt started. */
  at: string;
  /** The endpoint's HTTP status, when it answered. */
  status?: number;
  /** Why the attempt failed without an HTTP status (connection refused, timeout, ...). */
  error?: string;
  durationMs: number;
  /** The first 2 KB of the endpoint's answer. */
  responseBody?: string;
}

/**
 * pending: being delivered or waiting for a retry; succeeded: an attempt got a 2xx;
 * failed: every attempt failed; skipped: no webhook URL was configured;
 * cancelled: the simulator closed before the message was delivered.
 */
export type DeliveryState = "pending" | "succeeded" | "failed" | "skipped" | "cancelled";

/** The delivery log entry of one webhook message. */
export interface DeliveryRecord {
  /** The `webhook-id` header, the same on every retry. */
  id: string;
  type: AnyWebhookEnvelope["type"];
  payload: AnyWebhookEnvelope;
  /** The exact body sent (compact JSON). */
  body: string;
  createdAt: string;
  attempts: DeliveryAttempt[];
  state: DeliveryState;
  /** ISO time of the next scheduled retry while one is pending. */
  nextAttemptAt: string | null;
}

export interface PostResult {
  status: number;
  body: string;
}

/**
 * POSTs a body to a URL with node:http(s), one connection per call (no keep-alive pool, so
 * nothing lingers after the simulator closes).
 */
export function postBody(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  track?: (req: ClientRequest) => () => void,
): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(`invalid URL: ${url}`));
      return;
    }
    const send =
      target.protocol === "https:"
        ? httpsRequest
        : target.protocol === "http:"
          ? httpRequest
          : undefined;
    if (!send) {
      reject(new Error(`unsupported protocol: ${target.protocol}`));
      return;
    }
    const req = send(target, {
      method: "POST",
      agent: false,
      headers: {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        "user-agent": USER_AGENT,
        connection: "close",
        ...headers,
      },
    });
    const untrack = track?.(req);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", (err) => {
      untrack?.();
      reject(err);
    });
    req.on("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (size < 2048) chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => {
        untrack?.();
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8").slice(0, 2048),
        });
      });
      res.on("error", (err) => {
        untrack?.();
        reject(err);
      });
    });
    req.end(body);
  });
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

export interface DispatcherOptions {
  webhookKey: string;
  getUrl: () => string | undefined;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
}

type Listener = () => void;

/** Signs, sends and retries webhook messages, and keeps the delivery log. */
export class WebhookDispatcher {
  readonly deliveries: DeliveryRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<ClientRequest>();
  private readonly listeners = new Set<Listener>();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: DispatcherOptions) {}

  /**
   * Queues one message. Messages start in the order they were sent (each first attempt
   * waits for the previous message's first attempt); retries run on their own schedule.
   * The promise resolves after this message's first attempt.
   */
  send(payload: AnyWebhookEnvelope): { record: DeliveryRecord; firstAttempt: Promise<void> } {
    const body = JSON.stringify(payload);
    const record: DeliveryRecord = {
      id: newId("msg"),
      type: payload.type,
      payload,
      body,
      createdAt: new Date().toISOString(),
      attempts: [],
      state: "pending",
      nextAttemptAt: null,
    };
    this.deliveries.push(record);
    if (!this.options.getUrl()) {
      record.state = "skipped";
      this.notify();
      return { record, firstAttempt: Promise.resolve() };
    }
    this.notify();
    const firstAttempt = this.chain.then(() => this.attempt(record));
    this.chain = firstAttempt.catch(() => undefined);
    return { record, firstAttempt };
  }

  private async attempt(record: DeliveryRecord): Promise<void> {
    if (this.closed || record.state !== "pending") return;
    const url = this.options.getUrl();
    const number = record.attempts.length + 1;
    const started = Date.now();
    const attempt: DeliveryAttempt = {
      attempt: number,
      url: url ?? "",
      at: new Date(started).toISOString(),
      durationMs: 0,
    };
    record.nextAttemptAt = null;
    if (!url) {
      attempt.error = "no webhook URL configured";
    } else {
      try {
        const headers = signWebhook({
          body: record.body,
          webhookKey: this.options.webhookKey,
          id: record.id,
        });
        const result = await postBody(
          url,
          record.body,
          { ...headers },
          this.options.timeoutMs,
          (req) => {
            this.inflight.add(req);
            return () => this.inflight.delete(req);
          },
        );
        attempt.status = result.status;
        attempt.responseBody = result.body;
      } catch (err) {
        attempt.error = this.closed ? "simulator closed" : describeError(err);
      }
    }
    attempt.durationMs = Date.now() - started;
    record.attempts.push(attempt);
    if (this.closed) {
      record.state = "cancelled";
    } else if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) {
      record.state = "succeeded";
    } else {
      const delay = this.options.retryDelaysMs[number - 1];
      if (delay === undefined) {
        record.state = "failed";
      } else {
        record.nextAttemptAt = new Date(Date.now() + delay).toISOString();
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          void this.attempt(record);
        }, delay);
        this.timers.add(timer);
      }
    }
    this.notify();
  }

  /** Resolves with the first delivery (past or future) that matches, or rejects on timeout. */
  waitFor(predicate: (d: DeliveryRecord) => boolean, timeoutMs: number): Promise<DeliveryRecord> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.deliveries.find(predicate);
        if (found) {
          cleanup();
          resolve(found);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.deliveries
          .map((d) => `${d.type}:${d.state}(${d.attempts.length})`)
          .join(", ");
        reject(
          new Error(
            `waitForDelivery: no matching delivery within ${timeoutMs} ms (deliveries: ${seen || "none"})`,
          ),
        );
      }, timeoutMs);
      const listener: Listener = () => {
        check();
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
      check();
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Cancels retry timers and aborts requests in flight. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const req of this.inflight) req.destroy(new Error("simulator closed"));
    this.inflight.clear();
    for (const record of this.deliveries) {
      if (record.state === "pending") {
        record.state = "cancelled";
        record.nextAttemptAt = null;
      }
    }
    this.notify();
  }
}
