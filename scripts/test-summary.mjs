// Adds up the Vitest JSON reports every package writes to test-output/vitest.json
// and prints the one line CI reads: "N passed, N failed".
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const group of ["packages", "examples", "bench"]) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  const entries = group === "bench" ? [""] : readdirSync(dir);
  for (const name of entries) {
    const pkgDir = join(dir, name);
    const pkgJson = join(pkgDir, "package.json");
    if (!existsSync(pkgJson)) continue;
    const pkg = JSON.parse(readFileSync(pkgJson, "utf8"));
    if (!pkg.scripts?.test) continue;
    const report = join(pkgDir, "test-output", "vitest.json");
    if (!existsSync(report)) {
      missing.push(pkg.name);
      continue;
    }
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    if (r.numTotalTests === 0) missing.push(`${pkg.name} (ran no test)`);
  }
}
if (missing.length > 0) {
  console.error(`no test report from: ${missing.join(", ")}`);
  failed += missing.length;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
