// Written by hand in the shape `convex codegen` writes, because codegen needs a deployment.
// The component has no tables, so its data model is `AnyDataModel`.
import {
  type ActionBuilder,
  type AnyDataModel,
  actionGeneric,
  type GenericActionCtx,
} from "convex/server";

/** An action of this component, callable by the app that installs it. */
export const action: ActionBuilder<AnyDataModel, "public"> = actionGeneric;

export type ActionCtx = GenericActionCtx<AnyDataModel>;
