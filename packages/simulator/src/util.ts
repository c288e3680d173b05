import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A random base62 string, the shape Dodo uses after an id prefix (`pay_ts2ySpzg07phGeBZqePbH`). */
export function randomToken(length = 21): string {
  // 62 * 4 = 248, so bytes >= 248 are rejected to keep the distribution uniform.
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** An id with Dodo's prefix convention, for example `newId("pay")` -> `pay_...`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken()}`;
}

/** A fresh Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookKey(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** A fresh API key for the simulator (any non-empty bearer token works against it). */
export function generateApiKey(): string {
  return `sim_test_${randomToken(32)}`;
}

export function isoNow(): string {
  return new Date().toISOString();
}

/** A copy of `source` with only the listed keys. */
export function pick<T extends object, K extends keyof T>(
  source: T,
  keys: readonly K[],
): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = source[key];
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Adds a time interval to a date, the way billing periods advance. */
export function addInterval(
  from: Date,
  interval: "Day" | "Week" | "Month" | "Year",
  count: number,
): Date {
  const d = new Date(from.getTime());
  switch (interval) {
    case "Day":
      d.setUTCDate(d.getUTCDate() + count);
      break;
    case "Week":
      d.setUTCDate(d.getUTCDate() + 7 * count);
      break;
    case "Month":
      d.setUTCMonth(d.getUTCMonth() + count);
      break;
    case "Year":
      d.setUTCFullYear(d.getUTCFullYear() + count);
      break;
  }
  return d;
}

/** Formats minor units as a human price, e.g. 1999 USD -> "USD 19.99". */
export function formatMoney(minor: number, currency: string): string {
  const zeroDecimal = new Set(["JPY", "KRW", "VND", "CLP", "PYG", "UGX", "XAF", "XOF", "XPF"]);
  if (zeroDecimal.has(currency)) return `${currency} ${minor}`;
  return `${currency} ${(minor / 100).toFixed(2)}`;
}

/** Levenshtein distance, used to suggest the closest valid name for a typo. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      const left = prev[j - 1] ?? 0;
      prev[j] = Math.min(up + 1, left + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const score = editDistance(input.toLowerCase(), c.toLowerCase());
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  return bestScore <= Math.max(3, Math.floor(best.length / 3)) ? best : undefined;
}
