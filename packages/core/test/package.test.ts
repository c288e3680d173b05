// What users install: the built files. Runs after `turbo run build`.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

/**
 * Every module an entry loads, following its relative imports, with the packages they name. A
 * dynamic `import()` loads nothing at import and is not followed: `import("...")` in ESM is not
 * matched, and its CommonJS form (`Promise.resolve().then(() => _interopRequireWildcard(require(...)))`)
 * is skipped by the lookbehind.
 */
function bareImports(entry: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    const imports = /(?:from|import|(?<!_interopRequireWildcard\()require\()\s*["']([^"']+)["']/g;
    for (const [, spec] of source.matchAll(imports)) {
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

  it.each(["idempotency.js", "idempotency.cjs"])(
    "%s imports no package: no SDK, no zod, no Redis library",
    (entry) => {
      expect([...bareImports(entry)]).toEqual([]);
    },
  );

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

interface ProbeAnswer {
  status: number;
  body: string;
}
interface ProbeReport {
  atImport: string[];
  webhook?: ProbeAnswer;
  afterWebhook?: string[];
  checkout?: ProbeAnswer[];
  portal?: ProbeAnswer;
  afterRequests?: string[];
  logs?: string[];
}

/** Runs test/fixtures/lazy-probe.mjs on a built entry in a fresh process (see there). */
async function probe(entry: string, refused?: string): Promise<ProbeReport> {
  const script = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "lazy-probe.mjs");
  const args = [script, join(dist, entry), ...(refused ? [refused] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args);
  return JSON.parse(stdout) as ProbeReport;
}

const heavy = ["dodopayments", "zod"];

describe("the SDK and zod load on the first request that needs them", () => {
  it.each([
    ...["internal", "adapter-exports", "webhooks", "idempotency"].flatMap((name) => [
      `${name}.js`,
      `${name}.cjs`,
    ]),
  ])("importing %s loads neither", async (entry) => {
    const { atImport } = await probe(entry);
    for (const name of heavy) expect(atImport).not.toContain(name);
  });

  it("the main entry loads both at import (so the check above can fail)", async () => {
    const { atImport } = await probe("index.js");
    expect(atImport).toEqual(expect.arrayContaining(heavy));
  });

  it.each(["internal.js", "internal.cjs"])(
    "%s: a webhook loads neither; the first checkout and portal requests load both",
    async (entry) => {
      const report = await probe(entry);
      expect(report.webhook?.status).toBe(200);
      for (const name of heavy) expect(report.afterWebhook).not.toContain(name);
      // Validated by the zod schemas: both answers are their 400s.
      expect(report.checkout?.map((answer) => answer.status)).toEqual([400, 400]);
      expect(report.checkout?.[0]?.body).toContain("must not be empty");
      expect(report.portal?.status).toBe(400);
      expect(report.afterRequests).toEqual(expect.arrayContaining(heavy));
    },
  );

  it.each([
    ["internal.js", "dodopayments"],
    ["internal.cjs", "dodopayments"],
    ["internal.js", "zod"],
    ["internal.cjs", "zod"],
  ])(
    "%s with %s unresolvable (refused by a Node module hook): 500 misconfigured, logged once per handler; webhooks unaffected",
    async (entry, refused) => {
      const report = await probe(entry, refused);
      expect(report.webhook?.status).toBe(200);
      for (const answer of [...(report.checkout ?? []), report.portal]) {
        expect(answer?.status).toBe(500);
        expect(JSON.parse(answer?.body ?? "")).toMatchObject({ title: "Server misconfigured" });
        expect(answer?.body).not.toContain(refused);
      }
      // Both checkout requests tried to load it; the cause was logged once by each handler.
      expect(report.logs?.filter((line) => line.startsWith("Could not load"))).toHaveLength(2);
    },
  );
});
