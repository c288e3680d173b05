// Delivery modes for testing exactly-once webhook handling: the same message several times at
// once, again after a delay, to several instances of an app, or with its answer dropped.

/**
 * How one message is delivered, beyond the normal first attempt and retries on failure. Every
 * copy has the message's `webhook-id` and body (signed afresh, like a retry).
 */
export interface DeliveryPlan {
  /**
   * Extra copies sent at the same moment as the first attempt, each on its own connection, as
   * when a retry lands on another instance while the first attempt still runs. They are not
   * retried themselves; a 2xx answer to one marks the message succeeded. Default 0.
   */
  duplicates?: number;
  /**
   * One more copy after each of these delays (ms from the first attempt's start), whatever
   * happened before: a late duplicate, or a replay. Not retried. Default none.
   */
  redeliverAfterMs?: number[];
  /**
   * The answers to the first this-many attempts of the retry chain are read and then ignored, as
   * if the sender had timed out: the endpoint handled them, and the message is retried anyway.
   * Default 0.
   */
  dropResponses?: number;
  /**
   * Webhook URLs the attempts go to in turn (each copy, retry and redelivery to the next): the
   * instances of one app with no load balancer in front. Default: the simulator's webhook URL.
   */
  targets?: string[];
  /**
   * Wait for the previous message's first attempt before starting, as every message does by
   * default. `false` starts at once, so a test can keep many messages in flight.
   */
  ordered?: boolean;
}

const MAX_COPIES = 100;

function wholeNumber(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
    throw new TypeError(`${name} must be a whole number >= 0`);
  }
  if (typeof value === "number" && value > max) throw new TypeError(`${name} must be <= ${max}`);
}

/** Throws a TypeError naming the first field of `plan` that is not valid. */
export function validateDeliveryPlan(plan: DeliveryPlan): void {
  if (typeof plan !== "object" || plan === null) throw new TypeError("plan must be an object");
  wholeNumber(plan.duplicates, "duplicates", MAX_COPIES);
  wholeNumber(plan.dropResponses, "dropResponses");
  if (plan.redeliverAfterMs !== undefined) {
    if (!Array.isArray(plan.redeliverAfterMs) || plan.redeliverAfterMs.length > MAX_COPIES) {
      throw new TypeError(`redeliverAfterMs must be an array of at most ${MAX_COPIES} delays`);
    }
    for (const delay of plan.redeliverAfterMs) wholeNumber(delay, "redeliverAfterMs[]");
  }
  if (plan.targets !== undefined) {
    if (!Array.isArray(plan.targets) || plan.targets.length === 0) {
      throw new TypeError("targets must be a non-empty array of URLs");
    }
    for (const target of plan.targets) {
      const { protocol } = new URL(target);
      if (protocol !== "http:" && protocol !== "https:") {
        throw new TypeError(`targets must be http(s) URLs: ${target}`);
      }
    }
  }
  if (plan.ordered !== undefined && typeof plan.ordered !== "boolean") {
    throw new TypeError("ordered must be a boolean");
  }
}

/** What an attempt is, for the delivery log: part of the retry chain, or an extra copy. */
export type AttemptMode = "duplicate" | "redelivery";

export interface PlannedAttempt {
  /** The attempt's place in the retry chain (1 for the first attempt); absent for extra copies. */
  chain?: number;
  mode?: AttemptMode;
}

/** Where the attempt that starts `sequence`-th (from 1) goes, when the plan names targets. */
export function planTarget(plan: DeliveryPlan | undefined, sequence: number): string | undefined {
  const targets = plan?.targets;
  return targets?.length ? targets[(sequence - 1) % targets.length] : undefined;
}

/** Whether the answer to this attempt is read and then ignored (a simulated sender timeout). */
export function dropsAnswer(plan: DeliveryPlan | undefined, attempt: PlannedAttempt): boolean {
  return attempt.chain !== undefined && attempt.chain <= (plan?.dropResponses ?? 0);
}

/**
 * Starts the plan's first attempts (the retry chain's first and the duplicates, all at once)
 * and schedules its redeliveries. Resolves once the first attempts are answered.
 */
export function startPlan(
  plan: DeliveryPlan,
  attempt: (planned: PlannedAttempt) => Promise<void>,
  schedule: (run: () => void, delayMs: number) => void,
): Promise<void> {
  for (const delay of plan.redeliverAfterMs ?? []) {
    schedule(() => void attempt({ mode: "redelivery" }), delay);
  }
  const copies = Array.from({ length: plan.duplicates ?? 0 }, () => attempt({ mode: "duplicate" }));
  return Promise.all([attempt({ chain: 1 }), ...copies]).then(() => undefined);
}
