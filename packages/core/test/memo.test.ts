import { describe, expect, it, vi } from "vitest";
import { memoizeFactory } from "../src/memo";

describe("memoizeFactory", () => {
  const make = () => {
    const factory = vi.fn((config: object) => ({ config }));
    return { factory, memo: memoizeFactory(factory, { max: 3 }) };
  };

  it("returns the same result for configs with equal values", () => {
    const { factory, memo } = make();
    const hook = () => "cus_1";
    const a = memo({ bearerToken: "k", type: "session", getCustomerId: hook, urls: ["x", /y/i] });
    const b = memo({ urls: ["x", /y/i], getCustomerId: hook, type: "session", bearerToken: "k" });
    expect(a).toBe(b);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it("treats undefined options as absent", () => {
    const { memo } = make();
    expect(memo({ returnUrl: undefined, type: "static" })).toBe(memo({ type: "static" }));
  });

  it("tells different values and different function identities apart", () => {
    const { factory, memo } = make();
    memo({ bearerToken: "a" });
    memo({ bearerToken: "b" });
    memo({ bearerToken: "a", hook: () => 1 });
    memo({ bearerToken: "a", hook: () => 1 });
    memo({ n: 1 });
    memo({ n: "1" });
    expect(factory).toHaveBeenCalledTimes(6);
  });

  it("keys class instances by identity", () => {
    const { factory, memo } = make();
    const logger = new (class Logger {
      warn() {}
    })();
    memo({ logger });
    memo({ logger });
    memo({ logger: new (class Other {})() });
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it("drops the least recently used config beyond max", () => {
    const { factory, memo } = make();
    const first = memo({ k: 1 });
    memo({ k: 2 });
    memo({ k: 3 });
    expect(memo({ k: 1 })).toBe(first); // refreshes k:1
    memo({ k: 4 }); // evicts k:2
    expect(factory).toHaveBeenCalledTimes(4);
    memo({ k: 2 });
    expect(factory).toHaveBeenCalledTimes(5);
    expect(memo({ k: 1 })).toBe(first);
  });

  it("does not cache configs it cannot key safely", () => {
    const { factory, memo } = make();
    const config = { tag: Symbol("x") };
    expect(memo(config)).not.toBe(memo(config));
    expect(factory).toHaveBeenCalledTimes(2);
  });
});
