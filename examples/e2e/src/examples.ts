/**
 * Every example the browser suite drives. To add one (say `remix`): build it to the
 * conventions in examples/README.md, add a row here, add `test/remix.test.ts` calling
 * `describeExample("remix")`, and add the example's package to this package's
 * devDependencies so turbo builds it before the tests.
 */
export interface ExampleSpec {
  /** The folder under examples/. */
  dir: string;
  /**
   * The package.json script that serves the production build. It must read
   * `dodo-simulator run [options] -- <command ...>`: the suite runs the same launcher with its
   * own `--port` (simulator) and `--app-url`, and gives the command PORT.
   */
  script: string;
  /** A file the production build writes. The suite never builds: turbo's `build` does. */
  builtFile: string;
  /** Where the app is mounted below its origin: "" or e.g. "/shop" (no trailing slash). */
  basePath: string;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** How long the server may take to answer its first request. Default 60 s. */
  startTimeoutMs?: number;
}

export const EXAMPLES = {
  // No NEXT_TELEMETRY_DISABLED here: the example's next.config.ts sets it (test/nextjs-dev.test.ts).
  nextjs: { dir: "nextjs", script: "start", builtFile: ".next/BUILD_ID", basePath: "" },
  express: { dir: "express", script: "start", builtFile: "dist/server.js", basePath: "" },
  hono: { dir: "hono", script: "start", builtFile: "dist/server.js", basePath: "" },
  fastify: { dir: "fastify", script: "start", builtFile: "dist/server.js", basePath: "" },
  astro: { dir: "astro", script: "start", builtFile: "dist/server/entry.mjs", basePath: "" },
  nuxt: { dir: "nuxt", script: "start", builtFile: ".output/server/index.mjs", basePath: "" },
  sveltekit: { dir: "sveltekit", script: "start", builtFile: "build/index.js", basePath: "" },
  remix: { dir: "remix", script: "start", builtFile: "build/server/index.js", basePath: "" },
  tanstack: { dir: "tanstack", script: "start", builtFile: "dist/server/server.js", basePath: "" },
  "better-auth": { dir: "better-auth", script: "start", builtFile: ".next/BUILD_ID", basePath: "" },
  bun: { dir: "bun", script: "start", builtFile: "dist/server.js", basePath: "" },
} satisfies Record<string, ExampleSpec>;

export type ExampleName = keyof typeof EXAMPLES;
