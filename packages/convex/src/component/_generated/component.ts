// Written by hand, because `convex codegen` needs a deployment; derived from the functions in
// lib.ts so it cannot drift from them. An app's generated `components.dodopayments` has this type.
import type { ApiFromModules, FunctionReference } from "convex/server";
import type * as lib from "../lib.js";

type ModuleApi = ApiFromModules<{ lib: typeof lib }>;

/** The component's functions as the app sees them: internal references named for the instance. */
type AsInstalled<T, Name extends string | undefined> = {
  [K in keyof T]: T[K] extends FunctionReference<
    infer Type,
    infer _Visibility,
    infer Args,
    infer Returns
  >
    ? FunctionReference<Type, "internal", Args, Returns, Name>
    : AsInstalled<T[K], Name>;
};

export type ComponentApi<Name extends string | undefined = string | undefined> = AsInstalled<
  ModuleApi,
  Name
>;
