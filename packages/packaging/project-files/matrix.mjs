// Run by each Node.js of the version matrix, in the npm project: loads core both ways, verifies a
// signed webhook with it, imports (and requires, where they have a CommonJS entry) the given
// packages, starts the simulator, then runs the given adapters' documented snippets on this same
// Node.js and gets a checkout link and a verified webhook from each. Prints one JSON report;
// exits 1 if anything failed.
//
//   node matrix.mjs '["express", ...]' '["@dodopayments/remix", ...]'
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const adapters = JSON.parse(process.argv[2] ?? "[]");
const packages = JSON.parse(process.argv[3] ?? "[]");
const report = { node: process.version, checks: {}, failures: [] };

async function check(name, fn) {
  try {
    report.checks[name] = (await fn()) ?? true;
  } catch (error) {
    report.failures.push(`${name}: ${error?.stack ?? error}`);
  }
}

const esmCore = await import("@dodopayments/core/webhooks");
const cjsCore = require("@dodopayments/core/webhooks");
const simulatorModule = await import("@dodopayments/simulator");
const key = simulatorModule.generateWebhookKey();

for (const [flavour, core] of [
  ["esm", esmCore],
  ["cjs", cjsCore],
]) {
  await check(`core ${flavour}: verifies a signed webhook`, async () => {
    const { body, headers } = simulatorModule.signedSampleWebhook("payment.succeeded", {
      webhookKey: key,
      format: "pretty",
    });
    const payload = await core.verifyWebhook({ body, headers, webhookKey: key });
    if (payload.type !== "payment.succeeded") throw new Error(`got ${payload.type}`);
    let rejected = false;
    try {
      await core.verifyWebhook({ body: `${body} `, headers, webhookKey: key });
    } catch {
      rejected = true;
    }
    if (!rejected) throw new Error("a modified body verified");
  });
}

for (const name of packages) {
  await check(`${name}: loads`, async () => {
    const manifest = JSON.parse(
      readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), "utf8"),
    );
    const entry = manifest.exports?.["."];
    const esm = await import(name);
    if (Object.keys(esm).length === 0) throw new Error("no exports");
    if (entry && typeof entry === "object" && "require" in entry) require(name);
  });
}

// What core's fast webhook path needs (Node.js 20.16+); without it core falls back to WebCrypto.
await check("process.getBuiltinModule", () => {
  if (typeof process.getBuiltinModule !== "function") throw new Error("missing");
});

const sim = await simulatorModule.startSimulator({ retryDelaysMs: [50] });

function startSnippet(adapter) {
  const child = spawn(process.execPath, [`snippet-${adapter}.mjs`], {
    env: {
      ...process.env,
      DODO_PAYMENTS_API_KEY: sim.apiKey,
      DODO_PAYMENTS_BASE_URL: sim.url,
      DODO_PAYMENTS_WEBHOOK_KEY: sim.webhookKey,
      DODO_PAYMENTS_ENVIRONMENT: "test_mode",
      DODO_PAYMENTS_RETURN_URL: "http://127.0.0.1:9/success",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not listening after 30 s:\n${output}`)),
      30_000,
    );
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/listening (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

for (const adapter of adapters) {
  const snippet = startSnippet(adapter);
  await check(`${adapter}: checkout link and verified webhook`, async () => {
    const url = await snippet.url;
    const checkout = await fetch(`${url}/api/checkout?productId=pdt_demo_onetime&quantity=1`);
    const text = await checkout.text();
    if (checkout.status !== 200) throw new Error(`checkout ${checkout.status}: ${text}`);
    const { checkout_url } = JSON.parse(text);
    if (!checkout_url.startsWith(`${sim.url}/`)) throw new Error(`checkout_url ${checkout_url}`);
    const { body, headers } = simulatorModule.signedSampleWebhook("payment.succeeded", {
      webhookKey: sim.webhookKey,
    });
    const webhook = await fetch(`${url}/api/webhook`, { method: "POST", headers, body });
    if (webhook.status !== 200) throw new Error(`webhook ${webhook.status}: ${snippet.output()}`);
    return checkout_url;
  });
  snippet.child.kill("SIGKILL");
}

await sim.close();
console.log(JSON.stringify(report));
process.exit(report.failures.length > 0 ? 1 : 0);
