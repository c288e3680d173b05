import { v } from "convex/values";
import { internalMutation, query } from "./_generated/server";

/** Records a verified event once per webhook id; answers whether it is new. */
export const recordEvent = internalMutation({
  args: { webhookId: v.string(), type: v.string() },
  handler: async (ctx, { webhookId, type }) => {
    const seen = await ctx.db
      .query("webhookEvents")
      .withIndex("by_webhook_id", (q) => q.eq("webhookId", webhookId))
      .first();
    if (seen) return false;
    await ctx.db.insert("webhookEvents", { webhookId, type, receivedAt: Date.now() });
    return true;
  },
});

/** Fulfils a paid order (here: stores it). Idempotent on the payment id. */
export const recordPayment = internalMutation({
  args: {
    paymentId: v.string(),
    customerEmail: v.string(),
    amount: v.number(),
    currency: v.string(),
  },
  handler: async (ctx, args) => {
    const existing = await ctx.db
      .query("payments")
      .withIndex("by_payment_id", (q) => q.eq("paymentId", args.paymentId))
      .first();
    if (!existing) await ctx.db.insert("payments", args);
  },
});

/** The latest events, newest first, for an events page. */
export const listEvents = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("webhookEvents").order("desc").take(100);
  },
});
