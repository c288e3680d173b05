// Reusing handlers across requests when a framework's documented usage calls the factory inside
// the request handler (Nuxt: `defineEventHandler((event) => checkoutHandler({...})(event))`).

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

function identity(value: object): string {
  let id = identities.get(value);
  if (id === undefined) {
    id = ++nextIdentity;
    identities.set(value, id);
  }
  return `#${id}`;
}

const MAX_DEPTH = 4;

/** A string that is equal for equal configs, or undefined when the value cannot be keyed safely. */
function keyOf(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
    case "boolean":
    case "bigint":
      return `${typeof value}:${String(value)}`;
    case "undefined":
      return "undefined";
    case "function":
      return identity(value);
    case "object": {
      if (value === null) return "null";
      if (value instanceof RegExp) return `regexp:${String(value)}`;
      if (depth >= MAX_DEPTH) return identity(value);
      if (Array.isArray(value)) {
        const parts: string[] = [];
        for (const item of value) {
          const key = keyOf(item, depth + 1);
          if (key === undefined) return undefined;
          parts.push(key);
        }
        return `[${parts.join(",")}]`;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return identity(value);
      const parts: string[] = [];
      for (const name of Object.keys(value).sort()) {
        const item = (value as Record<string, unknown>)[name];
        if (item === undefined) continue;
        const key = keyOf(item, depth + 1);
        if (key === undefined) return undefined;
        parts.push(`${JSON.stringify(name)}:${key}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      // Symbols: no safe key; the factory runs uncached.
      return undefined;
  }
}

export interface MemoizeFactoryOptions {
  /** How many distinct configs are kept; the least recently used is dropped first. Default 32. */
  max?: number;
}

/**
 * Wraps a handler factory so that equal configs give back the same handler, and with it the same
 * SDK client and product cache. Configs are compared by value for strings, numbers, booleans,
 * plain objects, arrays and regular expressions, and by identity for functions and other objects,
 * so a hook written inline in a request handler (a new function every request) simply misses the
 * cache and builds a fresh handler, which is correct, only slower.
 */
export function memoizeFactory<TConfig extends object, TResult>(
  factory: (config: TConfig) => TResult,
  options: MemoizeFactoryOptions = {},
): (config: TConfig) => TResult {
  const max = Math.max(1, options.max ?? 32);
  const cache = new Map<string, TResult>();
  return (config) => {
    const key = keyOf(config, 0);
    if (key === undefined) return factory(config);
    const cached = cache.get(key);
    if (cached !== undefined || cache.has(key)) {
      cache.delete(key);
      cache.set(key, cached as TResult);
      return cached as TResult;
    }
    const created = factory(config);
    cache.set(key, created);
    if (cache.size > max) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    return created;
  };
}
