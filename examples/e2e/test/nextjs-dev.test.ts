import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../src/examples.js";
import {
  EXAMPLES_DIR,
  listeningSockets,
  type RunningExample,
  startExample,
} from "../src/server.js";

// What `pnpm demo` runs: the Next.js example's `dev` script (dodo-simulator run -- next dev).
describe("examples/nextjs in development, as `pnpm demo` runs it", () => {
  let app: RunningExample | undefined;
  // A Next.js that has never shown its telemetry notice would show it now, unless the example
  // turns telemetry off. It remembers showing it in its config directory, or, in CI and in
  // containers, in the dev build's cache: a fresh one of the first, none of the second.
  const config = mkdtempSync(join(tmpdir(), "next-config-"));
  rmSync(join(EXAMPLES_DIR, EXAMPLES.nextjs.dir, ".next", "dev", "cache", "config.json"), {
    force: true,
  });

  afterAll(async () => {
    await app?.close();
    rmSync(config, { recursive: true, force: true });
  });

  it("prints no telemetry notice, and listens on this machine only", async () => {
    app = await startExample({
      ...EXAMPLES.nextjs,
      script: "dev",
      env: { NODE_ENV: "development", XDG_CONFIG_HOME: config, CI: "" },
      startTimeoutMs: 120_000,
    });
    const output = app.output();
    expect(output).toMatch(/Next\.js \d+/);
    expect(output).not.toMatch(/telemetry/i);
    const sockets = listeningSockets(Number(new URL(app.baseUrl).port));
    if (sockets !== null) {
      expect(sockets.length).toBeGreaterThan(0);
      expect(sockets.filter((s) => !s.loopback)).toEqual([]);
    }
  }, 150_000);
});
