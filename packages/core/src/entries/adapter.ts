// The built `@dodopayments/core/adapter` (see ./light.ts).
import "./light";

export * from "../adapter";
