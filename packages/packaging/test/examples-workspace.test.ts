// The examples ask for real version ranges (so a copy installs with npm), and inside the
// monorepo pnpm still links them to the workspace packages (`linkWorkspacePackages: true`), as
// the lockfile records: never a registry copy.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readManifest, repoRoot } from "../src/context";

const lockfile = readFileSync(join(repoRoot, "pnpm-lock.yaml"), "utf8");
const examples = readdirSync(join(repoRoot, "examples")).filter(
  (dir) => dir !== "e2e" && existsSync(join(repoRoot, "examples", dir, "package.json")),
);

/** The lockfile's `importers` entry of one folder: `{ name: [specifier, version] }`. */
function lockedDependencies(importer: string): Map<string, [string, string]> {
  const start = lockfile.indexOf(`\n  ${importer}:\n`);
  if (start < 0) throw new Error(`pnpm-lock.yaml has no importer ${importer}`);
  const end = lockfile.indexOf("\n\n", start + 1);
  const block = lockfile.slice(start, end);
  const entries = new Map<string, [string, string]>();
  const pattern = /\n {6}'?([^'\n:]+(?::[^'\n:]+)?)'?:\n {8}specifier: (.+)\n {8}version: (.+)/g;
  for (const match of block.matchAll(pattern)) entries.set(match[1]!, [match[2]!, match[3]!]);
  return entries;
}

describe("the examples in the monorepo", () => {
  it("include the two the copied-example test installs", () => {
    expect(examples).toEqual(expect.arrayContaining(["express", "nextjs"]));
  });

  it("pnpm-workspace.yaml links workspace packages that satisfy a range", () => {
    const workspace = readFileSync(join(repoRoot, "pnpm-workspace.yaml"), "utf8");
    expect(workspace).toMatch(/^linkWorkspacePackages: true$/m);
  });

  it.each(examples)(
    "%s: depends on @dodopayments/* by ^version, linked from the workspace",
    (dir) => {
      const manifest = readManifest(join(repoRoot, "examples", dir));
      const ours = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
        ([name]) => name.startsWith("@dodopayments/"),
      );
      expect(ours.map(([name]) => name).sort()).toEqual(
        [`@dodopayments/${dir}`, "@dodopayments/simulator"].sort(),
      );
      const locked = lockedDependencies(`examples/${dir}`);
      for (const [name, range] of ours) {
        const folder = name.replace("@dodopayments/", "");
        // The package's own version: the fixed group's, or its own line (better-auth).
        const own = readManifest(join(repoRoot, "packages", folder)).version;
        expect(range, name).toBe(`^${own}`);
        expect(locked.get(name), name).toEqual([`^${own}`, `link:../../packages/${folder}`]);
      }
    },
  );
});
