import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "#imports": fileURLToPath(new URL("./test/stubs/imports.ts", import.meta.url)) },
  },
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-output/vitest.json" },
    testTimeout: 20_000,
  },
});
