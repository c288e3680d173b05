// Packs every publishable workspace package (the ones without "private": true) with `pnpm pack`
// into one folder, as `changeset publish` would publish them, and prints one tarball path a line.
// Private packages (conformance, fixtures, examples, bench, tests) are never packed.
//
//   pnpm turbo run build --filter=./packages/*   # pack what was just built
//   pnpm pack-packages [destination]             # default: ./tarballs
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(new URL("..", import.meta.url).pathname);
// `pnpm pack-packages <dir>` runs in the root; a relative destination is relative to where the
// command was typed (pnpm sets INIT_CWD), not to the root.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: pnpm sets it when it runs this script
const base = process.env.INIT_CWD ?? process.cwd();
const destination = resolve(base, process.argv[2] ?? join(root, "tarballs"));
// biome-ignore lint/suspicious/noUndeclaredEnvVars: pnpm sets it when it runs this script
const execPath = process.env.npm_execpath;
const pnpm = execPath?.includes("pnpm") ? execPath : undefined;

function runPnpm(args, cwd) {
  // Through the pnpm that runs this script when there is one (a .cjs/.js file), else from PATH.
  const [command, commandArgs] = pnpm?.match(/\.[cm]?js$/)
    ? [process.execPath, [pnpm, ...args]]
    : [pnpm ?? "pnpm", args];
  return execFileSync(command, commandArgs, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** Every workspace package: `{ name, version, path, private }`. */
export function workspacePackages() {
  return JSON.parse(runPnpm(["-r", "ls", "--json", "--depth=-1"], root)).filter(
    (pkg) => pkg.path !== root,
  );
}

const publishable = workspacePackages().filter((pkg) => pkg.private !== true);
if (publishable.length === 0) {
  console.error("pack-packages: no publishable package found");
  process.exit(1);
}
mkdirSync(destination, { recursive: true });
// Old tarballs of these packages would be installed as if fresh: remove them first.
for (const file of readdirSync(destination)) {
  if (file.startsWith("dodopayments-") && file.endsWith(".tgz")) rmSync(join(destination, file));
}
for (const pkg of publishable) {
  const output = runPnpm(["pack", "--pack-destination", destination], pkg.path).trim();
  const tarball = output.split("\n").findLast((line) => line.trim().endsWith(".tgz"));
  if (!tarball) {
    console.error(`pack-packages: pnpm pack printed no tarball for ${pkg.name}:\n${output}`);
    process.exit(1);
  }
  console.log(resolve(destination, tarball.trim()));
}
