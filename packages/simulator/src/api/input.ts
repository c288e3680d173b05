// Validators for API request bodies: each throws the API's 422 (or 404) `ApiError`.
import { ApiError } from "../http/respond.js";
import type { BillingAddress, CountryCode, Metadata } from "../sdk-types.js";
import { isRecord } from "../util.js";

export const missing = (field: string) =>
  new ApiError(422, "INVALID_REQUEST_BODY", `Missing required field \`${field}\``);
export const invalid = (message: string) => new ApiError(422, "INVALID_REQUEST_BODY", message);
export const notFound = (what: string, id: string | undefined) =>
  new ApiError(404, "NOT_FOUND", `${what} ${id} not found`);

export function requireObject(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw invalid("Request body must be a JSON object");
  return body;
}

export function absoluteUrl(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw invalid(`\`${field}\` must be a string`);
  try {
    const u = new URL(value);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
    return u.toString();
  } catch {
    throw invalid(`\`${field}\` is not a valid absolute URL`);
  }
}

export function parseMetadata(value: unknown): Metadata {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw invalid("`metadata` must be an object");
  const entries = Object.entries(value);
  if (entries.length > 50) {
    throw new ApiError(422, "MAXIMUM_KEYS_REACHED", "Exceeds 50 key-value pairs");
  }
  const out: Metadata = {};
  for (const [k, v] of entries) {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      throw invalid(`metadata value for \`${k}\` must be a string, number or boolean`);
    }
    out[k] = v;
  }
  return out;
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(`\`${field}\` must be a string`);
  return value;
}

export function requiredString(value: unknown, field: string): string {
  if (value === undefined || value === null) throw missing(field);
  if (typeof value !== "string") throw invalid(`\`${field}\` must be a string`);
  return value;
}

function parseCountry(value: unknown, field: string): CountryCode {
  if (value === undefined || value === null) throw missing(field);
  if (typeof value !== "string" || !/^[A-Za-z]{2}$/.test(value)) {
    throw invalid(`\`${field}\` must be a two-letter ISO 3166-1 country code`);
  }
  return value.toUpperCase() as CountryCode;
}

export function parseBilling(value: unknown, field: string): BillingAddress {
  if (value === undefined || value === null) throw missing(field);
  if (!isRecord(value)) throw invalid(`\`${field}\` must be an object`);
  return {
    country: parseCountry(value.country, `${field}.country`),
    city: optionalString(value.city, `${field}.city`) ?? null,
    state: optionalString(value.state, `${field}.state`) ?? null,
    street: optionalString(value.street, `${field}.street`) ?? null,
    zipcode:
      typeof value.zipcode === "number"
        ? String(value.zipcode)
        : (optionalString(value.zipcode, `${field}.zipcode`) ?? null),
  };
}

export function parseQuantity(value: unknown, field: string): number {
  if (value === undefined || value === null) throw missing(field);
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw invalid(`\`${field}\` must be an integer`);
  }
  if (value < 1) throw invalid(`\`${field}\` must be greater than 0`);
  return value;
}

/** A trial in days: a whole number from 0 (to `max`, when given); null when absent. */
export function parseTrialDays(value: unknown, field: string, max?: number): number | null {
  if (value === undefined || value === null) return null;
  const valid =
    typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= (max ?? value);
  if (!valid) {
    throw invalid(
      max === undefined
        ? `\`${field}\` must be a non-negative integer`
        : `\`${field}\` must be an integer from 0 to ${max}`,
    );
  }
  return value as number;
}
