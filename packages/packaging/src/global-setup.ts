// Runs once before the test files: packs every publishable package with the repository's own
// `pnpm pack-packages` (what the READMEs tell users to run), then installs the tarballs with npm
// into a new project in the OS temp dir, as a user outside this repository would. Frameworks come
// from the registry; nothing @dodopayments comes from anywhere but the tarballs.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import {
  type PackagingContext,
  projectDirIn,
  readManifest,
  repoRoot,
  workDirFromEnv,
} from "./context";
import { copyProjectFiles } from "./project";
import { pnpmCommand, runOk } from "./run";

/** A dependency's range as the workspace declares it, so the temp project follows the repo. */
function workspaceRange(dir: string, name: string): string {
  const manifest = readManifest(join(repoRoot, dir));
  const range =
    manifest.dependencies?.[name] ??
    manifest.devDependencies?.[name] ??
    manifest.peerDependencies?.[name];
  if (!range) throw new Error(`${dir}/package.json does not declare ${name}`);
  return range;
}

/**
 * The frameworks and types the adapters are used with. npm resolves the adapters' peer
 * dependencies as usual (a conflict fails the install); `--omit=peer` only skips unpacking the
 * ones no check here uses (next, nuxt, react: several hundred MB). Next.js gets its own
 * install in the copied-example test.
 */
function frameworkDependencies(): Record<string, string> {
  return {
    express: workspaceRange("packages/express", "express"),
    "@types/express": workspaceRange("packages/express", "@types/express"),
    hono: workspaceRange("packages/hono", "hono"),
    "@hono/node-server": workspaceRange("examples/hono", "@hono/node-server"),
    fastify: workspaceRange("packages/fastify", "fastify"),
    astro: workspaceRange("packages/astro", "astro"),
    h3: workspaceRange("packages/nuxt", "h3"),
    "@nuxt/schema": workspaceRange("packages/nuxt", "@nuxt/schema"),
    "@types/node": workspaceRange("packages/core", "@types/node"),
    "better-auth": workspaceRange("packages/better-auth", "better-auth"),
    convex: workspaceRange("packages/convex", "convex"),
    "convex-test": workspaceRange("packages/convex", "convex-test"),
  };
}

export default async function setup(project: TestProject): Promise<() => void> {
  const workDir = workDirFromEnv();
  const tarballDir = join(workDir, "tarballs");
  const projectDir = projectDirIn(workDir);
  const started = Date.now();

  const [pnpm, pnpmArgs] = pnpmCommand();
  const workspace = JSON.parse(
    await runOk(pnpm, [...pnpmArgs, "-r", "ls", "--json", "--depth=-1"], { cwd: repoRoot }),
  ) as Array<{ name: string; path: string; private?: boolean }>;

  // The root script, run the way the READMEs say (`pnpm pack-packages <dir>`).
  const packed = await runOk(pnpm, [...pnpmArgs, "--silent", "pack-packages", tarballDir], {
    cwd: repoRoot,
  });
  const tarballs: Record<string, string> = {};
  for (const file of readdirSync(tarballDir)) {
    const pkg = workspace.find(
      (p) =>
        file === `${p.name.replace("@", "").replace("/", "-")}-${readManifest(p.path).version}.tgz`,
    );
    if (pkg) tarballs[pkg.name] = join(tarballDir, file);
  }
  if (Object.keys(tarballs).length === 0) throw new Error(`no tarball packed:\n${packed}`);

  mkdirSync(projectDir, { recursive: true });
  const dependencies: Record<string, string> = { ...frameworkDependencies() };
  for (const [name, path] of Object.entries(tarballs)) dependencies[name] = `file:${path}`;
  writeFileSync(
    join(projectDir, "package.json"),
    `${JSON.stringify({ name: "packed-packages-check", private: true, type: "module", dependencies }, null, 2)}\n`,
  );
  await runOk("npm", ["install", "--omit=peer", "--prefer-offline", "--no-audit", "--no-fund"], {
    cwd: projectDir,
    timeoutMs: 600_000,
  });
  copyProjectFiles(projectDir);
  console.log(
    `packaging: packed ${Object.keys(tarballs).length} packages and installed them with npm in ${projectDir} (${Math.round((Date.now() - started) / 1000)} s)`,
  );

  const context: PackagingContext = {
    workDir,
    tarballDir,
    tarballs,
    projectDir,
    workspace: workspace
      .filter((pkg) => pkg.path !== repoRoot)
      .map((pkg) => ({ name: pkg.name, path: pkg.path, private: pkg.private === true })),
  };
  project.provide("packaging", context);

  return () => {
    if (process.env.DODO_PACKAGING_KEEP) {
      console.log(`packaging: kept ${workDir}`);
      return;
    }
    rmSync(workDir, { recursive: true, force: true });
  };
}
