// The built `@dodopayments/core/internal` (see ./light.ts).
import "./light";

export * from "../internal";
