import { randomUUID } from "node:crypto";
import type { Request, RequestHandler } from "express";

/**
 * DEMO ONLY: a stand-in for your authentication.
 *
 * `demoSession` gives every browser a `demo_session` cookie on its first page view, and every
 * browser with that cookie counts as "signed in" as one demo customer: `cus_demo`, the customer
 * the simulator creates (or DEMO_CUSTOMER_ID, e.g. a customer of your Dodo test-mode account).
 * In your app, read your real session here (express-session, Passport, Auth.js, ...) and return
 * the Dodo customer id you stored for that user.
 */
export const DEMO_SESSION_COOKIE = "demo_session";

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/** Middleware for pages: "signs in" a browser that has no demo session yet. */
export const demoSession: RequestHandler = (req, res, next) => {
  if (!readCookie(req, DEMO_SESSION_COOKIE)) {
    res.cookie(DEMO_SESSION_COOKIE, randomUUID(), { httpOnly: true, sameSite: "lax", path: "/" });
  }
  next();
};

export function getSignedInCustomerId(req: Request | undefined): string | null {
  if (!req || !readCookie(req, DEMO_SESSION_COOKIE)) return null;
  return process.env.DEMO_CUSTOMER_ID || "cus_demo";
}
