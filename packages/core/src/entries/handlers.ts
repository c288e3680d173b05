// The built `@dodopayments/core/handlers` (see ./light.ts).
import "./light";

export * from "../handlers";
