// The conformance suite against @dodopayments/express as npm installed it from the tarball: the
// suite's own Express fixture, whose `@dodopayments/express` and `express` imports resolve (see
// vitest.config.ts) to the npm project's node_modules instead of the workspace.
import { join } from "node:path";
import * as adapter from "@dodopayments/express";
import { describe, expect, inject, it } from "vitest";
import { express4Fixture, fixture } from "../../conformance/fixtures/express";
import { runConformanceSuite } from "../../conformance/src/cases";
import { readManifest, repoRoot } from "../src/context";

const context = inject("packaging");

describe("the adapter under test", () => {
  it("is the one npm installed from the tarball, not the workspace package", async () => {
    const dir = join(context.projectDir, "node_modules/@dodopayments/express");
    const manifest = readManifest(dir) as unknown as {
      exports: { ".": { import: { default: string } } };
    };
    expect(manifest.exports["."].import.default).toBe("./dist/index.js");
    const installed = (await import(join(dir, "dist/index.js"))) as typeof adapter;
    expect(adapter.Webhooks).toBe(installed.Webhooks);
    const workspace = (await import(
      join(repoRoot, "packages/express/dist/index.js")
    )) as typeof adapter;
    expect(adapter.Webhooks).not.toBe(workspace.Webhooks);
  });
});

runConformanceSuite(fixture);
runConformanceSuite(express4Fixture);
