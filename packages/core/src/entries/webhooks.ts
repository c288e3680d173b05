// The built `@dodopayments/core/webhooks` (see ./light.ts).
import "./light";

export * from "../webhooks/index";
