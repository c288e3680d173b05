import { v } from "convex/values";
import { internalQuery } from "./_generated/server";

/** The user your auth provider signed in (`identity.subject`), for `identify` in dodo.ts. */
export const getByAuthId = internalQuery({
  args: { authId: v.string() },
  handler: async (ctx, { authId }) => {
    return await ctx.db
      .query("users")
      .withIndex("by_auth_id", (q) => q.eq("authId", authId))
      .first();
  },
});
