import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** What the global setup hands to every test file (through Vitest's `provide`/`inject`). */
export interface PackagingContext {
  /** A fresh folder in the OS temp dir, removed at the end of the run. */
  workDir: string;
  /** Where `pnpm pack-packages` put the tarballs. */
  tarballDir: string;
  /** Package name -> absolute tarball path, for every publishable package. */
  tarballs: Record<string, string>;
  /** The npm project, outside the workspace, that installed every tarball. */
  projectDir: string;
  /** Every workspace package `pnpm -r ls` lists (except the root). */
  workspace: Array<{ name: string; path: string; private: boolean }>;
}

declare module "vitest" {
  export interface ProvidedContext {
    packaging: PackagingContext;
  }
}

/** The folder the config creates for this run (the global setup fills it). */
export function workDirFromEnv(): string {
  const dir = process.env.DODO_PACKAGING_WORKDIR;
  if (!dir) throw new Error("DODO_PACKAGING_WORKDIR is not set: run through vitest.config.ts");
  return dir;
}

export const projectDirIn = (workDir: string): string => join(workDir, "project");

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  engines?: { node?: string };
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** The publishable packages (by name), each with the folder it lives in. */
export function publishable(context: PackagingContext): Array<{ name: string; path: string }> {
  return context.workspace.filter((pkg) => !pkg.private);
}

/** The packages that are framework adapters (everything published but core and the simulator). */
export const ADAPTERS = [
  "astro",
  "bun",
  "express",
  "fastify",
  "hono",
  "nextjs",
  "nuxt",
  "remix",
  "sveltekit",
  "tanstack",
] as const;
export type AdapterName = (typeof ADAPTERS)[number];

/** The adapters whose documented snippet runs on Bun (`Bun.serve`), not on Node.js. */
export const BUN_SNIPPETS: readonly AdapterName[] = ["bun"];

/** The `bun` executable of the repository's `bun` dev dependency (its binary from the registry). */
export const bunBinary = (): string =>
  createRequire(join(repoRoot, "package.json")).resolve("bun/bin/bun.exe");
