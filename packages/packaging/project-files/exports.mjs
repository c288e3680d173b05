// Run inside the npm project: for every entry point of every installed @dodopayments package,
// what `import` and `require` expose. Prints one JSON object: { "<specifier>": { esm, cjs } },
// each a sorted list of "name:typeof".
import { readFileSync } from "node:fs";
import { createRequire, register } from "node:module";

// `@dodopayments/nuxt/server` imports Nitro's `#imports`: a stand-in provides it.
register("./nitro-hooks.mjs", import.meta.url);

const require = createRequire(import.meta.url);
const names = JSON.parse(process.argv[2]);
const describe = (mod) =>
  Object.keys(mod)
    .sort()
    .map((key) => `${key}:${typeof mod[key]}`);

const result = {};
for (const name of names) {
  const manifest = JSON.parse(
    readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), "utf8"),
  );
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === "./package.json") continue;
    const specifier = subpath === "." ? name : `${name}/${subpath.slice(2)}`;
    const entry = { conditions: Object.keys(target) };
    try {
      entry.esm = describe(await import(specifier));
    } catch (error) {
      entry.esmError = String(error?.message ?? error).split("\n")[0];
    }
    if ("require" in target) {
      try {
        entry.cjs = describe(require(specifier));
      } catch (error) {
        entry.cjsError = String(error?.message ?? error).split("\n")[0];
      }
    }
    result[specifier] = entry;
  }
}
console.log(JSON.stringify(result));
