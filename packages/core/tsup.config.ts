import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base";

export default defineConfig(
  packageBuild({
    index: "src/index.ts",
    webhooks: "src/webhooks/index.ts",
    node: "src/node.ts",
    adapter: "src/adapter.ts",
  }),
);
