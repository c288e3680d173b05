import type { ClientRequest } from "node:http";
import type { WebhookHeaders } from "@dodopayments/core/webhooks";
import {
  type AttemptMode,
  type DeliveryPlan,
  dropsAnswer,
  type PlannedAttempt,
  planTarget,
  startPlan,
} from "./delivery-plan.js";
import type { AnyWebhookEnvelope } from "./events.js";
import { signWebhookSync as signWebhook } from "./sign.js";
import { newId } from "./util.js";
import { describeError, postBody } from "./webhook-post.js";

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
  /** Set on an extra copy sent by a `DeliveryPlan` (not part of the retry chain). */
  mode?: AttemptMode;
  /** The answer was read and then ignored, as if the sender had timed out (`dropResponses`). */
  dropped?: boolean;
  /** Sent by `resend` (the dashboard's Resend button): a manual redelivery, not a retry. */
  resent?: boolean;
  /** The signed Standard Webhooks headers this attempt sent (absent when there was no URL). */
  headers?: WebhookHeaders;
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

export interface DispatcherOptions {
  webhookKey: string;
  getUrl: () => string | undefined;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  /** How many messages the log keeps. Default `MAX_DELIVERIES`. */
  maxDeliveries?: number;
}

/**
 * How many messages the delivery log keeps (the request log keeps as many requests): past that,
 * the oldest message that is no longer pending is dropped for each new one, so a simulator left
 * running does not grow without bound. Pending messages are never dropped.
 */
export const MAX_DELIVERIES = 10_000;

type Listener = (record?: DeliveryRecord) => void;

/** Signs, sends and retries webhook messages, and keeps the delivery log. */
export class WebhookDispatcher {
  readonly deliveries: DeliveryRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<ClientRequest>();
  private readonly listeners = new Set<Listener>();
  /** Plans of the messages sent with one, and how many attempts each message has started. */
  private readonly plans = new WeakMap<DeliveryRecord, DeliveryPlan>();
  private readonly started = new WeakMap<DeliveryRecord, number>();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: DispatcherOptions) {}

  /**
   * Queues one message. Messages start in the order they were sent (each first attempt
   * waits for the previous message's first attempt); retries run on their own schedule.
   * The promise resolves after this message's first attempt (and a plan's duplicates).
   */
  send(
    payload: AnyWebhookEnvelope,
    plan?: DeliveryPlan,
  ): { record: DeliveryRecord; firstAttempt: Promise<void> } {
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
    this.dropOldest();
    if (plan) this.plans.set(record, plan);
    if (!this.options.getUrl() && !plan?.targets?.length) {
      record.state = "skipped";
      this.notify();
      return { record, firstAttempt: Promise.resolve() };
    }
    this.notify();
    const start = plan
      ? () =>
          startPlan(
            plan,
            (planned) => this.attempt(record, planned).then(() => undefined),
            (run, delay) => this.schedule(run, delay),
          )
      : () => this.attempt(record).then(() => undefined);
    if (plan?.ordered === false) return { record, firstAttempt: start() };
    const firstAttempt = this.chain.then(start);
    this.chain = firstAttempt.catch(() => undefined);
    return { record, firstAttempt };
  }

  private dropOldest(): void {
    if (this.deliveries.length <= (this.options.maxDeliveries ?? MAX_DELIVERIES)) return;
    const settled = this.deliveries.findIndex((record) => record.state !== "pending");
    if (settled !== -1) this.deliveries.splice(settled, 1);
  }

  private schedule(run: () => void, delay: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, delay);
    this.timers.add(timer);
  }

  /**
   * Sends a message again as a new attempt, the way a dashboard's Resend does: the same
   * `webhook-id` and body, signed afresh, to the current webhook URL. It is not retried; a 2xx
   * answer marks the message succeeded, and a failure marks a skipped or cancelled one failed.
   * Resolves with the attempt once it has an answer or an error.
   */
  async resend(deliveryId: string): Promise<DeliveryAttempt> {
    if (this.closed) throw new Error("the simulator is closed");
    const record = this.deliveries.find((d) => d.id === deliveryId);
    if (!record) throw new RangeError(`no delivery ${deliveryId}`);
    const attempt = await this.attempt(record, {}, true);
    if (!attempt) throw new Error("the simulator is closed");
    return attempt;
  }

  /** Calls `listener` after every change to the log (a new message, an attempt, a state). */
  subscribe(listener: (record?: DeliveryRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async attempt(
    record: DeliveryRecord,
    planned: PlannedAttempt = { chain: 1 },
    resent = false,
  ): Promise<DeliveryAttempt | undefined> {
    // A plan's extra copies and resends go out whatever state the message is in; the retry
    // chain stops.
    if (this.closed || (planned.mode === undefined && !resent && record.state !== "pending"))
      return undefined;
    const plan = this.plans.get(record);
    const number = (this.started.get(record) ?? 0) + 1;
    this.started.set(record, number);
    const url = resent
      ? this.options.getUrl()
      : (planTarget(plan, number) ?? this.options.getUrl());
    const started = Date.now();
    const attempt: DeliveryAttempt = {
      attempt: number,
      url: url ?? "",
      at: new Date(started).toISOString(),
      durationMs: 0,
    };
    if (planned.mode) attempt.mode = planned.mode;
    else if (resent) attempt.resent = true;
    else record.nextAttemptAt = null;
    if (!url) {
      attempt.error = "no webhook URL configured";
    } else {
      try {
        const headers = signWebhook({
          body: record.body,
          webhookKey: this.options.webhookKey,
          id: record.id,
        });
        attempt.headers = headers;
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
        if (dropsAnswer(plan, planned)) attempt.dropped = true;
      } catch (err) {
        attempt.error = this.closed ? "simulator closed" : describeError(err);
      }
    }
    attempt.durationMs = Date.now() - started;
    record.attempts.push(attempt);
    const chain = planned.chain;
    if (this.closed) {
      if (record.state === "pending") record.state = "cancelled";
    } else if (
      !attempt.dropped &&
      attempt.status !== undefined &&
      attempt.status >= 200 &&
      attempt.status < 300
    ) {
      record.state = "succeeded";
    } else if (resent) {
      if (record.state === "skipped" || record.state === "cancelled") record.state = "failed";
    } else if (chain !== undefined && record.state === "pending") {
      const delay = this.options.retryDelaysMs[chain - 1];
      if (delay === undefined) {
        record.state = "failed";
      } else {
        record.nextAttemptAt = new Date(Date.now() + delay).toISOString();
        this.schedule(() => void this.attempt(record, { chain: chain + 1 }), delay);
      }
    }
    this.notify(record);
    return attempt;
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

  private notify(record?: DeliveryRecord): void {
    for (const listener of [...this.listeners]) listener(record);
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
