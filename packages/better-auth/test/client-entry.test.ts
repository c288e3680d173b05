// `@dodopayments/better-auth/client` is what a browser bundle imports: bundled for the browser
// here (esbuild, the way app bundlers resolve it), it must contain neither the Dodo Payments SDK
// nor core nor any server code of this package or of Better Auth.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

describe("the ./client entry", () => {
  it("bundles for the browser from this package's client files alone", async () => {
    const result = await build({
      entryPoints: ["src/client.ts"],
      absWorkingDir: packageDir,
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    expect(Object.keys(result.metafile.inputs).sort()).toEqual([
      "src/client.ts",
      "src/error-codes.ts",
    ]);
    const code = result.outputFiles[0]?.text ?? "";
    expect(code).toContain("dodopayments-client");
    expect(code).not.toMatch(/bearerToken|webhookKey|createAuthEndpoint|node:/);
    expect(code.length).toBeLessThan(4_000);
  });
});
