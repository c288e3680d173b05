// What the registry would get: the packed manifests, the files in each tarball, and what
// `npm publish --dry-run` says about every workspace package, publishable or private.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { type Manifest, publishable, readManifest, repoRoot } from "../src/context";
import { run, runOk } from "../src/run";

const context = inject("packaging");
const REPOSITORY = "git+https://github.com/dodopayments/dodo-adapters.git";

// Versions on the registry when 0.4.0 was prepared: the new code must be above every one of them
// so that `npm install @dodopayments/<name>` gets it once released.
const PUBLISHED_BEFORE: Record<string, string> = {
  "@dodopayments/core": "0.3.15",
  "@dodopayments/nextjs": "0.3.9",
  "@dodopayments/express": "0.2.6",
  "@dodopayments/hono": "0.2.6",
  "@dodopayments/nuxt": "0.2.7",
  "@dodopayments/tanstack": "0.2.7",
  "@dodopayments/convex": "0.2.15",
  "@dodopayments/better-auth": "1.6.6",
};

/**
 * Public packages outside the fixed group: their name already had a higher major on the registry
 * (better-auth 1.x), so they keep their own version line above it.
 */
const OWN_VERSION_LINE = ["@dodopayments/better-auth"];

/** The public packages: one fixed Changesets group (one version for all), and OWN_VERSION_LINE. */
const changesetConfig = JSON.parse(
  readFileSync(join(repoRoot, ".changeset/config.json"), "utf8"),
) as { fixed: string[][]; access: string; ignore: string[] };
const PUBLISHABLE = publishable(context)
  .map((pkg) => pkg.name)
  .sort();

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The manifest npm installed from the tarball (what the registry would serve). */
function packedManifest(name: string): Manifest {
  return readManifest(join(context.projectDir, "node_modules", name));
}

describe("the packed packages", () => {
  it("are exactly the publishable packages: the one fixed Changesets group and the own-line ones", () => {
    expect(PUBLISHABLE).toEqual(
      expect.arrayContaining(["@dodopayments/core", "@dodopayments/simulator"]),
    );
    expect(Object.keys(context.tarballs).sort()).toEqual(PUBLISHABLE);
    expect(changesetConfig.fixed).toHaveLength(1);
    expect([...changesetConfig.fixed[0]!, ...OWN_VERSION_LINE].sort()).toEqual(PUBLISHABLE);
    expect(changesetConfig.access).toBe("public");
  });

  it("the fixed group shares one version", () => {
    const versions = new Set(changesetConfig.fixed[0]!.map((name) => packedManifest(name).version));
    expect(versions.size).toBe(1);
  });

  it.each(Object.entries(PUBLISHED_BEFORE))(
    "%s: is above the %s the registry has under its name",
    (name, published) => {
      expect(PUBLISHABLE).toContain(name);
      const version = packedManifest(name).version;
      expect(compareVersions(version, published), `${name} ${version}`).toBeGreaterThan(0);
    },
  );

  it.each(PUBLISHABLE)(
    "%s: depends on the packed core by a caret range, no workspace: left",
    (name) => {
      const manifest = packedManifest(name);
      const text = JSON.stringify(manifest);
      expect(text).not.toContain("workspace:");
      const core = manifest.dependencies?.["@dodopayments/core"];
      if (name !== "@dodopayments/core" && name !== "@dodopayments/simulator") {
        expect(core).toBe(`^${packedManifest("@dodopayments/core").version}`);
      }
    },
  );

  it.each(PUBLISHABLE)("%s: has a CHANGELOG.md entry for its version", (name) => {
    const pkg = publishable(context).find((p) => p.name === name)!;
    const changelog = readFileSync(join(pkg.path, "CHANGELOG.md"), "utf8");
    expect(changelog.startsWith(`# ${name}\n`)).toBe(true);
    expect(changelog).toContain(`\n## ${readManifest(pkg.path).version}\n`);
  });

  it.each(PUBLISHABLE)("%s: has the metadata the registry shows and publishes publicly", (name) => {
    const manifest = packedManifest(name);
    const dir = name.replace("@dodopayments/", "");
    expect(manifest.license).toBe("MIT");
    expect(manifest.repository).toEqual({
      type: "git",
      url: REPOSITORY,
      directory: `packages/${dir}`,
    });
    expect(manifest.homepage).toBe(
      `https://github.com/dodopayments/dodo-adapters/tree/main/packages/${dir}#readme`,
    );
    expect(manifest.bugs).toEqual({ url: "https://github.com/dodopayments/dodo-adapters/issues" });
    expect(manifest.publishConfig).toEqual({ access: "public", provenance: true });
    expect(manifest.engines?.node).toMatch(/^>=\d+\.\d+\.\d+$/);
  });

  it.each(PUBLISHABLE)(
    "%s: tarball holds the build, the README and the manifest, nothing else",
    async (name) => {
      const tarball = context.tarballs[name]!;
      const listing = await runOk("tar", ["-tzf", tarball], { cwd: context.workDir });
      const files = listing.trim().split("\n");
      expect(files).toContain("package/package.json");
      expect(files).toContain("package/README.md");
      expect(files.some((f) => f.startsWith("package/dist/"))).toBe(true);
      // The Convex component also ships its TypeScript source, for the Convex CLI's
      // `@convex-dev/component-source` condition.
      const componentSource = (f: string) =>
        name === "@dodopayments/convex" && /^package\/src\/component\/[\w/.]+\.ts$/.test(f);
      const unexpected = files.filter(
        (f) =>
          (!componentSource(f) &&
            /node_modules|\/test\/|\/src\/|test-output|\.turbo|tsconfig|vitest\.config/.test(f)) ||
          (!componentSource(f) &&
            !/^package\/(dist\/|bin\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE|llm-prompt\.txt$)/.test(
              f,
            )),
      );
      expect(unexpected).toEqual([]);
      expect(statSync(tarball).size).toBeLessThan(1_000_000);
    },
  );
});

describe("npm publish --dry-run", () => {
  it.each(PUBLISHABLE)("succeeds for %s (the packed tarball, public access)", async (name) => {
    const result = await run("npm", ["publish", "--dry-run", context.tarballs[name]!], {
      cwd: context.workDir,
      timeoutMs: 120_000,
    });
    expect(result.output).toContain(`+ ${name}@${packedManifest(name).version}`);
    expect(result.output).toContain("public access");
    expect(result.code, result.output).toBe(0);
  });

  it("is refused for every private workspace package, and for the repository root", async () => {
    const privates = context.workspace.filter((pkg) => pkg.private);
    expect(privates.length).toBeGreaterThan(10);
    const dirs = [repoRoot, ...privates.map((pkg) => pkg.path)];
    // Four at a time: each is mostly npm starting up.
    for (let i = 0; i < dirs.length; i += 4) {
      await Promise.all(
        dirs.slice(i, i + 4).map(async (dir) => {
          const manifest = readManifest(dir);
          expect(manifest.private, `${manifest.name} is private`).toBe(true);
          const result = await run("npm", ["publish", "--dry-run"], {
            cwd: dir,
            timeoutMs: 120_000,
          });
          expect(result.code, `${manifest.name}: ${result.output}`).not.toBe(0);
          expect(result.output).toContain("private package: never packed or published");
        }),
      );
    }
  });
});
