import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// One fresh folder per run, outside the workspace, so nothing a user would not have (the
// workspace's node_modules, a previous run's install) can make a check pass. The global setup
// packs and installs into it; workers inherit the variable.
process.env.DODO_PACKAGING_WORKDIR ??= mkdtempSync(join(tmpdir(), "dodo-packaging-"));
const installed = join(process.env.DODO_PACKAGING_WORKDIR, "project", "node_modules");

export default defineConfig({
  resolve: {
    // The conformance suite's Express fixture (test/conformance-express.test.ts) imports the
    // adapter and Express by name: here they are the ones npm installed from the tarball (the
    // adapter's ESM entry, which the test checks is what its `exports` map gives `import`).
    alias: [
      {
        find: /^@dodopayments\/express$/,
        replacement: join(installed, "@dodopayments/express/dist/index.js"),
      },
      { find: /^express$/, replacement: join(installed, "express") },
    ],
  },
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-output/vitest.json" },
    globalSetup: ["./src/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // npm installs and builds: one file at a time on a 2-core machine.
    fileParallelism: false,
  },
});
