import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // Your users, as your auth provider signs them in. `dodoCustomerId` is the Dodo Payments
  // customer you created for the user (or saw in their first `payment.succeeded`).
  users: defineTable({
    authId: v.string(),
    email: v.string(),
    dodoCustomerId: v.optional(v.string()),
  }).index("by_auth_id", ["authId"]),
  // Paid orders, written by the `payment.succeeded` webhook handler.
  payments: defineTable({
    paymentId: v.string(),
    customerEmail: v.string(),
    amount: v.number(),
    currency: v.string(),
  }).index("by_payment_id", ["paymentId"]),
  // Every verified webhook event once: Dodo delivers at least once, so the id is checked first.
  webhookEvents: defineTable({
    webhookId: v.string(),
    type: v.string(),
    receivedAt: v.number(),
  }).index("by_webhook_id", ["webhookId"]),
});
