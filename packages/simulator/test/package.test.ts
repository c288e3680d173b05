import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

describe("the built package", () => {
  it("loads as ESM and CJS with the same public API", async () => {
    // A computed specifier, so type-checking does not need dist/ to exist.
    const esmPath = "../dist/index.js";
    const esm = (await import(esmPath)) as Record<string, unknown>;
    const cjs = require("../dist/index.cjs") as Record<string, unknown>;
    const names = [
      "startSimulator",
      "sampleEvent",
      "sampleWebhookPayload",
      "signWebhook",
      "generateWebhookKey",
      "loadProductsFile",
      "validateFaultRule",
      "isWebhookEventType",
      "WEBHOOK_EVENT_TYPES",
      "DEFAULT_PRODUCTS",
      "DEFAULT_CUSTOMERS",
    ];
    for (const name of names) {
      expect(esm[name], `esm ${name}`).toBeDefined();
      expect(cjs[name], `cjs ${name}`).toBeDefined();
    }
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
    const start = cjs.startSimulator as typeof import("../src/index.js").startSimulator;
    const sim = await start();
    try {
      const res = await fetch(`${sim.url}/products/pdt_demo_onetime`, {
        headers: { authorization: `Bearer ${sim.apiKey}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it("uses @dodopayments/core only through its ./webhooks entry (no SDK or zod at import)", () => {
    const pkg = require("../package.json") as Record<string, Record<string, string> | undefined>;
    expect(pkg.dependencies?.["@dodopayments/core"]).toBe("workspace:^");
    for (const file of ["../dist/index.js", "../dist/index.cjs", "../dist/cli.js"]) {
      const code = readFileSync(fileURLToPath(new URL(file, import.meta.url)), "utf8");
      const fromCore = code.match(/["']@dodopayments\/core[^"']*["']/g) ?? [];
      expect(new Set(fromCore.map((s) => s.slice(1, -1))), file).toEqual(
        new Set(["@dodopayments/core/webhooks"]),
      );
    }
  });
});
