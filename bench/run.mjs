// Loads, per framework, a bare route, the floor, a hand-written webhook route, the published
// adapter's webhook route and ours on loopback, in an order rotated every round, and prints req/s,
// p50/p99 latency, the server's CPU time per request and each route's throughput ÷ the bare
// route's: the median of the per-round ratios (routes measured within the same round share the
// machine's state), and best round ÷ best round.
// Usage: pnpm --filter @dodopayments/bench bench [express fastify hono]
// (ROUNDS=rounds, DURATION=seconds per run, CLIENT=wrk|autocannon, BODY=minimal)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { signWebhook } from "@dodopayments/core/webhooks";
import { generateWebhookKey, sampleEvent } from "@dodopayments/simulator";
import autocannon from "autocannon";

const frameworks = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["express", "fastify", "hono"];
const duration = Number(process.env.DURATION ?? 3);
const rounds = Number(process.env.ROUNDS ?? 7);
const connections = 50;
const client = process.env.CLIENT ?? "wrk";
if (client !== "wrk" && client !== "autocannon") {
  console.error(`CLIENT=${client}: wrk or autocannon`);
  process.exit(2);
}
const found = (command) =>
  spawnSync(command, ["--version"], { stdio: "ignore" }).error === undefined;
if (client === "wrk" && !found("wrk")) {
  console.error("wrk not found: apt-get install wrk (or CLIENT=autocannon)");
  process.exit(2);
}
// With wrk, the server gets CPU 0 and the client CPU 1 (when there are two and `taskset` exists),
// so the client never competes with the server for a core. autocannon runs in this process.
const pinned = client === "wrk" && availableParallelism() >= 2 && found("taskset");
const pin = (cpu, command, args) =>
  pinned ? ["taskset", ["-c", String(cpu), command, ...args]] : [command, args];
const targets = { express: 0.92, fastify: 0.8, hono: 0.75 };
const webhookKey = generateWebhookKey();

// The body signed and sent to every route. Default: a full payment.succeeded event (the
// simulator's sample, 1.4 KB of compact JSON) with the fields the published adapters' schema
// (0.2.x) requires, which answers 400 without them. BODY=minimal: the short event this benchmark
// used before it compared the published adapters (they refuse it, so they are left out).
const minimal = process.env.BODY === "minimal";
const sample = sampleEvent("payment.succeeded");
const body = JSON.stringify(
  minimal
    ? {
        business_id: "bus_bench",
        type: "payment.succeeded",
        timestamp: new Date().toISOString(),
        data: {
          payload_type: "Payment",
          payment_id: "pay_bench",
          total_amount: 2900,
          currency: "USD",
          customer: { customer_id: "cus_1", email: "ada@example.com", name: "Ada" },
          metadata: {},
        },
      }
    : {
        ...sample,
        data: {
          ...sample.data,
          customer: { ...sample.data.customer, phone_number: "+15550100", metadata: {} },
          custom_field_responses: [],
          invoice_url: "https://test.dodopayments.com/invoices/payments/inv_bench",
          refund_status: "partial",
        },
      },
);

const work = mkdtempSync(join(tmpdir(), "dodo-bench-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const bodyFile = join(work, "body.json");
writeFileSync(bodyFile, body);

// wrk's script: a POST of the body with the signed headers, written again for each round.
function wrkScript(headers) {
  const script = join(work, "request.lua");
  const lines = [
    'wrk.method = "POST"',
    `wrk.body = io.open(${JSON.stringify(bodyFile)}):read("*a")`,
    ...Object.entries({ "content-type": "application/json", ...headers }).map(
      ([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`,
    ),
  ];
  writeFileSync(script, lines.join("\n"));
  return script;
}

const MS = { us: 0.001, ms: 1, s: 1000 };
const wrkMs = (output, percentile) => {
  const [, value, unit] = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s)$`, "m").exec(
    output,
  );
  return Number(value) * MS[unit];
};

async function load(url, headers, seconds = duration) {
  if (client === "wrk") {
    const args = [
      "-t1",
      `-c${connections}`,
      `-d${seconds}s`,
      "--latency",
      "-s",
      wrkScript(headers),
      url,
    ];
    const output = execFileSync(...pin(1, "wrk", args), { encoding: "utf8" });
    if (/Non-2xx|Socket errors/.test(output)) throw new Error(`${url}:\n${output}`);
    return {
      rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)[1]),
      requests: Number(/(\d+) requests in/.exec(output)[1]),
      p50: wrkMs(output, 50),
      p99: wrkMs(output, 99),
    };
  }
  const result = await autocannon({
    url,
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    connections,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

// The server's user + system CPU time in microseconds (Linux, at 100 clock ticks a second, the
// kernel's fixed USER_HZ), or undefined elsewhere.
function cpuMicros(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
  } catch {
    return undefined;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function measure(framework, server) {
  const [chunk] = await once(server.stdout, "data");
  const ports = String(chunk).trim().split(" ").map(Number);
  const routes = ["bare", "floor", "hand-written", "published", "ours"]
    .map((name, i) => ({ name, url: `http://127.0.0.1:${ports[i]}/${i ? "webhook" : "bare"}` }))
    .filter((route, i) => ports[i] !== 0 && !(minimal && route.name === "published"));
  const best = {};
  const ratios = {};
  const cpu = {};
  // Unmeasured first pass: whichever route ran first would otherwise also pay for JIT warm-up.
  const warmup = await signWebhook({ body, webhookKey });
  for (const route of routes) await load(route.url, warmup, 2);
  for (let round = 0; round < rounds; round++) {
    // Signed fresh each round so the timestamp stays inside the 5-minute window.
    const headers = await signWebhook({ body, webhookKey });
    const results = {};
    for (let i = 0; i < routes.length; i++) {
      const route = routes[(i + round) % routes.length];
      const cpuBefore = cpuMicros(server.pid);
      const result = await load(route.url, headers);
      const cpuAfter = cpuMicros(server.pid);
      if (cpuBefore !== undefined && cpuAfter !== undefined) {
        cpu[route.name] ??= [];
        cpu[route.name].push((cpuAfter - cpuBefore) / result.requests);
      }
      results[route.name] = result;
      if (!best[route.name] || result.rps > best[route.name].rps) best[route.name] = result;
    }
    for (const route of routes.slice(1)) {
      ratios[route.name] ??= [];
      ratios[route.name].push(results[route.name].rps / results.bare.rps);
    }
  }
  return { framework, routes: routes.map((route) => route.name), best, ratios, cpu };
}

const rows = [];
for (const framework of frameworks) {
  const server = spawn(...pin(0, process.execPath, ["server.mjs", framework]), {
    env: { ...process.env, DODO_PAYMENTS_WEBHOOK_KEY: webhookKey, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    rows.push(await measure(framework, server));
  } finally {
    server.kill();
    await once(server, "exit");
  }
}

const version = (name) =>
  JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, import.meta.url), "utf8"))
    .version;
// `wrk --version` prints its version, then its usage, and exits 1.
const wrkVersion =
  client === "wrk" ? spawnSync("wrk", ["--version"], { encoding: "utf8" }).stdout : "";
console.log(
  `\nbody ${Buffer.byteLength(body)} bytes, ${rounds} rounds of ${duration} s, ${connections} connections, ${client === "wrk" ? wrkVersion.split(" [")[0] : `autocannon ${version("autocannon")}`}${pinned ? ", server on CPU 0 and client on CPU 1" : ""}, Node ${process.version}`,
);
console.log(
  ["express", "fastify", "hono", "@hono/node-server", "published-express", "published-hono"]
    .map((name) => `${name} ${version(name)}`)
    .join(", "),
);
console.log(
  "framework  route        best req/s  p50 ms  p99 ms  CPU µs/req  ÷ bare: median of rounds / best (target for ours)",
);
for (const { framework, routes, best, ratios, cpu } of rows) {
  for (const name of routes) {
    const row = best[name];
    const micros = cpu[name] ? median(cpu[name]).toFixed(1) : "";
    const ratio =
      name === "bare"
        ? ""
        : `  ${median(ratios[name]).toFixed(2)} / ${(row.rps / best.bare.rps).toFixed(2)}${name === "ours" ? ` (>= ${targets[framework]})` : ""}`;
    console.log(
      `${(name === "bare" ? framework : "").padEnd(10)} ${name.padEnd(12)} ${row.rps.toFixed(0).padStart(10)}  ${row.p50.toFixed(1).padStart(6)}  ${row.p99.toFixed(1).padStart(6)}  ${micros.padStart(10)}${ratio}`,
    );
  }
}
