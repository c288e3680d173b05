// The app these tests run: the example's convex/ folder, as users copy it, with this package's
// component installed under its documented name. Everything runs under convex-test (Convex's
// JavaScript mock of the backend, enforcing validators), not on a deployed Convex backend, which
// cannot run here; Dodo API calls go to the simulator over loopback.
import { type Simulator, startSimulator } from "@dodopayments/simulator";
import { ConvexError } from "convex/values";
import { convexTest } from "convex-test";
import { expect } from "vitest";
import schema from "../../../examples/convex/convex/schema";
import type { DodoProblem } from "../src/client/index";
import { register } from "../src/test";

export const appModules = import.meta.glob("../../../examples/convex/convex/**/*.*s");

export const RETURN_URL = "http://127.0.0.1:9/success";
/** Put in upstream error bodies: it must never reach an answer. */
export const UPSTREAM_SECRET = "upstream-detail-cus_secret@example.com";

/** The example app with the component registered (the package's `/test` helper), as `app.use(dodopayments)` installs it. */
export function exampleApp(modules: Record<string, () => Promise<unknown>> = appModules) {
  return register(convexTest(schema, modules));
}

const NAMES = [
  "DODO_PAYMENTS_API_KEY",
  "DODO_PAYMENTS_BASE_URL",
  "DODO_PAYMENTS_ENVIRONMENT",
  "DODO_PAYMENTS_RETURN_URL",
  "DODO_PAYMENTS_WEBHOOK_KEY",
  "DODO_PAYMENTS_WEBHOOK_SECRET",
] as const;

/**
 * Starts a simulator and sets the app's environment variables (what the Convex dashboard holds)
 * to reach it. The webhook secret goes in DODO_PAYMENTS_WEBHOOK_SECRET, the documented name.
 * Returns a function that stops the simulator and restores the environment.
 */
export async function startDodo(): Promise<{ sim: Simulator; stop: () => Promise<void> }> {
  const sim = await startSimulator({ port: 0 });
  const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
  for (const name of NAMES) delete process.env[name];
  Object.assign(process.env, {
    DODO_PAYMENTS_API_KEY: sim.apiKey,
    DODO_PAYMENTS_BASE_URL: sim.url,
    DODO_PAYMENTS_ENVIRONMENT: "test_mode",
    DODO_PAYMENTS_RETURN_URL: RETURN_URL,
    DODO_PAYMENTS_WEBHOOK_SECRET: sim.webhookKey,
  });
  return {
    sim,
    stop: async () => {
      for (const name of NAMES) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      await sim.close();
    },
  };
}

/** The `DodoProblem` a call was refused with; it never carries upstream text. */
export async function refusal(call: Promise<unknown>): Promise<DodoProblem> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome))
    throw new Error(`expected a ConvexError, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(ConvexError);
  const data = (outcome.error as ConvexError<DodoProblem>).data;
  expect(JSON.stringify(data)).not.toContain(UPSTREAM_SECRET);
  return data;
}
