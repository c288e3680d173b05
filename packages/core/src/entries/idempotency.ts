// The built `@dodopayments/core/idempotency` (see ./light.ts).
import "./light";

export * from "../webhooks/idempotency/index";
