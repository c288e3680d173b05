import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-output/vitest.json" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One runtime (and flag combination) per file; two at a time on a 2-core machine.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
