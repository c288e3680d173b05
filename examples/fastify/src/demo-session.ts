import { randomUUID } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * DEMO ONLY: a stand-in for your authentication.
 *
 * `demoSession` gives every browser a `demo_session` cookie on its first page view, and every
 * browser with that cookie counts as "signed in" as one demo customer: `cus_demo`, the customer
 * the simulator creates (or DEMO_CUSTOMER_ID, e.g. a customer of your Dodo test-mode account).
 * In your app, read your real session here (@fastify/session, @fastify/secure-session, your auth
 * plugin, ...) and return the Dodo customer id you stored for that user.
 */
export const DEMO_SESSION_COOKIE = "demo_session";

/** onRequest hook for pages: "signs in" a browser that has no demo session yet. */
export async function demoSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.cookies[DEMO_SESSION_COOKIE]) {
    reply.setCookie(DEMO_SESSION_COOKIE, randomUUID(), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
    });
  }
}

export function getSignedInCustomerId(request: FastifyRequest | undefined): string | null {
  if (!request?.cookies[DEMO_SESSION_COOKIE]) return null;
  return process.env.DEMO_CUSTOMER_ID || "cus_demo";
}
