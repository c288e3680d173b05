import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base";

export default defineConfig([
  packageBuild({ index: "src/index.ts" }),
  packageBuild(
    { cli: "src/cli.ts" },
    {
      format: ["esm"],
      dts: false,
      clean: false,
      splitting: false,
      banner: { js: "#!/usr/bin/env node" },
    },
  ),
]);
