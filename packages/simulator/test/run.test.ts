import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWebhookKey } from "../src/index.js";
import { parseDotenv } from "../src/run/dotenv.js";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

// The "app" the launcher runs. It prints its Dodo settings, and depending on its arguments
// serves HTTP on PORT (printing each request), asks the simulator to send a webhook, waits for a
// signal, or exits with a given code.
const APP = `
const http = require("node:http");
const args = process.argv.slice(2);
const print = (tag, value) => process.stdout.write(tag + " " + JSON.stringify(value) + "\\n");
const env = {};
for (const [k, v] of Object.entries(process.env)) if (k.startsWith("DODO_") || k === "PORT" || k === "HOST" || k.startsWith("FROM_")) env[k] = v;
print("ENV", env);
for (const signal of ["SIGINT", "SIGTERM"]) {
  if (args.includes("handle-signals")) process.on(signal, () => { print("GOT", signal); process.exit(0); });
}
const exitAt = args.indexOf("exit");
if (exitAt !== -1) process.exit(Number(args[exitAt + 1]));
if (args.includes("serve")) {
  http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => {
      if (req.method === "POST") print("WEBHOOK", { url: req.url, headers: req.headers, body });
      res.end("ok");
    });
  }).listen(Number(process.env.PORT), "127.0.0.1", async () => {
    print("LISTENING", process.env.PORT);
    if (args.includes("trigger")) {
      const r = await fetch(process.env.DODO_PAYMENTS_BASE_URL + "/_sim/trigger", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "payment.succeeded" }),
      });
      print("TRIGGERED", r.status);
    }
  });
}
setInterval(() => {}, 1000);
`;

interface Launch {
  child: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exit: Promise<number | null>;
}

let dir: string;
let appFile: string;

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("DODO_") && key !== "PORT" && key !== "HOST") env[key] = value;
  }
  return { ...env, ...extra };
}

function launch(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; app?: string[]; command?: string[] } = {},
): Launch {
  const command = opts.command ?? [process.execPath, appFile, ...(opts.app ?? [])];
  const child = spawn(process.execPath, [CLI, "run", ...args, "--", ...command], {
    cwd: opts.cwd ?? dir,
    env: cleanEnv(opts.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    text += d.toString();
    for (const l of [...listeners]) l();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    exit,
    output: () => text,
    waitFor(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text);
          if (match) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} in output:\n${text}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
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

async function envOf(l: Launch): Promise<Record<string, string>> {
  const match = await l.waitFor(/^ENV (.*)$/m);
  return JSON.parse(match[1] as string);
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the build first`);
  dir = mkdtempSync(join(tmpdir(), "dodo-run-"));
  appFile = join(dir, "app.cjs");
  writeFileSync(appFile, APP);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("dodo-simulator run, without an API key", () => {
  it("starts the simulator, hands the app its settings, sends webhooks to the app and prints the URL", async () => {
    const appPort = await freePort();
    const appUrl = `http://127.0.0.1:${appPort}`;
    const products = join(dir, "products.json");
    writeFileSync(
      products,
      JSON.stringify({
        products: [
          { product_id: "pdt_book", name: "Book", price: 1200 },
          { product_id: "pdt_club", name: "Club", type: "subscription", price: 500 },
        ],
      }),
    );
    const l = launch(
      ["--port", "0", "--app-url", appUrl, "--webhook-path", "/api/hooks", "--products", products],
      { app: ["serve", "trigger", "handle-signals"] },
    );
    const env = await envOf(l);
    expect(env.DODO_PAYMENTS_API_KEY).toMatch(/^sim_test_/);
    expect(env.DODO_PAYMENTS_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.DODO_PAYMENTS_WEBHOOK_KEY).toMatch(/^whsec_/);
    expect(env.DODO_PAYMENTS_ENVIRONMENT).toBe("test_mode");
    expect(env.DODO_PAYMENTS_RETURN_URL).toBe(`${appUrl}/success`);
    expect(env.PORT).toBe(String(appPort));
    expect(env.HOST).toBe("127.0.0.1");

    // The simulator answers the SDK's API with the products from the file.
    const list = await fetch(`${env.DODO_PAYMENTS_BASE_URL}/products`, {
      headers: { authorization: `Bearer ${env.DODO_PAYMENTS_API_KEY}` },
    });
    const ids = ((await list.json()) as { items: { product_id: string }[] }).items.map(
      (p) => p.product_id,
    );
    expect(ids.sort()).toEqual(["pdt_book", "pdt_club"]);

    // Its webhooks reach app-url + webhook-path, signed with the key the app was given.
    const hook = JSON.parse((await l.waitFor(/^WEBHOOK (.*)$/m))[1] as string) as {
      url: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(hook.url).toBe("/api/hooks");
    const event = new Webhook(env.DODO_PAYMENTS_WEBHOOK_KEY as string).verify(hook.body, {
      "webhook-id": hook.headers["webhook-id"] as string,
      "webhook-timestamp": hook.headers["webhook-timestamp"] as string,
      "webhook-signature": hook.headers["webhook-signature"] as string,
    }) as { type: string };
    expect(event.type).toBe("payment.succeeded");

    await l.waitFor(
      new RegExp(
        `^Demo ready: open ${appUrl} \\(Dodo Payments simulator on http://127\\.0\\.0\\.1:\\d+, no API key needed\\)$`,
        "m",
      ),
    );
    await l.waitFor(/webhook payment\.succeeded msg_\S+ -> .*\/api\/hooks: 200/);

    // SIGTERM reaches the app; the launcher exits with the app's code and closes the simulator.
    l.child.kill("SIGTERM");
    expect(await l.exit).toBe(0);
    expect(l.output()).toMatch(/^GOT "SIGTERM"$/m);
    await expect(fetch(`${env.DODO_PAYMENTS_BASE_URL}/_sim`)).rejects.toThrow();
  });

  it("keeps the values the user set and signs with the user's webhook key", async () => {
    const key = generateWebhookKey();
    const l = launch(["--port", "0", "--app-url", "http://localhost:4321"], {
      env: {
        DODO_PAYMENTS_RETURN_URL: "http://localhost:4321/thanks",
        DODO_PAYMENTS_ENVIRONMENT: "live_mode",
        DODO_PAYMENTS_WEBHOOK_KEY: key,
        PORT: "9999",
      },
      app: ["exit", "0"],
    });
    const env = await envOf(l);
    expect(await l.exit).toBe(0);
    expect(env.DODO_PAYMENTS_RETURN_URL).toBe("http://localhost:4321/thanks");
    expect(env.DODO_PAYMENTS_ENVIRONMENT).toBe("live_mode");
    expect(env.DODO_PAYMENTS_WEBHOOK_KEY).toBe(key);
    expect(env.DODO_PAYMENTS_API_KEY).toMatch(/^sim_test_/);
    expect(env.PORT).toBe("9999");
  });

  it("takes the simulator port from DODO_SIMULATOR_PORT and the app URL from PORT", async () => {
    const simPort = await freePort();
    const l = launch([], {
      env: { DODO_SIMULATOR_PORT: String(simPort), PORT: "4567" },
      app: ["exit", "0"],
    });
    const env = await envOf(l);
    expect(await l.exit).toBe(0);
    expect(env.DODO_PAYMENTS_BASE_URL).toBe(`http://127.0.0.1:${simPort}`);
    expect(env.DODO_PAYMENTS_RETURN_URL).toBe("http://localhost:4567/success");
    // The default app URL is a loopback one: the app listens on this machine only.
    expect(env.HOST).toBe("localhost");
  });

  it("sets HOST only for a loopback app URL, and keeps a HOST the user set", async () => {
    const cases: Array<[string, Record<string, string>, string | undefined]> = [
      ["http://[::1]:4100", {}, "::1"],
      ["http://localhost:4100", { HOST: "0.0.0.0" }, "0.0.0.0"],
      ["https://shop.example.com", {}, undefined],
    ];
    for (const [appUrl, env, host] of cases) {
      const l = launch(["--port", "0", "--app-url", appUrl], { env, app: ["exit", "0"] });
      expect((await envOf(l)).HOST, appUrl).toBe(host);
      expect(await l.exit).toBe(0);
    }
  });

  it("takes the app URL from DODO_APP_URL and sets PORT from it", async () => {
    const l = launch(["--port", "0"], {
      env: { DODO_APP_URL: "http://127.0.0.1:4999/shop" },
      app: ["exit", "0"],
    });
    const env = await envOf(l);
    expect(await l.exit).toBe(0);
    expect(env.DODO_PAYMENTS_RETURN_URL).toBe("http://127.0.0.1:4999/shop/success");
    expect(env.PORT).toBe("4999");
    expect(l.output()).toContain("webhooks go to http://127.0.0.1:4999/shop/api/webhook");
  });

  it("forwards the command's exit code and closes the simulator", async () => {
    const l = launch(["--port", "0"], { app: ["exit", "42"] });
    const env = await envOf(l);
    expect(await l.exit).toBe(42);
    await expect(fetch(`${env.DODO_PAYMENTS_BASE_URL}/_sim`)).rejects.toThrow();
  });

  it("forwards SIGINT; a command killed by it makes the launcher exit 130", async () => {
    const l = launch(["--port", "0"], { app: [] });
    await envOf(l);
    l.child.kill("SIGINT");
    expect(await l.exit).toBe(130);
  });

  it.skipIf(process.platform === "win32")(
    "stops the whole command, also a server under a wrapper script that does not exec",
    async () => {
      const appPort = await freePort();
      // `sh -c "node app; exit $?"` keeps sh as the parent, like pnpm's `node` shim does.
      const l = launch(["--port", "0", "--app-url", `http://127.0.0.1:${appPort}`], {
        command: ["sh", "-c", `"${process.execPath}" "${appFile}" serve; exit $?`],
      });
      await l.waitFor(/^LISTENING/m);
      l.child.kill("SIGTERM");
      expect(await l.exit).toBe(143);
      await expect(fetch(`http://127.0.0.1:${appPort}/`)).rejects.toThrow();
    },
  );

  it("starts the simulator despite a key when DODO_SIMULATOR=1", async () => {
    const l = launch(["--port", "0"], {
      env: { DODO_PAYMENTS_API_KEY: "sk_real", DODO_SIMULATOR: "1" },
      app: ["exit", "0"],
    });
    const env = await envOf(l);
    expect(await l.exit).toBe(0);
    expect(env.DODO_PAYMENTS_API_KEY).toMatch(/^sim_test_/);
    expect(env.DODO_PAYMENTS_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});

describe("dodo-simulator run, with an API key", () => {
  it("only runs the command when the key is in the environment", async () => {
    const l = launch(["--port", "0"], {
      env: { DODO_PAYMENTS_API_KEY: "sk_test_real", DODO_PAYMENTS_ENVIRONMENT: "test_mode" },
      app: ["exit", "5"],
    });
    const env = await envOf(l);
    expect(await l.exit).toBe(5);
    expect(env).toEqual({
      DODO_PAYMENTS_API_KEY: "sk_test_real",
      DODO_PAYMENTS_ENVIRONMENT: "test_mode",
      HOST: "localhost",
    });
    expect(l.output()).toContain("running against Dodo Payments test_mode, no simulator");
    expect(l.output()).not.toContain("simulator runs on");
  });

  it("finds the key in .env.local, passes .env values on, and lets the environment win", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "dodo-run-env-"));
    try {
      writeFileSync(
        join(cwd, ".env"),
        "DODO_PAYMENTS_API_KEY=from_env_file\nFROM_DOTENV=dotenv # a comment\nFROM_BOTH=file\n",
      );
      writeFileSync(join(cwd, ".env.local"), 'export DODO_PAYMENTS_API_KEY="sk_test_local"\n');
      const l = launch([], { cwd, env: { FROM_BOTH: "environment" }, app: ["exit", "0"] });
      const env = await envOf(l);
      expect(await l.exit).toBe(0);
      expect(env.DODO_PAYMENTS_API_KEY).toBe("sk_test_local");
      expect(env.FROM_DOTENV).toBe("dotenv");
      expect(env.FROM_BOTH).toBe("environment");
      expect(env.DODO_PAYMENTS_BASE_URL).toBeUndefined();
      expect(l.output()).toContain("DODO_PAYMENTS_API_KEY is set (.env.local)");
      expect(l.output()).toContain("DODO_PAYMENTS_ENVIRONMENT is not set");
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe("dodo-simulator run, errors", () => {
  it("exits 127 when the command does not exist", async () => {
    const child = spawn(
      process.execPath,
      [CLI, "run", "--port", "0", "--", "no-such-command-xyz"],
      {
        cwd: dir,
        env: cleanEnv(),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(127);
    expect(stderr).toContain("command not found: no-such-command-xyz");
  });

  it.each([
    [["run"], /missing the command/],
    [["run", "--port", "x", "--", "node"], /--port must be 0-65535/],
    [["run", "--app-url", "nope", "--", "node"], /--app-url is not a valid URL/],
    [["run", "--products", "/no/such.json", "--", "node"], /--products: /],
  ])("exits 2 on bad arguments: %j", async (args, message) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: dir,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("exits 2 when the chosen simulator port is taken", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const port = (server.address() as { port: number }).port;
    try {
      const l = launch(["--port", String(port)], { app: ["exit", "0"] });
      expect(await l.exit).toBe(2);
      expect(l.output()).toContain(`port ${port} is in use`);
    } finally {
      server.close();
    }
  });
});

describe("parseDotenv", () => {
  it("reads the usual forms", () => {
    expect(
      parseDotenv(
        [
          "# comment",
          "A=1",
          "export B = two words # trailing comment",
          "C='single # kept'",
          'D="line\\nbreak \\"quoted\\""',
          "E=",
          'F="multi',
          'line"',
          "G=has#hash",
          "",
        ].join("\r\n"),
      ),
    ).toEqual({
      A: "1",
      B: "two words",
      C: "single # kept",
      D: 'line\nbreak "quoted"',
      E: "",
      F: "multi\nline",
      G: "has#hash",
    });
  });
});
