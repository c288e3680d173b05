// For your own tests with convex-test: installs this component on a test instance, as
// `app.use(dodopayments)` installs it in your app.
import { defineSchema } from "convex/server";

/** The component's modules, in the form `t.registerComponent` takes (an `import.meta.glob` result). */
export const modules: Record<string, () => Promise<unknown>> = {
  "./component/_generated/server.js": () => import("./component/_generated/server.js"),
  "./component/lib.js": () => import("./component/lib.js"),
};

/** What `register` needs of a `convexTest(...)` instance. */
export interface ComponentRegistry {
  registerComponent(
    name: string,
    schema: ReturnType<typeof defineSchema>,
    modules: Record<string, () => Promise<unknown>>,
  ): unknown;
}

/**
 * Registers the component on `t` under `name` (the name `app.use` gave it; default
 * `"dodopayments"`), so that `components.dodopayments` calls reach it in convex-test.
 */
export function register<T extends ComponentRegistry>(t: T, name = "dodopayments"): T {
  t.registerComponent(name, defineSchema({}), modules);
  return t;
}
