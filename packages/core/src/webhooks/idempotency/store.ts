// What the `idempotency` option of the webhook handler needs from a store, and the in-memory store.
import type { MaybePromise } from "../../maybe";

/**
 * What `claim` found: `"claimed"` (the caller now holds the id and runs the handlers),
 * `"in-progress"` (another delivery holds an unexpired claim), `"completed"` (handled already).
 */
export type ClaimResult = "claimed" | "in-progress" | "completed";

/**
 * Where the webhook handler records which `webhook-id`s are being handled and which are done.
 * Keys are opaque strings (the `webhook-id`); tokens are random per delivery. A store must give:
 *
 * - `claim` is atomic: of any number of concurrent claims of one key, at most one gets
 *   `"claimed"` while its lease lasts. (Redis: `SET NX PX`; SQL: an `INSERT ... ON CONFLICT`
 *   or a row lock; Cloudflare: a Durable Object, whose requests run one at a time. Cloudflare KV
 *   alone is not enough: it is eventually consistent, and two claims can both succeed.)
 * - A claim expires after `leaseMs` unless completed, so the id of an instance that crashed
 *   mid-handler becomes claimable again.
 * - `release` and `complete` act on a claim only through its token (compare-and-set): a delivery
 *   whose lease expired and was claimed by another can no longer delete that other's claim.
 * - A completed key stays completed for `retainMs`, then may be forgotten.
 * - A failure (connection lost, timeout) rejects or throws; it never answers a guess.
 */
export interface IdempotencyStore {
  /** Takes the key for `leaseMs` under `token` unless it is claimed (unexpired) or completed. */
  claim(key: string, token: string, leaseMs: number): MaybePromise<ClaimResult>;
  /**
   * Marks the key completed for `retainMs`, whoever holds it. Resolves `false` when the claim was
   * no longer `token`'s (its lease ran out while the handlers ran: they may have run twice).
   */
  complete(key: string, token: string, retainMs: number): MaybePromise<boolean>;
  /** Deletes the claim if `token` still holds it, so a retry can claim the key at once. */
  release(key: string, token: string): MaybePromise<void>;
}

interface Entry {
  /** The claim's token; null once completed. */
  token: string | null;
  expiresAt: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/** See `memoryIdempotencyStore`. A class, so that configs holding one are compared by identity. */
class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  #nextSweep = 0;

  claim(key: string, token: string, leaseMs: number): ClaimResult {
    const now = Date.now();
    this.#sweep(now);
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt > now) return entry.token === null ? "completed" : "in-progress";
    this.#entries.set(key, { token, expiresAt: now + leaseMs });
    return "claimed";
  }

  complete(key: string, token: string, retainMs: number): boolean {
    const now = Date.now();
    const entry = this.#entries.get(key);
    const held = entry?.token === token && entry.expiresAt > now;
    this.#entries.set(key, { token: null, expiresAt: now + retainMs });
    return held;
  }

  release(key: string, token: string): void {
    if (this.#entries.get(key)?.token === token) this.#entries.delete(key);
  }

  /** Drops expired entries, at most once a minute: no timer, so it never keeps a process alive. */
  #sweep(now: number): void {
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + SWEEP_INTERVAL_MS;
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}

/**
 * An idempotency store in this process's memory: exactly-once per `webhook-id` among the
 * deliveries that reach this process, concurrent ones included. Several instances of an app each
 * have their own, so a retry that lands on another instance runs again there: use
 * `redisIdempotencyStore` (or a store of your own) for those. Create it once, at module scope.
 */
export function memoryIdempotencyStore(): IdempotencyStore {
  return new MemoryIdempotencyStore();
}
