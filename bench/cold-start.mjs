// What a cold start pays for each adapter, as a user installs it: the packed tarballs and the
// published adapters installed with npm into a new project outside the repository, then
//   1. import time of each entry: fresh `node` processes, the time `import()` (and `require()`)
//      of the entry takes inside the process, median over RUNS rounds, entries rotated per round,
//      next to the framework's own import in the same install;
//   2. the min+gzip size of a one-route, webhook-only bundle made with esbuild: what loads when
//      the route starts, and everything emitted (lazily loaded chunks included).
// Usage: pnpm --filter @dodopayments/bench cold-start   (RUNS=15; build the packages first)
// INSTALL=<dir> reuses a project this script installed before (KEEP=1 keeps it and prints it).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build, version as esbuildVersion } from "esbuild";

const root = resolve(import.meta.dirname, "..");
const runs = Number(process.env.RUNS ?? 15);
const bench = JSON.parse(readFileSync(join(import.meta.dirname, "package.json"), "utf8"));

const nextjsExample = JSON.parse(
  readFileSync(join(root, "examples/nextjs/package.json"), "utf8"),
).dependencies;

/** Our adapters measured (Nuxt's server entry imports Nitro's `#imports`: not loadable alone). */
const OURS = ["astro", "express", "fastify", "hono", "nextjs", "remix", "sveltekit", "tanstack"];
/** The published adapters compared, installed under aliases next to ours (no Fastify one exists). */
const PUBLISHED = {
  ...Object.fromEntries(
    Object.entries(bench.dependencies).filter(([name]) => name.startsWith("published-")),
  ),
  // Only here, not in package.json: it needs `next`, which the throughput benchmark does not.
  "published-nextjs": "npm:@dodopayments/nextjs@0.3.9",
};
/** Frameworks, at the versions the throughput benchmark and the examples use. */
const FRAMEWORK_VERSIONS = {
  express: bench.dependencies.express,
  fastify: bench.dependencies.fastify,
  hono: bench.dependencies.hono,
  "@hono/node-server": bench.dependencies["@hono/node-server"],
  next: nextjsExample.next,
};
const FRAMEWORKS = Object.keys(FRAMEWORK_VERSIONS);

/** `pnpm pack` of core and the adapters measured: what `pnpm pack-packages` packs for them. */
function pack(tarballDir) {
  // Through the pnpm that runs this script (`pnpm --filter @dodopayments/bench cold-start`).
  const pnpm = process.env.npm_execpath;
  const [command, prefix] = pnpm?.match(/\.[cm]?js$/) ? [process.execPath, [pnpm]] : ["pnpm", []];
  return ["core", ...OURS].map((name) => {
    const output = execFileSync(command, [...prefix, "pack", "--pack-destination", tarballDir], {
      cwd: join(root, "packages", name),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const tarball = output.split("\n").findLast((line) => line.trim().endsWith(".tgz"));
    if (!tarball) throw new Error(`pnpm pack printed no tarball for ${name}:\n${output}`);
    return [`@dodopayments/${name}`, resolve(tarballDir, tarball.trim())];
  });
}

/** Packs the packages and installs them with npm in a new project in the OS temp dir. */
function install() {
  const dir = mkdtempSync(join(tmpdir(), "dodo-cold-start-"));
  const dependencies = { ...PUBLISHED };
  for (const name of FRAMEWORKS) dependencies[name] = FRAMEWORK_VERSIONS[name];
  for (const [name, tarball] of pack(join(dir, "tarballs"))) dependencies[name] = `file:${tarball}`;
  const project = join(dir, "project");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "cold-start", private: true, type: "module", dependencies }, null, 2),
  );
  // Peers the checks do not load (astro, react-router, svelte, ...) are left out, as the packaging
  // suite does; every framework imported here is a direct dependency above.
  execFileSync("npm", ["install", "--omit=peer", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: project,
    stdio: "inherit",
  });
  return { dir, project };
}

const installed = process.env.INSTALL
  ? { dir: undefined, project: resolve(process.env.INSTALL) }
  : install();
const { project } = installed;
const version = (name) =>
  JSON.parse(readFileSync(join(project, "node_modules", name, "package.json"), "utf8")).version;

// --- 1. import time --------------------------------------------------------------------------

const entries = [
  ...FRAMEWORKS.filter((name) => name !== "next"),
  // `next` has no exports map: plain Node ESM needs the file name.
  "next/server.js",
  "@dodopayments/core/webhooks",
  "@dodopayments/core",
  ...OURS.map((name) => `@dodopayments/${name}`),
  ...Object.keys(PUBLISHED),
];

const ESM =
  "const t=performance.now();await import(process.argv[1]);console.log(performance.now()-t)";
const CJS = "const t=performance.now();require(process.argv[1]);console.log(performance.now()-t)";

function sample(specifier, cjs) {
  const args = cjs ? ["-e", CJS, specifier] : ["--input-type=module", "-e", ESM, specifier];
  const child = spawnSync(process.execPath, args, { cwd: project, encoding: "utf8" });
  if (child.status === 0) return Number(child.stdout.trim());
  // Published @dodopayments/nextjs cannot be loaded by plain Node as ESM (it uses __dirname):
  // such an entry is reported as failing, with the error's name, instead of a time.
  const error = /^(\w*Error)\b/m.exec(child.stderr)?.[1];
  if (!error) throw new Error(`${specifier}: ${child.stderr}`);
  return error;
}

const median = (values) => {
  const failed = values.find((value) => typeof value === "string");
  if (failed) return failed;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const times = Object.fromEntries(entries.map((entry) => [entry, { esm: [], cjs: [] }]));
for (let round = 0; round < runs; round++) {
  // Rotated so that no entry always runs right after the same one.
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[(i + round) % entries.length];
    times[entry].esm.push(sample(entry, false));
    times[entry].cjs.push(sample(entry, true));
  }
}

const expressMs = median(times.express.esm);
const label = (entry) => {
  const alias = PUBLISHED[entry];
  return alias ? `${alias.replace(/^npm:/, "")} (published)` : entry;
};
console.log(
  `\nImport time, median of ${runs} fresh processes (Node ${process.version}), ms; ratio = ESM import ÷ express's`,
);
console.log(`${"entry".padEnd(38)} ${"import".padStart(7)} ${"require".padStart(8)}  ratio`);
for (const entry of entries) {
  const [esm, cjs] = [median(times[entry].esm), median(times[entry].cjs)];
  const ms = (value) => (typeof value === "number" ? value.toFixed(1) : value);
  const ratio = typeof esm === "number" ? (esm / expressMs).toFixed(2) : "";
  console.log(`${label(entry).padEnd(38)} ${ms(esm).padStart(7)} ${ms(cjs).padStart(8)}  ${ratio}`);
}

// --- 2. webhook-only route bundle -------------------------------------------------------------

const ROUTE = (specifier) =>
  `import { Webhooks } from "${specifier}";\n` +
  "export const POST = Webhooks({\n" +
  "  webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,\n" +
  "  onPaymentSucceeded: async (payload) => console.log(payload.data.payment_id),\n" +
  "});\n";
const bundles = [
  ...OURS.map((name) => ({ name: `@dodopayments/${name}`, specifier: `@dodopayments/${name}` })),
  ...Object.keys(PUBLISHED).map((alias) => ({ name: label(alias), specifier: alias })),
];

const outRoot = join(project, "bundles");
rmSync(outRoot, { recursive: true, force: true });
console.log(
  "\nWebhook-only route bundle (esbuild, platform node, minified, frameworks external), gzip KiB",
);
console.log(`${"adapter".padEnd(38)} ${"at start".padStart(9)} ${"all".padStart(7)}`);
for (const { name, specifier } of bundles) {
  const dir = join(outRoot, specifier.replace(/[@/]/g, "_"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "route.mjs"), ROUTE(specifier));
  const result = await build({
    entryPoints: [join(dir, "route.mjs")],
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outdir: join(dir, "out"),
    external: FRAMEWORKS.concat(["next/*", "hono/*"]),
    metafile: true,
    absWorkingDir: dir,
    logLevel: "error",
  });
  const outputs = result.metafile.outputs;
  const gz = (file) => gzipSync(readFileSync(join(dir, file))).length;
  const entryFile = Object.keys(outputs).find((file) => outputs[file].entryPoint);
  // What loads at start: the entry and the chunks it imports statically, transitively.
  const atStart = new Set();
  const visit = (file) => {
    if (atStart.has(file)) return;
    atStart.add(file);
    for (const item of outputs[file].imports) {
      if (item.kind === "import-statement" && outputs[item.path]) visit(item.path);
    }
  };
  visit(entryFile);
  const sum = (files) => files.reduce((total, file) => total + gz(file), 0) / 1024;
  console.log(
    `${name.padEnd(38)} ${sum([...atStart])
      .toFixed(1)
      .padStart(9)} ${sum(Object.keys(outputs)).toFixed(1).padStart(7)}`,
  );
}

console.log(
  `\nVersions: ${FRAMEWORKS.map((name) => `${name} ${version(name)}`).join(", ")}, esbuild ${esbuildVersion}`,
);
if (installed.dir && !process.env.KEEP) rmSync(installed.dir, { recursive: true, force: true });
else console.log(`kept ${project}`);
