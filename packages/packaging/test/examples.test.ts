// Copies examples/express and examples/nextjs out of the repository and follows their README's
// "Use this example on its own" section as written: the shell block is read from the README and
// run (with the tarballs this run packed, and the copy in this run's temp folder), then `npm start`
// serves the example against the simulator and its checkout route answers a simulator checkout_url.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../src/context";
import { runOk } from "../src/run";
import { type RunningProcess, startProcess } from "../src/serve";

const context = inject("packaging");
const MARKER = "<!-- standalone-install:";

/** The README's install block: the fenced shell block right after the marker comment. */
function standaloneBlock(example: string): string[] {
  const readme = readFileSync(join(repoRoot, "examples", example, "README.md"), "utf8");
  const at = readme.indexOf(MARKER);
  if (at < 0) throw new Error(`examples/${example}/README.md has no ${MARKER} block`);
  const block = /```bash\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block?.[1]) throw new Error(`examples/${example}/README.md: no bash block after the marker`);
  return block[1]
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const EXAMPLES = [
  { name: "express", product: "pdt_example_ebook", startTimeoutMs: 60_000 },
  { name: "nextjs", product: "pdt_example_ebook", startTimeoutMs: 120_000 },
];

describe.each(EXAMPLES)("examples/$name, copied out and installed with npm", (example) => {
  const home = join(context.workDir, "home");
  const copy = join(home, `dodo-${example.name}`);
  let commands: string[];
  let app: RunningProcess | undefined;

  beforeAll(() => {
    commands = standaloneBlock(example.name);
  });
  afterAll(() => app?.stop());

  it("README: copy, install from the tarballs, build, start", () => {
    expect(commands[0]).toBe(`cp -r examples/${example.name} ~/dodo-${example.name}`);
    expect(commands).toContain(
      `npm install /tmp/dodo-tarballs/dodopayments-{core,${example.name},simulator}-0.4.0.tgz`,
    );
    expect(commands.at(-1)).toBe("npm start");
    // The version in the README is the one packed.
    expect(context.tarballs[`@dodopayments/${example.name}`]).toMatch(/-0\.4\.0\.tgz$/);
  });

  it("installs and builds as the README says", { timeout: 600_000 }, async () => {
    // Everything but `npm start`, in bash, from the repository root; `~/` and the tarball folder
    // point into this run's temp folder.
    const script = commands
      .slice(0, -1)
      .map((line) =>
        line.replaceAll("~/", `${home}/`).replaceAll("/tmp/dodo-tarballs", context.tarballDir),
      )
      .join("\n");
    await runOk("bash", ["-euo", "pipefail", "-c", `mkdir -p ${home}\n${script}`], {
      cwd: repoRoot,
      timeoutMs: 600_000,
    });
    const manifest = JSON.parse(readFileSync(join(copy, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const all = { ...manifest.dependencies, ...manifest.devDependencies };
    // Installed from the tarballs, not from the registry (or the workspace).
    expect(all[`@dodopayments/${example.name}`]).toMatch(/^file:.*\.tgz$/);
    expect(all["@dodopayments/simulator"]).toMatch(/^file:.*\.tgz$/);
    const installed = JSON.parse(
      readFileSync(join(copy, "node_modules/@dodopayments/core/package.json"), "utf8"),
    ) as { version: string };
    expect(installed.version).toBe("0.4.0");
  });

  it("npm start serves it against the simulator; its checkout route answers a checkout_url", {
    timeout: 180_000,
  }, async () => {
    const [port, simulatorPort] = [await freePort(), await freePort()];
    app = startProcess("npm", ["start"], {
      cwd: copy,
      env: {
        NODE_ENV: "production",
        PORT: String(port),
        DODO_SIMULATOR_PORT: String(simulatorPort),
        DODO_APP_URL: `http://127.0.0.1:${port}`,
        // Never a real account: the launcher starts the simulator whatever the environment says.
        DODO_SIMULATOR: "1",
        DODO_PAYMENTS_API_KEY: undefined,
        HOST: undefined,
      },
    });
    const [, appUrl, simulatorUrl] = (await app.waitFor(
      /Demo ready: open (\S+) \(Dodo Payments simulator on (\S+),/,
      example.startTimeoutMs,
    )) as unknown as [string, string, string];
    expect(appUrl).toBe(`http://127.0.0.1:${port}`);

    const response = await fetch(`${appUrl}/api/checkout?productId=${example.product}&quantity=1`);
    const text = await response.text();
    expect(response.status, `${text}\n${app.output()}`).toBe(200);
    const { checkout_url } = JSON.parse(text) as { checkout_url: string };
    expect(checkout_url.startsWith(`${simulatorUrl}/`)).toBe(true);
    const page = await fetch(checkout_url);
    expect(page.status).toBe(200);
  });
});
