// The module's setup, run by a real Nuxt (loadNuxt, no build): what it adds to the Nuxt options.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadNuxt } from "@nuxt/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const modulePath = fileURLToPath(new URL("../src/module.ts", import.meta.url));
const runtimeIndex = fileURLToPath(new URL("../src/runtime/server/index", import.meta.url));

describe("module setup", () => {
  let rootDir: string;
  let nuxt: Awaited<ReturnType<typeof loadNuxt>>;

  beforeAll(async () => {
    // Inside the package, so that Nuxt resolves from its node_modules (test-output is ignored).
    const parent = fileURLToPath(new URL("../test-output/", import.meta.url));
    await mkdir(parent, { recursive: true });
    rootDir = await mkdtemp(join(parent, "nuxt-root-"));
    nuxt = await loadNuxt({
      cwd: rootDir,
      dev: false,
      ready: true,
      overrides: {
        telemetry: false,
        devtools: { enabled: false },
        modules: [modulePath],
        // As in the documented nuxt.config: values that are undefined at build time.
        runtimeConfig: { private: { bearerToken: undefined, environment: "test_mode" } },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await nuxt?.close();
    await rm(rootDir, { recursive: true, force: true });
  });

  it("declares every runtimeConfig.private key, keeping the app's values", () => {
    expect(nuxt.options.runtimeConfig.private).toEqual({
      bearerToken: "",
      webhookKey: "",
      environment: "test_mode",
      returnUrl: "",
      baseURL: "",
    });
  });

  it("auto-imports the factories into server code from the runtime", async () => {
    const config: {
      virtual: Record<string, unknown>;
      imports?: { imports?: Array<{ name: string; from: string }> };
    } = { virtual: {} };
    // addServerImports registers on this hook; run it against an empty Nitro config.
    // (`nitro:config` is typed by @nuxt/nitro-server's augmentation, not loaded here.)
    const callHook = nuxt.callHook.bind(nuxt) as unknown as (
      name: string,
      value: unknown,
    ) => Promise<void>;
    await callHook("nitro:config", config);
    const imports = config.imports?.imports ?? [];
    expect(imports.map((entry) => entry.name).sort()).toEqual(
      [
        "Checkout",
        "CustomerPortal",
        "DodoHttpError",
        "Webhooks",
        "checkoutHandler",
        "customerPortalHandler",
        "memoryIdempotencyStore",
        "redisIdempotencyStore",
      ].sort(),
    );
    expect(new Set(imports.map((entry) => entry.from))).toEqual(new Set([runtimeIndex]));
  });

  it("has Nitro bundle the runtime (it imports #imports)", () => {
    expect(nuxt.options.build.transpile).toContain(
      fileURLToPath(new URL("../src/runtime", import.meta.url)),
    );
  });
});
