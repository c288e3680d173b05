import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base";

// Each entry is a stub in src/entries that also imports src/entries/light.ts. With esbuild's tree
// shaking off (and package.json's `sideEffects: false` ignored for this build only: consumers'
// bundlers still see it), all the code that needs neither the SDK nor zod is then reached from
// every entry and shared as one chunk: an adapter loads five files instead of fourteen, and
// imports in under half the time (bench/cold-start.mjs). The SDK and zod stay in their own chunk,
// loaded at import by the main entry only, otherwise on the first checkout or portal request.
export default defineConfig(
  packageBuild(
    {
      index: "src/entries/index.ts",
      webhooks: "src/entries/webhooks.ts",
      internal: "src/entries/internal.ts",
      "adapter-exports": "src/entries/adapter-exports.ts",
      idempotency: "src/entries/idempotency.ts",
    },
    {
      esbuildOptions(options) {
        options.treeShaking = false;
        options.ignoreAnnotations = true;
      },
    },
  ),
);
