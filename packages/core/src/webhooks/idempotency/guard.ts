// Exactly-once handling per `webhook-id`: claim, run, complete (or release), around the handlers.
import { DodoHttpError, type Logger, type PlainResponse, problemResult } from "../../http";
import { after, isThenable, type MaybePromise } from "../../maybe";
import type { IdempotencyStore } from "./store";

export interface IdempotencyOptions {
  /** Where claims and completions are kept: `memoryIdempotencyStore()`, `redisIdempotencyStore(client)`, or your own. */
  store: IdempotencyStore;
  /**
   * How long a delivery holds its `webhook-id` while the handlers run; after that (an instance
   * that crashed mid-handler) a retry may run them. Longer than your slowest handler. Default 60.
   */
  leaseSeconds?: number;
  /**
   * How long a completed `webhook-id` is remembered, so that later deliveries of it are answered
   * 200 without running the handlers. Default 3 days: longer than Dodo's retry schedule
   * (about 28 hours from the first attempt to the last).
   */
  retainSeconds?: number;
}

export const DEFAULT_LEASE_SECONDS = 60;
export const DEFAULT_RETAIN_SECONDS = 3 * 24 * 60 * 60;

/** Runs the handlers of one verified delivery; a 2xx answer means they succeeded. */
export type RunDelivery = () => MaybePromise<PlainResponse>;

/** Wraps the handlers of a delivery: `(webhookId, run) => answer`. */
export type DeliveryGuard = (webhookId: string, run: RunDelivery) => MaybePromise<PlainResponse>;

/** A store call as a value or a native promise: a synchronous throw becomes a rejection. */
function call<T>(operation: () => MaybePromise<T>): T | Promise<T> {
  try {
    const value = operation();
    return isThenable(value) ? Promise.resolve(value) : value;
  } catch (error) {
    return Promise.reject(error);
  }
}

function seconds(value: number | undefined, fallback: number, name: string): number {
  const chosen = value ?? fallback;
  if (!Number.isFinite(chosen) || chosen <= 0) {
    throw new TypeError(`idempotency.${name} must be a positive number of seconds`);
  }
  return chosen;
}

const ALREADY_HANDLED: PlainResponse = Object.freeze({ status: 200, headers: {}, body: "" });

/**
 * The guard the webhook handler puts around its handlers when `idempotency` is set. Only
 * verified deliveries reach it. A store failure answers 500, so Dodo retries; it never runs the
 * handlers without a claim and never reports a delivery done that is not.
 */
export function idempotencyGuard(options: IdempotencyOptions, logger: Logger): DeliveryGuard {
  const store = options.store;
  if (
    typeof store?.claim !== "function" ||
    typeof store.complete !== "function" ||
    typeof store.release !== "function"
  ) {
    throw new TypeError(
      "idempotency.store must be an idempotency store: memoryIdempotencyStore(), redisIdempotencyStore(client), or an object with claim, complete and release",
    );
  }
  const lease = seconds(options.leaseSeconds, DEFAULT_LEASE_SECONDS, "leaseSeconds");
  const leaseMs = Math.ceil(lease * 1000);
  const retainMs = Math.ceil(
    seconds(options.retainSeconds, DEFAULT_RETAIN_SECONDS, "retainSeconds") * 1000,
  );
  // By the time the lease could have run out, a retry gets a final answer: 200 or a fresh run.
  const inProgress = Object.freeze(
    problemResult(
      new DodoHttpError(409, "Webhook already in progress", {
        detail: "Another delivery of this webhook-id is being handled. Retry later.",
        headers: { "retry-after": String(Math.ceil(lease)) },
      }),
    ),
  );
  const storeFailed = Object.freeze(
    problemResult(new DodoHttpError(500, "Webhook idempotency store unavailable")),
  );

  return (webhookId, run) => {
    const token = crypto.randomUUID();

    const settle = (result: PlainResponse): MaybePromise<PlainResponse> => {
      if (result.status >= 300) {
        // The handlers failed: free the id so that Dodo's retry runs them.
        return after(
          call(() => store.release(webhookId, token)),
          () => result,
          (error) => {
            logger.error(
              `Idempotency store: releasing webhook ${webhookId} failed; its retry waits until the ${lease} s lease runs out.`,
              error,
            );
            return result;
          },
        );
      }
      return after(
        call(() => store.complete(webhookId, token, retainMs)),
        (held) => {
          if (held === false) {
            logger.warn(
              `Webhook ${webhookId}: the handlers took longer than the ${lease} s lease, so another delivery may have run them too. Raise idempotency.leaseSeconds.`,
            );
          }
          return result;
        },
        (error) => {
          logger.error(
            `Idempotency store: webhook ${webhookId} was handled but could not be marked completed; answering 500, and the retry after the ${lease} s lease runs the handlers again.`,
            error,
          );
          return storeFailed;
        },
      );
    };

    return after(
      call(() => store.claim(webhookId, token, leaseMs)),
      (state) => {
        if (state === "claimed") {
          // `run` answers a throwing handler itself; a rejection here is a bug, handled the same.
          return after(call(run), settle, () =>
            settle(problemResult(new DodoHttpError(500, "Webhook handler failed"))),
          );
        }
        if (state === "completed") return ALREADY_HANDLED;
        if (state === "in-progress") return inProgress;
        logger.error(`Idempotency store: claim answered ${String(state)}; answering 500.`);
        return storeFailed;
      },
      (error) => {
        logger.error(
          `Idempotency store: claiming webhook ${webhookId} failed; answering 500 so Dodo Payments retries.`,
          error,
        );
        return storeFailed;
      },
    );
  };
}
