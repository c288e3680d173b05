// The built `@dodopayments/core/node` (see ./light.ts).
import "./light";

export * from "../node";
