// The README's `server.ts` snippets, taken from README.md as they are written, type-checked with
// Bun's types and run by the real Bun against the simulator. Two things around them: a tsconfig
// whose `paths` point `@dodopayments/bun` at this package's source (Bun honours `paths` too), and
// a preload that makes Bun.serve listen on 127.0.0.1 unless told otherwise (its default is every
// interface). The recommended form's `./auth` and `./orders` are the stand-ins below.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  generateWebhookKey,
  type Simulator,
  signedSampleWebhook,
  startSimulator,
} from "@dodopayments/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BunServer, startBunServer } from "./bun-process";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const readme = readFileSync(join(packageDir, "README.md"), "utf8");

/** The ```ts blocks that are a whole `server.ts`, in README order. */
const snippets = [...readme.matchAll(/```ts\n(\/\/ server\.ts\n[\s\S]*?)```/g)].map(
  (match) => match[1] as string,
);
const [documented, fetchForm, recommended] = snippets as [string, string, string];

const STAND_INS = {
  "auth.ts": `export async function getSession(request: Request): Promise<{ dodoCustomerId: string } | null> {
  return request.headers.get("cookie")?.includes("session=demo") ? { dodoCustomerId: "cus_demo" } : null;
}
`,
  "orders.ts": `export async function fulfilOrder(paymentId: string, webhookId: string): Promise<void> {
  console.log(\`fulfil \${paymentId} \${webhookId}\`);
}
export async function grantAccess(subscriptionId: string): Promise<void> {
  console.log(\`grant \${subscriptionId}\`);
}
`,
};

const PRELOAD = `const serve = Bun.serve;
Bun.serve = ((options) => serve({ hostname: "127.0.0.1", ...options })) as typeof Bun.serve;
`;

let dir: string;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), "dodo-bun-readme-"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "ESNext",
        moduleResolution: "Bundler",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        verbatimModuleSyntax: true,
        types: ["bun"],
        typeRoots: [join(packageDir, "node_modules/@types")],
        paths: { "@dodopayments/bun": [join(packageDir, "src/index.ts")] },
      },
      include: ["*/*.ts"],
    }),
  );
  writeFileSync(join(dir, "loopback.ts"), PRELOAD);
  for (const [name, source] of [
    ["documented", documented],
    ["fetch", fetchForm],
    ["recommended", recommended],
  ] as const) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "server.ts"), source);
    for (const [file, text] of Object.entries(STAND_INS))
      writeFileSync(join(dir, name, file), text);
  }
});
afterAll(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts one snippet as `bun server.ts` would, with the settings in its environment. */
function serve(name: string): Promise<BunServer> {
  return startBunServer(join(dir, name, "server.ts"), {
    cwd: join(dir, name),
    preload: join(dir, "loopback.ts"),
    env: {
      // Bun.serve listens on PORT; 0 is a free port, printed by the snippet.
      PORT: "0",
      DODO_PAYMENTS_API_KEY: sim.apiKey,
      DODO_PAYMENTS_BASE_URL: sim.url,
      DODO_PAYMENTS_ENVIRONMENT: "test_mode",
      DODO_PAYMENTS_RETURN_URL: "http://localhost:3000/success",
      DODO_PAYMENTS_WEBHOOK_KEY: sim.webhookKey,
    },
  });
}

const cart = { product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] };
const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const signed = (id?: string) =>
  signedSampleWebhook("payment.succeeded", { webhookKey: sim.webhookKey, ...(id ? { id } : {}) });

describe("README snippets", () => {
  it("are the three server.ts files, and type-check against Bun's own types", async () => {
    expect(snippets).toHaveLength(3);
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", dir]).catch(
      (error: { stdout?: string; stderr?: string }) => error,
    );
    expect(`${result.stdout ?? ""}${result.stderr ?? ""}`.trim()).toBe("");
  }, 120_000);

  describe("Routes: the documented options", () => {
    let app: BunServer;
    beforeAll(async () => {
      app = await serve("documented");
    });
    afterAll(() => app?.stop());

    it("GET static link and POST checkout session on one path", async () => {
      const get = await fetch(`${app.url}/api/checkout?productId=pdt_demo_onetime`);
      expect(get.status).toBe(200);
      const { checkout_url } = (await get.json()) as { checkout_url: string };
      expect(checkout_url.startsWith(`${sim.url}/buy/pdt_demo_onetime`)).toBe(true);
      const post = await postJson(`${app.url}/api/checkout`, cart);
      expect(post.status).toBe(200);
      expect(sim.requests.at(-1)?.path).toBe("/checkouts");
    });

    it("the ?customer_id= portal redirects", async () => {
      const response = await fetch(`${app.url}/api/customer-portal?customer_id=cus_demo`, {
        redirect: "manual",
      });
      expect(response.status).toBe(302);
    });

    it("a signed webhook reaches onPayload; a forged one is a 401; GET is Bun's 404", async () => {
      const { body, headers } = signed();
      const ok = await fetch(`${app.url}/api/webhook`, { method: "POST", headers, body });
      expect(ok.status).toBe(200);
      expect(app.output()).toContain("payment.succeeded");
      const other = signedSampleWebhook("payment.succeeded", { webhookKey: generateWebhookKey() });
      const forged = await fetch(`${app.url}/api/webhook`, {
        method: "POST",
        headers: other.headers,
        body: other.body,
      });
      expect(forged.status).toBe(401);
      expect((await fetch(`${app.url}/api/webhook`)).status).toBe(404);
    });
  });

  describe("Without routes: a fetch handler", () => {
    let app: BunServer;
    beforeAll(async () => {
      app = await serve("fetch");
    });
    afterAll(() => app?.stop());

    it("routes by path and method to the handlers", async () => {
      const get = await fetch(`${app.url}/api/checkout?productId=pdt_demo_onetime`);
      expect(get.status).toBe(200);
      expect((await postJson(`${app.url}/api/checkout`, cart)).status).toBe(200);
      const portal = await fetch(`${app.url}/api/customer-portal?customer_id=cus_demo`, {
        redirect: "manual",
      });
      expect(portal.status).toBe(302);
      const { body, headers } = signed();
      expect(
        (await fetch(`${app.url}/api/webhook`, { method: "POST", headers, body })).status,
      ).toBe(200);
      const get405 = await fetch(`${app.url}/api/webhook`);
      expect(get405.status).toBe(405);
      expect((await fetch(`${app.url}/elsewhere`)).status).toBe(404);
    });
  });

  describe("The recommended form", () => {
    let app: BunServer;
    beforeAll(async () => {
      app = await serve("recommended");
    });
    afterAll(() => app?.stop());

    it("checkout: the customer comes from the session; signed out is a 401", async () => {
      expect((await postJson(`${app.url}/api/checkout`, cart)).status).toBe(401);
      const signedIn = await postJson(`${app.url}/api/checkout`, cart, {
        cookie: "session=demo",
      });
      expect(signedIn.status).toBe(200);
      expect(sim.requests.at(-1)?.body).toMatchObject({ customer: { customer_id: "cus_demo" } });
      const foreign = await postJson(
        `${app.url}/api/checkout`,
        { ...cart, return_url: "https://elsewhere.example/" },
        { cookie: "session=demo" },
      );
      expect(foreign.status).toBe(400);
    });

    it("portal: getCustomerId decides, the query cannot", async () => {
      const response = await fetch(`${app.url}/api/customer-portal?customer_id=cus_other`, {
        redirect: "manual",
        headers: { cookie: "session=demo" },
      });
      expect(response.status).toBe(302);
      expect(sim.requests.at(-1)?.path).toBe("/customers/cus_demo/customer-portal/session");
      const signedOut = await fetch(`${app.url}/api/customer-portal`, { redirect: "manual" });
      expect(signedOut.status).toBe(401);
    });

    it("webhook: typed handlers run; GET is the handler's 405 with Allow: POST", async () => {
      const { event, body, headers } = signed("msg_readme");
      const response = await fetch(`${app.url}/api/webhook`, { method: "POST", headers, body });
      expect(response.status).toBe(200);
      expect(app.output()).toContain(`fulfil ${event.data.payment_id} msg_readme`);
      const get = await fetch(`${app.url}/api/webhook`);
      expect(get.status).toBe(405);
      expect(get.headers.get("allow")).toBe("POST");
    });
  });
});
