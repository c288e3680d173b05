// The Node.js versions the packages claim (`engines`), tested: the oldest each package claims and
// the current LTS, using the `node` package from the npm registry. On each, the packed core is
// loaded with import and require and verifies a webhook, every package whose `engines` admits that
// version loads (import, and require where it has a CommonJS entry), the packed simulator runs,
// and the adapters with a documented snippet here (src/context.ts ADAPTERS) serve it (checkout
// link and verified webhook) on it, except those whose snippet is for Bun (BUN_SNIPPETS).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { ADAPTERS, BUN_SNIPPETS, publishable, readManifest } from "../src/context";
import { run, runOk } from "../src/run";

const context = inject("packaging");

/** The current LTS line's latest release when this matrix was last updated. */
const CURRENT_LTS = "24.21.0";

const installedManifest = (name: string) =>
  readManifest(join(context.projectDir, "node_modules", name));

function floor(name: string): string {
  const range = installedManifest(name).engines?.node ?? "";
  const match = /^>=(\d+\.\d+\.\d+)$/.exec(range);
  if (!match) throw new Error(`${name}: engines.node "${range}" is not of the form >=X.Y.Z`);
  return match[1]!;
}

const newerOrEqual = (a: string, b: string) => {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) > (y[i] ?? 0);
  return true;
};

const floors = Object.fromEntries(
  publishable(context).map((pkg) => [pkg.name, floor(pkg.name)] as const),
);
const versions = [...new Set([...Object.values(floors), CURRENT_LTS])].sort((a, b) =>
  newerOrEqual(a, b) ? 1 : -1,
);

describe.each(versions)("Node.js %s", (version) => {
  it("runs core, the simulator and every adapter that claims it", {
    timeout: 240_000,
  }, async () => {
    // core and the simulator must claim every version here, or the adapters could not.
    expect(newerOrEqual(version, floors["@dodopayments/core"]!)).toBe(true);
    expect(newerOrEqual(version, floors["@dodopayments/simulator"]!)).toBe(true);

    const dir = join(context.workDir, `node-${version}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
    await runOk("npm", ["install", "--prefer-offline", "--no-save", `node@${version}`], {
      cwd: dir,
      timeoutMs: 180_000,
    });
    const node = join(dir, "node_modules/node/bin/node");
    expect((await runOk(node, ["--version"], { cwd: dir })).trim()).toBe(`v${version}`);

    // Every package loads here (@dodopayments/bun too); a snippet runs only on its runtime.
    const adapters = ADAPTERS.filter(
      (a) => !BUN_SNIPPETS.includes(a) && newerOrEqual(version, floors[`@dodopayments/${a}`]!),
    );
    const packages = Object.keys(floors).filter((name) => newerOrEqual(version, floors[name]!));
    const args = ["matrix.mjs", JSON.stringify(adapters), JSON.stringify(packages)];
    const result = await run(node, args, {
      cwd: context.projectDir,
      timeoutMs: 180_000,
    });
    const last = result.output.trim().split("\n").at(-1) ?? "";
    let report: { node: string; checks: Record<string, unknown>; failures: string[] };
    try {
      report = JSON.parse(last);
    } catch {
      throw new Error(`matrix.mjs on ${version} printed no report:\n${result.output}`);
    }
    expect(report.node).toBe(`v${version}`);
    expect(report.failures).toEqual([]);
    expect(Object.keys(report.checks)).toHaveLength(3 + packages.length + adapters.length);
    expect(result.code).toBe(0);
  });
});
