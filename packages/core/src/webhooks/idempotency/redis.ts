// The Redis idempotency store: one Lua script per operation, so each is atomic on the server and
// costs one round trip. Works with node-redis (`redis`) and ioredis clients without importing
// either: the client is recognised by its shape.
import type { ClaimResult, IdempotencyStore } from "./store";

type Reply = Promise<unknown>;

/** A node-redis (v4 and later) client or cluster: `eval(script, { keys, arguments })`. */
export interface NodeRedisLike {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Reply;
  /** node-redis also names every command in capitals; ioredis does not. */
  EVAL: unknown;
}

/** An ioredis `Redis` or `Cluster`: `eval(script, numberOfKeys, ...keysThenArguments)`. */
export interface IoRedisLike {
  eval(script: string, numberOfKeys: number, ...keysAndArguments: string[]): Reply;
  call: unknown;
}

/** The clients `redisIdempotencyStore` accepts. Connect a node-redis client first. */
export type RedisClientLike = NodeRedisLike | IoRedisLike;

export interface RedisIdempotencyStoreOptions {
  /**
   * Prepended to each `webhook-id` to make the key. Default `"dodo:webhook:"`. Give each webhook
   * endpoint its own prefix when several share one Redis: Dodo sends the same `webhook-id` to
   * every endpoint subscribed to an event.
   */
  prefix?: string;
}

// KEYS[1] the key; ARGV[1] the token; ARGV[2] milliseconds. The completed mark is "done", which
// no token (a UUID) equals. Replies are integers, the same on every client and protocol version.
const CLAIM = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == 'done' then return 2 end
return 3`;
const COMPLETE = `local held = redis.call('GET', KEYS[1]) == ARGV[1]
redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2])
if held then return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const CLAIM_RESULTS: Record<number, ClaimResult> = {
  1: "claimed",
  2: "completed",
  3: "in-progress",
};

type Evaluate = (script: string, key: string, token: string, ms?: number) => Reply;

function evaluator(client: RedisClientLike): Evaluate {
  const shape = client as Partial<Record<"eval" | "EVAL" | "call", unknown>> | null | undefined;
  if (typeof shape?.eval === "function" && typeof shape.EVAL === "function") {
    const nodeRedis = client as NodeRedisLike;
    return (script, key, token, ms) =>
      nodeRedis.eval(script, {
        keys: [key],
        arguments: ms === undefined ? [token] : [token, String(ms)],
      });
  }
  if (typeof shape?.eval === "function" && typeof shape.call === "function") {
    const ioredis = client as IoRedisLike;
    return (script, key, token, ms) =>
      ms === undefined
        ? ioredis.eval(script, 1, key, token)
        : ioredis.eval(script, 1, key, token, String(ms));
  }
  throw new TypeError(
    "redisIdempotencyStore needs a node-redis client (createClient() from `redis`, connected) or an ioredis client (new Redis()).",
  );
}

/** See `redisIdempotencyStore`. A class, so that configs holding one are compared by identity. */
class RedisIdempotencyStore implements IdempotencyStore {
  readonly #evaluate: Evaluate;
  readonly #prefix: string;

  constructor(client: RedisClientLike, options: RedisIdempotencyStoreOptions) {
    this.#evaluate = evaluator(client);
    this.#prefix = options.prefix ?? "dodo:webhook:";
  }

  async claim(key: string, token: string, leaseMs: number): Promise<ClaimResult> {
    const reply = await this.#evaluate(CLAIM, this.#prefix + key, token, leaseMs);
    const result = CLAIM_RESULTS[Number(reply)];
    if (!result) throw new Error(`Unexpected reply from the Redis claim script: ${String(reply)}`);
    return result;
  }

  async complete(key: string, token: string, retainMs: number): Promise<boolean> {
    return Number(await this.#evaluate(COMPLETE, this.#prefix + key, token, retainMs)) === 1;
  }

  async release(key: string, token: string): Promise<void> {
    await this.#evaluate(RELEASE, this.#prefix + key, token);
  }
}

/**
 * An idempotency store in Redis, shared by every instance of the app: exactly-once per
 * `webhook-id` across instances. Pass a node-redis client (`createClient()`, after `connect()`)
 * or an ioredis client; neither library is a dependency of this package. Claims are a
 * `SET NX PX`, completion and release compare the claim's token first, each in one Lua script.
 */
export function redisIdempotencyStore(
  client: RedisClientLike,
  options: RedisIdempotencyStoreOptions = {},
): IdempotencyStore {
  return new RedisIdempotencyStore(client, options);
}
