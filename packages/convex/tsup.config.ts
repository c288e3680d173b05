import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base";

// The component runs inside Convex, which bundles every module of the component's folder
// (dist/component) itself: ESM only, one file per source file. `convex.config` and the
// `ComponentApi` types get CJS twins as well; their names (two dots, `_generated/`) keep the
// Convex bundler from taking them for function modules.
const component = "src/component";

export default defineConfig([
  packageBuild({ index: "src/client/index.ts" }, { clean: false }),
  // `/test` loads the component's built modules (dist/component) rather than copies of them.
  packageBuild({ test: "src/test.ts" }, { clean: false, external: [/^\.\/component\//] }),
  {
    entry: {
      "component/convex.config": `${component}/convex.config.ts`,
      "component/lib": `${component}/lib.ts`,
      "component/_generated/server": `${component}/_generated/server.ts`,
      "component/_generated/component": `${component}/_generated/component.ts`,
    },
    format: ["esm"],
    bundle: false,
    dts: true,
    target: "es2022",
    sourcemap: true,
  },
  {
    entry: {
      "component/convex.config": `${component}/convex.config.ts`,
      "component/_generated/component": `${component}/_generated/component.ts`,
    },
    format: ["cjs"],
    dts: true,
    target: "es2022",
  },
]);
