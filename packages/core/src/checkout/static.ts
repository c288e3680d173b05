import { type FieldError, invalidInput } from "../http";
import { idProblem } from "../validation";

const STRING_PARAMS = [
  "fullName",
  "firstName",
  "lastName",
  "email",
  "country",
  "addressLine",
  "city",
  "state",
  "zipCode",
  "paymentCurrency",
] as const;

const BOOLEAN_PARAMS = [
  "disableFullName",
  "disableFirstName",
  "disableLastName",
  "disableEmail",
  "disableCountry",
  "disableAddressLine",
  "disableCity",
  "disableState",
  "disableZipCode",
  "showCurrencySelector",
  "showDiscounts",
] as const;

export type StaticStringParam = (typeof STRING_PARAMS)[number];
export type StaticBooleanParam = (typeof BOOLEAN_PARAMS)[number];

export type StaticCheckoutParams = Partial<Record<StaticStringParam, string>> &
  Partial<Record<StaticBooleanParam, boolean>> & { paymentAmount?: number };

export interface StaticCheckoutRequest {
  productId: string;
  quantity?: number;
  params: StaticCheckoutParams;
  /** `metadata_orderId=123` becomes `{ orderId: "123" }`. */
  metadata: Record<string, string>;
}

const METADATA_KEY = /^[A-Za-z0-9_-]{1,40}$/;
const MAX_METADATA_KEYS = 50;
const MAX_METADATA_VALUE = 500;
const MAX_STRING_PARAM = 500;

const STRING_FORMATS: Partial<Record<StaticStringParam, [RegExp, string]>> = {
  email: [/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an email address"],
  country: [/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 country code"],
  paymentCurrency: [/^[A-Za-z]{3}$/, "must be an ISO 4217 currency code"],
};

/**
 * Validates the documented static-checkout query parameters. Unknown parameters are ignored
 * (links often carry tracking parameters); a known parameter with a bad value is a 400.
 */
export function parseStaticCheckoutQuery(query: URLSearchParams): StaticCheckoutRequest {
  const errors: FieldError[] = [];
  const productId = query.get("productId")?.trim() ?? "";
  const productIdProblem = idProblem(productId);
  if (productIdProblem) errors.push({ field: "productId", message: productIdProblem });

  const result: StaticCheckoutRequest = { productId, params: {}, metadata: {} };

  const quantity = query.get("quantity");
  if (quantity !== null) {
    if (/^\d{1,6}$/.test(quantity) && Number(quantity) > 0) result.quantity = Number(quantity);
    else errors.push({ field: "quantity", message: "must be a positive integer" });
  }
  const amount = query.get("paymentAmount");
  if (amount !== null) {
    if (/^\d{1,12}$/.test(amount)) result.params.paymentAmount = Number(amount);
    else
      errors.push({
        field: "paymentAmount",
        message: "must be a non-negative integer (minor units)",
      });
  }
  for (const name of STRING_PARAMS) {
    const value = query.get(name);
    if (value === null) continue;
    const format = STRING_FORMATS[name];
    if (value.length > MAX_STRING_PARAM) errors.push({ field: name, message: "is too long" });
    else if (format && !format[0].test(value)) errors.push({ field: name, message: format[1] });
    else result.params[name] = value;
  }
  for (const name of BOOLEAN_PARAMS) {
    const value = query.get(name);
    if (value === null) continue;
    if (value === "true" || value === "false") result.params[name] = value === "true";
    else errors.push({ field: name, message: 'must be "true" or "false"' });
  }
  for (const [name, value] of query) {
    if (!name.startsWith("metadata_")) continue;
    const key = name.slice("metadata_".length);
    if (!METADATA_KEY.test(key)) {
      errors.push({ field: name, message: "metadata keys are 1-40 letters, digits, - or _" });
    } else if (value.length > MAX_METADATA_VALUE) {
      errors.push({ field: name, message: `must be at most ${MAX_METADATA_VALUE} characters` });
    } else {
      result.metadata[key] = value;
    }
  }
  if (Object.keys(result.metadata).length > MAX_METADATA_KEYS) {
    errors.push({
      field: "metadata",
      message: `at most ${MAX_METADATA_KEYS} metadata_* parameters`,
    });
  }
  if (errors.length > 0) throw invalidInput(errors, "Invalid query parameters");
  return result;
}

export interface BuildStaticCheckoutUrlOptions extends StaticCheckoutRequest {
  /** e.g. `https://test.checkout.dodopayments.com`. */
  checkoutBaseURL: string;
  /** Where the customer lands after paying (`redirect_url`). */
  returnUrl?: string | undefined;
}

/** Builds a static payment link: `{checkoutBaseURL}/buy/{productId}?quantity=...&redirect_url=...`. */
export function buildStaticCheckoutUrl(options: BuildStaticCheckoutUrlOptions): string {
  const url = new URL(
    `${options.checkoutBaseURL.replace(/\/+$/, "")}/buy/${encodeURIComponent(options.productId)}`,
  );
  url.searchParams.set("quantity", String(options.quantity ?? 1));
  if (options.returnUrl) url.searchParams.set("redirect_url", options.returnUrl);
  for (const [name, value] of Object.entries(options.params)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  for (const [key, value] of Object.entries(options.metadata)) {
    url.searchParams.set(`metadata_${key}`, value);
  }
  return url.toString();
}
