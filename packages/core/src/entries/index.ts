// The built `@dodopayments/core` (see ./light.ts).
import "./light";

export * from "../index";
