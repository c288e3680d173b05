// What every idempotency store must do (see `IdempotencyStore`), as one suite: core runs it on the
// in-memory store, packages/idempotency-tests on Redis through node-redis and ioredis. Real time
// with short leases, so a store whose expiry lives on a server is tested the same way.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { IdempotencyStore } from "../src/webhooks/idempotency/index";

const LEASE_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeIdempotencyStore(name: string, store: () => IdempotencyStore): void {
  describe(`${name}: the idempotency store contract`, () => {
    const key = () => `msg_${randomUUID()}`;

    it("gives a fresh id to exactly one of 50 concurrent claims", async () => {
      const id = key();
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store().claim(id, randomUUID(), LEASE_MS)),
      );
      expect(results.filter((r) => r === "claimed")).toHaveLength(1);
      expect(results.filter((r) => r === "in-progress")).toHaveLength(49);
    });

    it("answers completed once the holder completed, until the retention ends", async () => {
      const id = key();
      const token = randomUUID();
      expect(await store().claim(id, token, LEASE_MS)).toBe("claimed");
      expect(await store().complete(id, token, LEASE_MS)).toBe(true);
      expect(await store().claim(id, randomUUID(), LEASE_MS)).toBe("completed");
      // A release is compare-and-set on the token: nobody's token holds a completed id.
      await store().release(id, token);
      expect(await store().claim(id, randomUUID(), LEASE_MS)).toBe("completed");
      await sleep(LEASE_MS + 150);
      expect(await store().claim(id, randomUUID(), LEASE_MS)).toBe("claimed");
    });

    it("lets the next claim in once the holder released, and only the holder can release", async () => {
      const id = key();
      const holder = randomUUID();
      expect(await store().claim(id, holder, LEASE_MS)).toBe("claimed");
      await store().release(id, randomUUID());
      expect(await store().claim(id, randomUUID(), LEASE_MS)).toBe("in-progress");
      await store().release(id, holder);
      expect(await store().claim(id, randomUUID(), LEASE_MS)).toBe("claimed");
    });

    it("frees a claim whose lease ran out, and the late holder can neither release nor hold it", async () => {
      const id = key();
      const crashed = randomUUID();
      expect(await store().claim(id, crashed, LEASE_MS)).toBe("claimed");
      await sleep(LEASE_MS + 150);
      const retry = randomUUID();
      expect(await store().claim(id, retry, LEASE_MS)).toBe("claimed");
      await store().release(id, crashed);
      expect(await store().claim(id, randomUUID(), LEASE_MS)).toBe("in-progress");
      // The late holder's handlers succeeded after all: completed, but reported as not held.
      expect(await store().complete(id, crashed, 60_000)).toBe(false);
      expect(await store().claim(id, randomUUID(), LEASE_MS)).toBe("completed");
      // The retry's own completion then finds it completed, not its claim.
      expect(await store().complete(id, retry, 60_000)).toBe(false);
      await store().release(id, retry);
      expect(await store().claim(id, randomUUID(), LEASE_MS)).toBe("completed");
    });

    it("keeps ids apart", async () => {
      const [a, b] = [key(), key()];
      const token = randomUUID();
      expect(await store().claim(a, token, LEASE_MS)).toBe("claimed");
      expect(await store().claim(b, randomUUID(), LEASE_MS)).toBe("claimed");
      expect(await store().complete(a, token, 60_000)).toBe(true);
      expect(await store().claim(b, randomUUID(), LEASE_MS)).toBe("in-progress");
    });
  });
}
