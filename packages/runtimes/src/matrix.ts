// One runtime's block of the matrix: the binary is the one from the registry, the runtime offers
// what we expect core to find there (node:crypto, or only Web Crypto), and the conformance suite
// passes on it for core's fetch handlers and for the Hono adapter (both variants).
import { runConformanceSuite } from "@dodopayments/conformance/cases";
import { afterAll, describe, expect, it } from "vitest";
import type { RuntimeFacts } from "./app";
import { binaryVersion, type Runtime, runtimeFixtures } from "./harness";

const DUMMY_ENV = {
  DODO_PAYMENTS_API_KEY: "unused",
  DODO_PAYMENTS_BASE_URL: "http://127.0.0.1:9",
  DODO_PAYMENTS_WEBHOOK_KEY: "whsec_dW51c2Vk",
  DODO_PAYMENTS_RETURN_URL: "http://127.0.0.1:9/return",
  DODO_PAYMENTS_ENVIRONMENT: "test_mode",
} as const;

export function runtimeMatrix(options: {
  runtime: Runtime;
  /** The runtime and its version, as test names show it. */
  label: string;
  /** What `--version` prints first, up to any parenthesis. */
  binaryVersion: string;
  facts: RuntimeFacts;
}): void {
  const { runtime, label, facts } = options;
  describe(label, () => {
    const fixtures = runtimeFixtures(runtime);
    afterAll(fixtures.cleanup);

    it(`the binary is ${label} (${options.binaryVersion})`, () => {
      // Without the build details some print after it: "deno 2.9.6 (stable, release, <target>)".
      expect(binaryVersion(runtime).split(" (")[0]).toBe(options.binaryVersion);
    });

    const crypto = facts.nodeCrypto ? "node:crypto" : "Web Crypto (no node:crypto)";
    const process = facts.process ? "a process global" : "no process global";
    it(`serves on 127.0.0.1 with ${process}, so core verifies webhooks with ${crypto}`, async () => {
      const app = await fixtures.start(DUMMY_ENV);
      try {
        const response = await fetch(`${app.url}/api/test/runtime`);
        expect(await response.json()).toEqual(facts);
      } finally {
        await app.close();
      }
    });

    runConformanceSuite(fixtures.core);
    runConformanceSuite(fixtures.hono);
  });
}
