import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The example app imports the package by name; the tests run it against this source.
    alias: [
      {
        find: /^@dodopayments\/convex$/,
        replacement: fileURLToPath(new URL("./src/client/index.ts", import.meta.url)),
      },
    ],
  },
  test: {
    // convex-test's recommended environment: the Web-platform globals of Vercel's edge runtime,
    // closer to Convex's isolates than Node's.
    environment: "edge-runtime",
    reporters: ["default", "json"],
    outputFile: { json: "test-output/vitest.json" },
    testTimeout: 20_000,
  },
});
