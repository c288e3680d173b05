// The built `@dodopayments/core/adapter-exports` (see ./light.ts).
import "./light";

export * from "../adapter-exports";
