// One framework per process, serving two apps of that framework on two ports: a bare route
// (reads the body, answers 200) and the adapter's webhook route. Separate apps, so neither route
// pays for the other's place in the router. Prints "<barePort> <webhookPort>" once listening.
const framework = process.argv[2];
const webhookKey = process.env.DODO_PAYMENTS_WEBHOOK_KEY;
const handlers = { onPaymentSucceeded: async () => {} };

async function express() {
  const { default: express } = await import("express");
  const { Webhooks } = await import("@dodopayments/express");
  const bare = express();
  bare.post("/bare", express.raw({ type: "*/*" }), (_req, res) => {
    res.status(200).end();
  });
  const adapter = express();
  adapter.post("/webhook", Webhooks({ webhookKey, ...handlers }));
  const listen = (app) =>
    new Promise((resolve) => {
      const server = app.listen(0, "127.0.0.1", () => resolve(server.address().port));
    });
  return [await listen(bare), await listen(adapter)];
}

async function fastify() {
  const { default: Fastify } = await import("fastify");
  const { dodopaymentsPlugin } = await import("@dodopayments/fastify");
  const bare = Fastify();
  bare.post("/bare", async () => "");
  const adapter = Fastify();
  await adapter.register(dodopaymentsPlugin, {
    webhooks: { path: "/webhook", webhookKey, ...handlers },
  });
  const listen = async (app) => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    return app.server.address().port;
  };
  return [await listen(bare), await listen(adapter)];
}

async function hono() {
  const { Hono } = await import("hono");
  const { serve } = await import("@hono/node-server");
  const { Webhooks } = await import("@dodopayments/hono");
  const bare = new Hono();
  bare.post("/bare", async (c) => {
    await c.req.text();
    return c.body(null, 200);
  });
  const adapter = new Hono();
  adapter.post("/webhook", Webhooks({ webhookKey, ...handlers }));
  const listen = (app) =>
    new Promise((resolve) => {
      serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
    });
  return [await listen(bare), await listen(adapter)];
}

const start = { express, fastify, hono }[framework];
if (!start) {
  console.error(`unknown framework ${framework}`);
  process.exit(2);
}
console.log((await start()).join(" "));
