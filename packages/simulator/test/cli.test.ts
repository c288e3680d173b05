import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import DodoPayments from "dodopayments";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWebhookKey } from "../src/index.js";
import { type Receiver, startReceiver, webhookHeaders } from "./helpers.js";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let receiver: Receiver;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the build first`);
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe("dodo-simulator trigger", () => {
  it("sends a signed event that verifies, and exits 0 on 2xx", async () => {
    const key = generateWebhookKey();
    const before = receiver.received.length;
    const result = await run([
      "trigger",
      "subscription.active",
      "--url",
      receiver.url,
      "--key",
      key,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/subscription\.active msg_\S+ -> .*: 200/);
    const hook = receiver.received[before];
    expect(hook).toBeDefined();
    const event = new Webhook(key).verify(
      hook?.body as string,
      webhookHeaders(hook?.headers ?? {}),
    ) as {
      type: string;
      data: { payload_type: string };
    };
    expect(event.type).toBe("subscription.active");
    expect(event.data.payload_type).toBe("Subscription");
  });

  it("applies --data overrides", async () => {
    const key = generateWebhookKey();
    const before = receiver.received.length;
    const result = await run([
      "trigger",
      "payment.succeeded",
      "--url",
      receiver.url,
      "--key",
      key,
      "--data",
      '{"total_amount":42}',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(receiver.received[before]?.body as string).data.total_amount).toBe(42);
  });

  it("exits 1 when the endpoint answers non-2xx or is unreachable", async () => {
    receiver.respond = () => 401;
    try {
      const rejected = await run([
        "trigger",
        "payment.failed",
        "--url",
        receiver.url,
        "--key",
        generateWebhookKey(),
      ]);
      expect(rejected.code).toBe(1);
      expect(rejected.stdout).toContain(": 401");
    } finally {
      receiver.respond = () => 200;
    }
    const down = await run([
      "trigger",
      "payment.failed",
      "--url",
      "http://127.0.0.1:1/webhook",
      "--key",
      generateWebhookKey(),
    ]);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/failed \(.*ECONNREFUSED|failed \(/);
  });

  it.each([
    [["frobnicate"], /unknown command "frobnicate"/],
    [["strat"], /did you mean "start"/],
    [
      ["trigger", "payment.succeded", "--url", "http://x.test", "--key", "whsec_dGVzdA=="],
      /did you mean "payment\.succeeded"/,
    ],
    [
      ["trigger", "bogus", "--url", "http://x.test", "--key", "whsec_dGVzdA=="],
      /unknown event type "bogus".*payment\.succeeded/,
    ],
    [["trigger", "payment.succeeded", "--key", "whsec_dGVzdA=="], /missing --url/],
    [["trigger", "payment.succeeded", "--url", "http://x.test"], /missing --key/],
    [
      ["trigger", "payment.succeeded", "--url", "http://x.test", "--key", "secret"],
      /must start with whsec_/,
    ],
    [
      ["trigger", "payment.succeeded", "--url", "not a url", "--key", "whsec_dGVzdA=="],
      /not a valid URL/,
    ],
    [["trigger"], /missing <event-type>/],
    [["start", "--port", "abc"], /--port/],
    [["start", "--nope"], /Unknown option/],
  ])("exits 2 with one clear line for %j", async (args, message) => {
    const result = await run(args as string[]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^dodo-simulator: /);
  });

  it("prints help and the event list", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("dodo-simulator start");
    expect(help.stdout).toContain("dodo-simulator trigger <event-type>");
    const events = await run(["events"]);
    expect(events.stdout.trim().split("\n")).toHaveLength(48);
  });
});

describe("dodo-simulator start", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  it("prints its URL and keys, answers the API, and exits on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dodo-sim-"));
    const file = join(dir, "products.json");
    writeFileSync(
      file,
      JSON.stringify({ products: [{ product_id: "pdt_cli", name: "CLI product", price: 700 }] }),
    );
    const proc = spawn(
      process.execPath,
      [
        CLI,
        "start",
        "--port",
        "0",
        "--api-key",
        "cli_key",
        "--products",
        file,
        "--webhook-url",
        receiver.url,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = proc;
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 10_000);
      proc.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /URL:\s+(http:\/\/\S+)/.exec(out);
        if (m?.[1] && out.includes("Press Ctrl+C")) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      proc.on("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    expect(out).toContain("API key:      cli_key");
    expect(out).toMatch(/Webhook key:\s+whsec_/);
    expect(out).toContain("pdt_cli");
    const client = new DodoPayments({
      bearerToken: "cli_key",
      baseURL: url,
      maxRetries: 0,
      logLevel: "off",
    });
    const product = await client.products.retrieve("pdt_cli");
    expect(product).toMatchObject({ name: "CLI product", is_recurring: false });
    const exited = new Promise<number | null>((resolve) =>
      proc.on("exit", (code) => resolve(code)),
    );
    proc.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(out).toContain("Simulator stopped.");
  });
});
