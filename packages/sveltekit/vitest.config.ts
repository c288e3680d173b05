import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// SvelteKit's virtual env modules, as the README's snippets import them; test/ambient.d.ts
// types them as SvelteKit generates them.
const envModule = (file: string) => fileURLToPath(new URL(`./test/env/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "$env/static/private": envModule("static-private.ts"),
      "$env/dynamic/private": envModule("dynamic-private.ts"),
      "$app/env/private": envModule("app-env-private.ts"),
    },
  },
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-output/vitest.json" },
    testTimeout: 20_000,
  },
});
