// Express-specific behaviour the shared conformance suite does not cover, on Express 5 and 4.
import { createServer, request as httpRequest, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import {
  adapterOptions,
  generateWebhookKey,
  type RecordingLogger,
  recordingLogger,
  signedSampleWebhook,
  startSimulator,
} from "@dodopayments/simulator";
import express, { type ErrorRequestHandler, type Express } from "express";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import {
  Checkout,
  CustomerPortal,
  checkoutHandler,
  customerPortalHandler,
  keepRawBody,
  type WebhookContext,
  Webhooks,
} from "../src/index";

// `express4` is `npm:express@^4`, which has no types of its own; its API is the one used here.
const express4 = createRequire(import.meta.url)("express4") as typeof express;

const webhookKey = generateWebhookKey();

// One simulator for the file, behind the checkout and portal routes of both Express versions.
const sim = await startSimulator({ port: 0 });
afterAll(() => sim.close());

const servers: Server[] = [];
async function serve(app: Express): Promise<string> {
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** POSTs a payment.succeeded sample signed with `webhookKey`; answers the response and the body. */
async function sendWebhook(base: string, format: "compact" | "pretty") {
  const { body, headers } = signedSampleWebhook("payment.succeeded", { webhookKey, format });
  const response = await fetch(`${base}/api/webhook`, { method: "POST", headers, body });
  return { response, body };
}

/** An app with the webhook route at /api/webhook; `seen` collects payment.succeeded contexts. */
function webhookApp(
  framework: typeof express,
  options: {
    before?: (app: Express) => void;
    logger: RecordingLogger;
    onPayload?: () => Promise<void>;
  },
) {
  const seen: WebhookContext[] = [];
  const app = framework();
  options.before?.(app);
  app.post(
    "/api/webhook",
    Webhooks({
      webhookKey,
      logger: options.logger,
      onPayload: options.onPayload,
      onPaymentSucceeded: async (_payload, context) => {
        seen.push(context);
      },
    }),
  );
  return { app, seen };
}

describe.each([
  ["Express 5", express],
  ["Express 4", express4],
])("%s", (_name, framework) => {
  it("exports the documented names and aliases", () => {
    expect(Checkout).toBe(checkoutHandler);
    expect(customerPortalHandler).toBe(CustomerPortal);
    expect(typeof Webhooks({ webhookKey })).toBe("function");
    expect(Webhooks({ webhookKey }).length).toBe(3);
  });

  it("mounted before any body parser, verifies the exact bytes of a pretty-printed body", async () => {
    const logger = recordingLogger();
    const { app, seen } = webhookApp(framework, { logger });
    app.use(framework.json());
    const base = await serve(app);
    const { response, body } = await sendWebhook(base, "pretty");
    expect(response.status).toBe(200);
    expect(seen[0]?.rawBody).toBe(body);
    expect(logger.lines).toEqual([]);
  });

  it("context.request is the delivery as a Web Request: URL, headers and the exact bytes", async () => {
    const { app, seen } = webhookApp(framework, { logger: recordingLogger() });
    const base = await serve(app);
    const { response, body } = await sendWebhook(base, "pretty");
    expect(response.status).toBe(200);
    const request = seen[0]?.request;
    expect(request?.url).toBe(`${base}/api/webhook`);
    expect(request?.method).toBe("POST");
    expect(request?.headers.get("webhook-id")).toBe(seen[0]?.webhookId);
    expect(await request?.text()).toBe(body);
  });

  it("with a global express.json({ verify: keepRawBody }), verifies the kept bytes", async () => {
    const logger = recordingLogger();
    const { app, seen } = webhookApp(framework, {
      logger,
      before: (a) => a.use(framework.json({ verify: keepRawBody })),
    });
    const base = await serve(app);
    const { response, body } = await sendWebhook(base, "pretty");
    expect(response.status).toBe(200);
    expect(seen[0]?.rawBody).toBe(body);
    expect(logger.lines).toEqual([]);
  });

  it("with a global express.raw() or express.text(), verifies the exact bytes", async () => {
    for (const parser of [
      framework.raw({ type: "*/*" }),
      framework.text({ type: "application/json" }),
    ]) {
      const logger = recordingLogger();
      const { app, seen } = webhookApp(framework, { logger, before: (a) => a.use(parser) });
      const base = await serve(app);
      const { response, body } = await sendWebhook(base, "pretty");
      expect(response.status).toBe(200);
      expect(seen[0]?.rawBody).toBe(body);
      expect(logger.lines).toEqual([]);
    }
  });

  it("after a global express.json(): compact JSON verifies, pretty JSON is refused, one log line", async () => {
    const logger = recordingLogger();
    const { app, seen } = webhookApp(framework, {
      logger,
      before: (a) => a.use(framework.json()),
    });
    const base = await serve(app);
    expect((await sendWebhook(base, "compact")).response.status).toBe(200);
    expect((await sendWebhook(base, "compact")).response.status).toBe(200);
    expect((await sendWebhook(base, "pretty")).response.status).toBe(401);
    expect(seen).toHaveLength(2);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warn: /);
    expect(logger.lines[0]).toMatch(/keepRawBody/);
    expect(logger.lines[0]).toMatch(/before the JSON parser/);
  });

  it("a body over maxBodyBytes is a 413 problem before it is hashed", async () => {
    const app = framework();
    app.post("/api/webhook", Webhooks({ webhookKey, maxBodyBytes: 64, logger: recordingLogger() }));
    const base = await serve(app);
    const { response } = await sendWebhook(base, "pretty");
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });

  it("a failure inside the adapter reaches the error middleware (no unhandled rejection)", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const errors: unknown[] = [];
      const app = framework();
      app.post(
        "/api/checkout-session",
        checkoutHandler({ type: "session", bearerToken: "k", logger: recordingLogger() }),
      );
      const onError: ErrorRequestHandler = (error, _req, res, _next) => {
        errors.push(error);
        res.status(500).send("handled by the app");
      };
      app.use(onError);
      const base = new URL(await serve(app));
      // A Host header that is not a valid URL authority makes building the Web Request throw.
      const { status, text } = await new Promise<{ status: number; text: string }>(
        (resolve, reject) => {
          const req = httpRequest(
            {
              host: base.hostname,
              port: base.port,
              method: "POST",
              path: "/api/checkout-session",
              headers: { host: "not a host", "content-type": "application/json" },
            },
            (res) => {
              let text = "";
              res.on("data", (chunk) => {
                text += chunk;
              });
              res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
            },
          );
          req.on("error", reject);
          req.end(JSON.stringify({ product_cart: [] }));
        },
      );
      expect(status).toBe(500);
      expect(text).toBe("handled by the app");
      expect(errors).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("a throwing webhook handler answers 500 and the app keeps serving", async () => {
    const logger = recordingLogger();
    const { app } = webhookApp(framework, {
      logger,
      onPayload: async () => {
        throw new Error("boom");
      },
    });
    app.get("/health", (_req, res) => {
      res.send("ok");
    });
    const base = await serve(app);
    const { response } = await sendWebhook(base, "compact");
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("boom");
    expect(logger.lines).toEqual([expect.stringMatching(/^error: .*\(Error: boom\)$/)]);
    expect(await (await fetch(`${base}/health`)).text()).toBe("ok");
  });

  describe("against the simulator", () => {
    const config = () => ({
      ...adapterOptions(sim),
      returnUrl: "http://127.0.0.1:9/done",
      maxRetries: 0,
    });
    const sessionBody = { product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] };

    it("checkout POST reads the stream when no body parser ran", async () => {
      const app = framework();
      app.post("/api/checkout", checkoutHandler({ ...config(), type: "session" }));
      const base = await serve(app);
      const response = await fetch(`${base}/api/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(sessionBody, null, 2),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { checkout_url: string }).checkout_url).toContain(
        "/session/",
      );
    });

    it("checkout POST uses the object a global express.json() parsed", async () => {
      const app = framework();
      app.use(framework.json());
      app.post("/api/checkout", Checkout({ ...config(), type: "session" }));
      const base = await serve(app);
      const response = await fetch(`${base}/api/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(sessionBody),
      });
      expect(response.status).toBe(200);
      const invalid = await fetch(`${base}/api/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ product_cart: [] }),
      });
      expect(invalid.status).toBe(400);
      expect(invalid.headers.get("content-type")).toContain("application/problem+json");
    });

    it("hands the Express request to hooks as their context, and builds the URL from it", async () => {
      const app = framework();
      app.use((req, _res, next) => {
        (req as typeof req & { user?: { customerId: string } }).user = { customerId: "cus_demo" };
        next();
      });
      const contexts: unknown[] = [];
      const router = framework.Router();
      router.get(
        "/portal",
        CustomerPortal({
          ...config(),
          getCustomerId: (request, req) => {
            contexts.push(req);
            expect(new URL(request.url).pathname).toBe("/account/portal");
            return (req as (typeof req & { user?: { customerId: string } }) | undefined)?.user
              ?.customerId;
          },
        }),
      );
      app.use("/account", router);
      const base = await serve(app);
      const response = await fetch(`${base}/account/portal`, { redirect: "manual" });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")?.startsWith(sim.url)).toBe(true);
      expect(contexts).toHaveLength(1);
      expect((contexts[0] as { originalUrl: string }).originalUrl).toBe("/account/portal");
    });

    it("the documented snippets type-check and answer as documented", async () => {
      const app = framework();
      process.env.DODO_PAYMENTS_BASE_URL = sim.url;
      try {
        app.get(
          "/api/checkout",
          checkoutHandler({
            bearerToken: sim.apiKey,
            returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
            environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
            type: "static",
          }),
        );
        app.get(
          "/api/customer-portal",
          CustomerPortal({
            bearerToken: sim.apiKey,
            environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
          }),
        );
        const base = await serve(app);
        const checkout = await fetch(`${base}/api/checkout?productId=pdt_demo_onetime`);
        expect(checkout.status).toBe(200);
        const portal = await fetch(`${base}/api/customer-portal?customer_id=cus_demo`, {
          redirect: "manual",
        });
        expect(portal.status).toBe(302);
        expect((await fetch(`${base}/api/checkout`)).status).toBe(400);
      } finally {
        delete process.env.DODO_PAYMENTS_BASE_URL;
      }
    });
  });
});
