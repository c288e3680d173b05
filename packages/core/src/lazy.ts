// Loads ./runtime (the Dodo SDK and zod) when the first checkout or portal request needs it.
// Serverless functions import their routes on every cold start: a route that only verifies
// webhooks, or one that never gets a checkout request, pays for neither.
import { type Logger, serverMisconfigured } from "./http";

export type Runtime = typeof import("./runtime");

let loading: Promise<Runtime> | undefined;

function loadRuntime(): Promise<Runtime> {
  loading ??= import("./runtime").catch((error: unknown) => {
    // Not remembered: the next request tries again (a dependency installed meanwhile, a flaky disk).
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * `make(runtime)` once, on first use, for one handler: its SDK client, its product cache. If the
 * runtime cannot be loaded (the SDK or zod is missing from the install), the request is answered
 * 500 "Server misconfigured" like any other setup problem, the cause logged once per handler, and
 * the next request tries again.
 */
export function onFirstUse<T>(make: (runtime: Runtime) => T, logger: Logger): () => Promise<T> {
  let made: Promise<T> | undefined;
  let reported = false;
  return () => {
    made ??= loadRuntime().then(make, (error: unknown) => {
      made = undefined;
      if (!reported) {
        reported = true;
        logger.error(
          "Could not load the Dodo Payments SDK (dodopayments) or zod, dependencies of @dodopayments/core: check that they are installed.",
          error,
        );
      }
      throw serverMisconfigured();
    });
    return made;
  };
}
