// The public API of every publishable package, pinned: for each entry point installed from the
// tarballs, the sorted names a user can import, runtime values (ESM `import`, with `typeof`) and
// type-only names (read from the entry's `.d.ts` by the TypeScript compiler). Compared with the
// committed snapshot in __snapshots__/public-api.txt, so an export is added, renamed or dropped
// only on purpose: after such a change, look at the diff and update the file with
// `pnpm --filter @dodopayments/packaging test -u`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, inject, it } from "vitest";
import { publishable } from "../src/context";
import { runInProject } from "../src/project";

const context = inject("packaging");
const names = publishable(context).map((pkg) => pkg.name);
const runtime = JSON.parse(
  (await runInProject(context.projectDir, "exports.mjs", [JSON.stringify(names)])).trim(),
) as Record<string, { esm?: string[] }>;

type Target = string | { types?: string; import?: Target; default?: Target };

/** The declaration file TypeScript uses for an `import` of the entry. */
function typesOf(target: Target | undefined): string | undefined {
  if (target === undefined || typeof target === "string") {
    return target?.endsWith(".d.ts") ? target : undefined;
  }
  return target.types ?? typesOf(target.import);
}

/** specifier -> absolute path of its `.d.ts`, for every entry point of every package. */
const declarations = new Map<string, string>();
for (const name of names) {
  const dir = join(context.projectDir, "node_modules", name);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    exports?: Record<string, Target>;
  };
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === "./package.json") continue;
    const file = typesOf(target);
    if (file)
      declarations.set(subpath === "." ? name : `${name}/${subpath.slice(2)}`, join(dir, file));
  }
}

/** The names each declaration file exports that are types only (interfaces, type aliases). */
function typeOnlyNames(): Record<string, string[]> {
  const program = ts.createProgram([...declarations.values()], {
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const result: Record<string, string[]> = {};
  for (const [specifier, file] of declarations) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`TypeScript could not read ${file}`);
    result[specifier] = checker
      .getExportsOfModule(module)
      .filter((symbol) => {
        const target =
          symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return !(target.flags & ts.SymbolFlags.Value);
      })
      .map((symbol) => symbol.name)
      .sort();
  }
  return result;
}

describe("public API", () => {
  const types = typeOnlyNames();
  const api: Record<string, { values: string[]; types: string[] }> = {};
  for (const specifier of Object.keys(runtime).sort()) {
    api[specifier] = { values: runtime[specifier]?.esm ?? [], types: types[specifier] ?? [] };
  }

  it("reads every entry point, with names", () => {
    expect(Object.keys(api)).toEqual(expect.arrayContaining(names));
    expect(api["@dodopayments/core"]?.values).toContain("webhookHandler:function");
    expect(api["@dodopayments/core"]?.types).toContain("WebhookPayload");
    expect(api["@dodopayments/hono"]?.types).toContain("WebhookPayload");
  });

  it("matches the committed snapshot (update it only for an intended change)", async () => {
    // One name a line under its entry point: values as `name:typeof`, types as `type Name`.
    const text = Object.entries(api)
      .map(([specifier, { values, types }]) =>
        [
          specifier,
          ...values.map((value) => `  ${value}`),
          ...types.map((type) => `  type ${type}`),
        ].join("\n"),
      )
      .join("\n\n");
    await expect(`${text}\n`).toMatchFileSnapshot("__snapshots__/public-api.txt");
  });
});
