// ESM `import` and CJS `require` of every entry point, in the npm project: the same names, each
// with the same kind of value, so CommonJS users get the API ESM users get.
import { describe, expect, inject, it } from "vitest";
import { ADAPTERS, publishable } from "../src/context";
import { runInProject } from "../src/project";

const context = inject("packaging");

interface EntryReport {
  conditions: string[];
  esm?: string[];
  esmError?: string;
  cjs?: string[];
  cjsError?: string;
}

const names = publishable(context).map((pkg) => pkg.name);
const report = JSON.parse(
  (await runInProject(context.projectDir, "exports.mjs", [JSON.stringify(names)])).trim(),
) as Record<string, EntryReport>;

describe("entry points installed from the tarballs", () => {
  it("cover every package", () => {
    for (const name of names) expect(Object.keys(report)).toContain(name);
    // core's subpaths and the Nuxt module's server entry are checked too.
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        "@dodopayments/core/webhooks",
        "@dodopayments/core/internal",
        "@dodopayments/core/adapter-exports",
        "@dodopayments/core/idempotency",
        "@dodopayments/nuxt/server",
      ]),
    );
  });

  it.each(Object.keys(report))(
    "%s: ESM import and CJS require expose the same API",
    (specifier) => {
      const entry = report[specifier]!;
      expect(entry.esmError).toBeUndefined();
      // The one types-only entry: Convex's codegen imports the `ComponentApi` type from it.
      expect(entry.esm?.length).toBeGreaterThan(
        specifier === "@dodopayments/convex/_generated/component.js" ? -1 : 0,
      );
      if (entry.conditions.includes("require")) {
        expect(entry.cjsError).toBeUndefined();
        expect(entry.cjs).toEqual(entry.esm);
      } else {
        // ESM only (the Nuxt module, like Nuxt itself): no `require` condition to get wrong.
        expect(specifier.startsWith("@dodopayments/nuxt")).toBe(true);
      }
    },
  );

  it("every adapter exposes the three documented handlers and the idempotency stores", () => {
    // Nuxt's handlers are on its `/server` entry, under other names (below).
    for (const adapter of ADAPTERS.filter((name) => name !== "nuxt")) {
      const api = report[`@dodopayments/${adapter}`]!.esm!;
      for (const name of [
        "Checkout",
        "CustomerPortal",
        "Webhooks",
        "memoryIdempotencyStore",
        "redisIdempotencyStore",
      ]) {
        expect(api, `@dodopayments/${adapter}`).toContain(`${name}:function`);
      }
    }
    expect(report["@dodopayments/tanstack"]!.esm).toContain("withMethodNotAllowed:function");
    // Express keeps `checkoutHandler` and `customerPortalHandler`, the Dodo docs' names, as aliases.
    expect(report["@dodopayments/express"]!.esm).toEqual(
      expect.arrayContaining(["checkoutHandler:function", "customerPortalHandler:function"]),
    );
    expect(report["@dodopayments/sveltekit"]!.esm).toContain("platformEnv:function");
    const nuxt = report["@dodopayments/nuxt/server"]!.esm!;
    for (const name of [
      "Checkout",
      "CustomerPortal",
      "Webhooks",
      "checkoutHandler",
      "customerPortalHandler",
      "redisIdempotencyStore",
    ]) {
      expect(nuxt).toContain(`${name}:function`);
    }
  });
});
