// One framework per process: a bare route (reads the body, answers 200) and the adapter's webhook
// route, side by side. Prints its port on stdout once listening.
const framework = process.argv[2];
const webhookKey = process.env.DODO_PAYMENTS_WEBHOOK_KEY;
const handlers = { onPaymentSucceeded: async () => {} };

async function express() {
  const { default: express } = await import("express");
  const { Webhooks } = await import("@dodopayments/express");
  const app = express();
  app.post("/bare", express.raw({ type: "*/*" }), (_req, res) => {
    res.status(200).end();
  });
  app.post("/webhook", Webhooks({ webhookKey, ...handlers }));
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });
}

async function fastify() {
  const { default: Fastify } = await import("fastify");
  const dodo = await import("@dodopayments/fastify");
  const app = Fastify();
  app.post("/bare", async () => "");
  await app.register(dodo.dodopaymentsPlugin, {
    webhooks: { path: "/webhook", webhookKey, ...handlers },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  return app.server.address().port;
}

async function hono() {
  const { Hono } = await import("hono");
  const { serve } = await import("@hono/node-server");
  const { Webhooks } = await import("@dodopayments/hono");
  const app = new Hono();
  app.post("/bare", async (c) => {
    await c.req.text();
    return c.body(null, 200);
  });
  app.post("/webhook", Webhooks({ webhookKey, ...handlers }));
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
  });
}

const start = { express, fastify, hono }[framework];
if (!start) {
  console.error(`unknown framework ${framework}`);
  process.exit(2);
}
console.log(await start());
