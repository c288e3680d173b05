// What users install: the built files. Runs after `turbo run build`.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

/** Every module an entry loads, following its relative imports, with the packages they name. */
function bareImports(entry: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const [, spec] of source.matchAll(/(?:from|import|require\()\s*["']([^"']+)["']/g)) {
      if (!spec) continue;
      if (spec.startsWith(".")) visit(join(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(join(dist, entry));
  return packages;
}

describe("built package", () => {
  it.each(["webhooks.js", "webhooks.cjs"])("%s does not load the Dodo SDK", (entry) => {
    const packages = [...bareImports(entry)];
    expect(
      packages.some((name) => name === "dodopayments" || name.startsWith("dodopayments/")),
    ).toBe(false);
    expect(packages.every((name) => name === "zod/mini" || name.startsWith("zod/"))).toBe(true);
  });

  it("the main entry does load the SDK (so the check above can fail)", () => {
    expect([...bareImports("index.js")]).toContain("dodopayments");
  });

  it("the webhook entry verifies a signature without the SDK installed in its import graph", async () => {
    const webhooks = await import(join(dist, "webhooks.js"));
    const key = `whsec_${Buffer.alloc(32, 1).toString("base64")}`;
    const body = JSON.stringify({
      business_id: "b",
      type: "payment.succeeded",
      timestamp: "t",
      data: { payload_type: "Payment" },
    });
    const headers = await webhooks.signWebhook({ body, webhookKey: key });
    expect((await webhooks.verifyWebhook({ body, headers, webhookKey: key })).type).toBe(
      "payment.succeeded",
    );
  });
});
