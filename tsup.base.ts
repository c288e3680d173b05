// The one build configuration every published package uses: ESM + CJS + .d.ts, dependencies and
// peer dependencies left external (tsup's default), so adapters never bundle core or a framework.
import type { Options } from "tsup";

export function packageBuild(entry: Record<string, string>, overrides: Options = {}): Options {
  return {
    entry,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    target: "es2022",
    splitting: true,
    sourcemap: true,
    ...overrides,
  };
}
