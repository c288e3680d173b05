// Types of ensure-redis.mjs, for the idempotency tests that import it.
import type { EnsureResult, Machine } from "./ensure-browser.mjs";

export declare const DEFAULT_REDIS_SERVER: string;

/** The one line printed (and thrown by the tests) when there is no redis-server. */
export declare const MISSING_HINT: string;

/** The redis-server the tests run: the first on PATH, else /usr/bin/redis-server; or undefined. */
export declare function redisServerPath(machine?: Machine): string | undefined;

export declare function ensureRedis(
  options?: { install?: boolean },
  machine?: Machine,
): EnsureResult;
