// What every runtime serves: one of the conformance apps (core's fetch handlers, or the Hono app in
// either variant), plus `GET /api/test/runtime`, which tells what the runtime offers that core
// could use, so a test can assert which path core took there.
import { coreApp, honoApp } from "@dodopayments/conformance/apps";
import { isEnvRecord } from "@dodopayments/core/internal";

export type MatrixAppName = "core" | "hono-recommended" | "hono-hostile";

export type FetchHandler = (request: Request, platform?: unknown) => Response | Promise<Response>;

interface NodeLikeGlobal {
  process?: { getBuiltinModule?: (id: string) => { createHmac?: unknown } | undefined };
  Buffer?: unknown;
  Bun?: { version: string };
  Deno?: { version: { deno: string } };
}

export interface RuntimeFacts {
  /** `bun`, `deno`, or `workerd` (by its user agent, Cloudflare-Workers). */
  runtime: string;
  /** The runtime's own idea of its version, where it has one. */
  version: string | null;
  process: boolean;
  buffer: boolean;
  /** Whether `process.getBuiltinModule("node:crypto")` gives core an HMAC, as core checks. */
  nodeCrypto: boolean;
}

export function runtimeFacts(): RuntimeFacts {
  const global = globalThis as NodeLikeGlobal;
  const crypto = global.process?.getBuiltinModule?.("node:crypto");
  const userAgent = typeof navigator === "undefined" ? "" : navigator.userAgent;
  return {
    runtime: global.Bun ? "bun" : global.Deno ? "deno" : userAgent,
    version: global.Bun?.version ?? global.Deno?.version.deno ?? null,
    process: global.process !== undefined,
    buffer: typeof global.Buffer === "function",
    nodeCrypto: typeof crypto?.createHmac === "function",
  };
}

/**
 * The app, called as the runtime calls a fetch handler: `platform` is what the runtime passes
 * second (Workers bindings, Bun's server, Deno's connection info). Core reads its settings from it
 * when it is a record, then from `process.env` where there is one; Hono reads `c.env`, then `env(c)`.
 */
export function matrixApp(name: string | undefined): FetchHandler {
  let app: FetchHandler;
  if (name === "core") {
    app = coreApp((platform: unknown) => (isEnvRecord(platform) ? platform : undefined));
  } else if (name === "hono-recommended" || name === "hono-hostile") {
    const hono = honoApp(name === "hono-hostile" ? "hostile" : "recommended");
    // biome-ignore lint/suspicious/noExplicitAny: Hono's `fetch` takes the runtime's bindings, whatever they are.
    app = (request, platform) => hono.fetch(request, platform as any);
  } else {
    throw new Error(`MATRIX_APP must be core, hono-recommended or hono-hostile, not ${name}`);
  }
  return (request, platform) =>
    new URL(request.url).pathname === "/api/test/runtime"
      ? Response.json(runtimeFacts())
      : app(request, platform);
}
