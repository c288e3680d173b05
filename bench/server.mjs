// One framework per process, serving five apps of that framework on five ports: a bare route
// (reads the body, answers 200), the floor (below), a hand-written webhook route (below), the
// published adapter's webhook route and ours (port 0 where a route does not exist for that
// framework). Separate apps, so no route pays for another's place in the router.
// Prints "<bare> <floor> <hand-written> <published> <ours>" (ports) once listening.
import { createHmac, timingSafeEqual } from "node:crypto";

const framework = process.argv[2];
const webhookKey = process.env.DODO_PAYMENTS_WEBHOOK_KEY;
const handlers = { onPaymentSucceeded: async () => {} };

/**
 * The least any verifying route does: HMAC-SHA256 over the exact bytes and `JSON.parse`, nothing
 * else (no headers, no timestamp window, no signature compare, no envelope check, no handler).
 * Not a webhook route anyone should ship: the bound a target for one can be checked against.
 */
function floor(headers, raw) {
  createHmac("sha256", secret)
    .update(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.`)
    .update(raw)
    .digest();
  JSON.parse(raw);
  return 200;
}

/**
 * What a developer would write by hand with the same semantics as the adapters' happy path:
 * Standard Webhooks HMAC over the exact bytes, timestamp window, `JSON.parse`, a check of the
 * envelope, then the handler. Answers the status only; no logging, no 413, no `context.request`.
 */
const secret = Buffer.from(webhookKey.slice("whsec_".length), "base64");
function handWritten(headers, raw) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures) return 401;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return 401;
  const expected = createHmac("sha256", secret).update(`${id}.${timestamp}.`).update(raw).digest();
  const valid = signatures.split(" ").some((entry) => {
    const [version, signature = ""] = entry.split(",");
    const given = Buffer.from(signature, "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!valid) return 401;
  let event;
  try {
    event = JSON.parse(raw);
  } catch {
    return 400;
  }
  if (typeof event?.type !== "string" || typeof event.data !== "object") return 400;
  return event.type === "payment.succeeded"
    ? handlers.onPaymentSucceeded(event).then(() => 200)
    : 200;
}

async function express() {
  const { default: express } = await import("express");
  const ours = await import("@dodopayments/express");
  const published = await import("published-express");
  const bare = express();
  bare.post("/bare", express.raw({ type: "*/*" }), (_req, res) => {
    res.status(200).end();
  });
  const least = express();
  least.post("/webhook", express.raw({ type: "*/*" }), (req, res) => {
    res.status(floor(req.headers, req.body)).end();
  });
  const manual = express();
  manual.post("/webhook", express.raw({ type: "*/*" }), async (req, res) => {
    res.status(await handWritten(req.headers, req.body)).end();
  });
  // Ours as its README shows; the published one reads `req.body` (it verifies the re-serialized
  // JSON, not the bytes received), so it only answers behind `express.json()`.
  const ourRoute = express().post("/webhook", ours.Webhooks({ webhookKey, ...handlers }));
  const publishedRoute = express().post(
    "/webhook",
    express.json(),
    published.Webhooks({ webhookKey, ...handlers }),
  );
  const listen = (app) =>
    new Promise((resolve) => {
      const server = app.listen(0, "127.0.0.1", () => resolve(server.address().port));
    });
  return [
    await listen(bare),
    await listen(least),
    await listen(manual),
    await listen(publishedRoute),
    await listen(ourRoute),
  ];
}

async function fastify() {
  const { default: Fastify } = await import("fastify");
  const { dodopaymentsPlugin } = await import("@dodopayments/fastify");
  const bare = Fastify();
  bare.post("/bare", async () => "");
  const rawBody = (app) =>
    app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) =>
      done(null, body),
    );
  const least = Fastify();
  rawBody(least);
  least.post("/webhook", async (request, reply) =>
    reply.code(floor(request.headers, request.body)).send(),
  );
  const manual = Fastify();
  rawBody(manual);
  manual.post("/webhook", async (request, reply) =>
    reply.code(await handWritten(request.headers, request.body)).send(),
  );
  const adapter = Fastify();
  await adapter.register(dodopaymentsPlugin, {
    webhooks: { path: "/webhook", webhookKey, ...handlers },
  });
  const listen = async (app) => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    return app.server.address().port;
  };
  // No Fastify adapter has been published.
  return [await listen(bare), await listen(least), await listen(manual), 0, await listen(adapter)];
}

async function hono() {
  const { Hono } = await import("hono");
  const { serve } = await import("@hono/node-server");
  const ours = await import("@dodopayments/hono");
  const published = await import("published-hono");
  const bare = new Hono();
  bare.post("/bare", async (c) => {
    await c.req.text();
    return c.body(null, 200);
  });
  const honoHeaders = (c) => ({
    "webhook-id": c.req.header("webhook-id"),
    "webhook-timestamp": c.req.header("webhook-timestamp"),
    "webhook-signature": c.req.header("webhook-signature"),
  });
  const least = new Hono().post("/webhook", async (c) => {
    const raw = await c.req.text();
    return c.body(null, floor(honoHeaders(c), raw));
  });
  const manual = new Hono().post("/webhook", async (c) => {
    const raw = await c.req.text();
    return c.body(null, await handWritten(honoHeaders(c), raw));
  });
  const route = (adapter) =>
    new Hono().post("/webhook", adapter.Webhooks({ webhookKey, ...handlers }));
  const listen = (app) =>
    new Promise((resolve) => {
      serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
    });
  return [
    await listen(bare),
    await listen(least),
    await listen(manual),
    await listen(route(published)),
    await listen(route(ours)),
  ];
}

const start = { express, fastify, hono }[framework];
if (!start) {
  console.error(`unknown framework ${framework}`);
  process.exit(2);
}
// An orderly exit on SIGTERM, so that `node --cpu-prof server.mjs ...` writes its profile.
process.on("SIGTERM", () => process.exit(0));
console.log((await start()).join(" "));
