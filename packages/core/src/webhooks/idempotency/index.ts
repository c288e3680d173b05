// `@dodopayments/core/idempotency`: exactly-once webhook handling per `webhook-id`, for the
// `idempotency` option of every adapter's `Webhooks(...)`. Loads neither the Dodo SDK nor a Redis library.

export {
  DEFAULT_LEASE_SECONDS,
  DEFAULT_RETAIN_SECONDS,
  type IdempotencyOptions,
} from "./guard";
export {
  type IoRedisLike,
  type NodeRedisLike,
  type RedisClientLike,
  type RedisIdempotencyStoreOptions,
  redisIdempotencyStore,
} from "./redis";
export { type ClaimResult, type IdempotencyStore, memoryIdempotencyStore } from "./store";
