// Standard Webhooks (symmetric, v1) signing and verification on the platform's native HMAC:
// node:crypto where the runtime has it (synchronous, the fastest), WebCrypto everywhere else.
import { after, type MaybePromise } from "../maybe";

export type WebhookVerificationReason =
  | "missing_headers"
  | "invalid_timestamp"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "invalid_signature";

/** The request is not a genuine, fresh Dodo Payments webhook. Answer 401. */
export class WebhookVerificationError extends Error {
  readonly reason: WebhookVerificationReason;
  constructor(reason: WebhookVerificationReason, message: string) {
    super(message);
    this.name = "WebhookVerificationError";
    this.reason = reason;
  }
}

/** The configured webhook key is missing or not a valid `whsec_` secret. A server problem: 500. */
export class WebhookKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookKeyError";
  }
}

export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

export const DEFAULT_TOLERANCE_SECONDS = 300;

interface NodeHmac {
  update(data: string | Uint8Array): NodeHmac;
  digest(encoding: "base64"): string;
}

interface NodeCrypto {
  createHmac(algorithm: "sha256", key: Uint8Array): NodeHmac;
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}

interface ProcessWithBuiltins {
  getBuiltinModule?: (id: string) => unknown;
}

// null: looked for, absent (Workers without nodejs_compat, browsers).
let nodeCryptoModule: NodeCrypto | null | undefined;

/**
 * node:crypto, loaded on the first signature rather than at import: loading it is a large part of
 * what importing a webhook route costs, which serverless functions pay on every cold start.
 */
function nodeCrypto(): NodeCrypto | undefined {
  nodeCryptoModule ??=
    ((globalThis as { process?: ProcessWithBuiltins }).process?.getBuiltinModule?.("node:crypto") as
      | NodeCrypto
      | undefined) ?? null;
  return nodeCryptoModule ?? undefined;
}

const encoder = new TextEncoder();
// Standard base64; the trailing `=` padding is optional, as in the reference library and the SDK.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

function decodeBase64(value: string): Uint8Array {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}

interface Key {
  raw: Uint8Array;
  subtle?: Promise<CryptoKey>;
}

let lastSecret: string | undefined;
let lastKey: Key | undefined;

function parseKey(secret: string): Key {
  if (secret === lastSecret && lastKey) return lastKey;
  if (typeof secret !== "string" || secret.trim() === "") {
    throw new WebhookKeyError("The webhook key is empty.");
  }
  const encoded = secret.startsWith("whsec_") ? secret.slice(6) : secret;
  if (encoded !== encoded.trim()) {
    throw new WebhookKeyError("The webhook key has leading or trailing whitespace.");
  }
  if (!BASE64.test(encoded) || encoded.length === 0) {
    throw new WebhookKeyError(
      "The webhook key is not a valid secret: expected `whsec_` followed by base64, as shown in the Dodo Payments dashboard.",
    );
  }
  const key: Key = { raw: decodeBase64(encoded) };
  lastSecret = secret;
  lastKey = key;
  return key;
}

/** Checks that a key has the `whsec_<base64>` form, without verifying anything. */
export function assertValidWebhookKey(secret: string): void {
  parseKey(secret);
}

function hmacBase64(key: Key, prefix: string, body: string | Uint8Array): MaybePromise<string> {
  const native = nodeCrypto();
  if (native) {
    return native.createHmac("sha256", key.raw).update(prefix).update(body).digest("base64");
  }
  return webCryptoHmacBase64(key, prefix, body);
}

async function webCryptoHmacBase64(
  key: Key,
  prefix: string,
  body: string | Uint8Array,
): Promise<string> {
  key.subtle ??= crypto.subtle.importKey(
    "raw",
    key.raw as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const bodyBytes = typeof body === "string" ? encoder.encode(body) : body;
  const prefixBytes = encoder.encode(prefix);
  const message = new Uint8Array(prefixBytes.length + bodyBytes.length);
  message.set(prefixBytes);
  message.set(bodyBytes, prefixBytes.length);
  const signature = await crypto.subtle.sign("HMAC", await key.subtle, message);
  return encodeBase64(new Uint8Array(signature));
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  // Base64 is ASCII. Node's Buffer is several times faster than TextEncoder here.
  const native = nodeCrypto();
  if (native) return native.timingSafeEqual(Buffer.from(a, "latin1"), Buffer.from(b, "latin1"));
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] as number) ^ (y[i] as number);
  return diff === 0;
}

function header(headers: HeadersLike, name: string): string | undefined {
  // A Node header record (lowercase names) is the common case; a `Headers` has no such property.
  const record = headers as Record<string, string | string[] | undefined>;
  let value = record[name];
  if (value === undefined) {
    if (typeof (headers as Headers).get === "function") {
      return (headers as Headers).get(name) ?? undefined;
    }
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() === name) {
        value = record[key];
        break;
      }
    }
  }
  return Array.isArray(value) ? value.join(" ") : value;
}

export interface VerifySignatureOptions {
  /** The exact bytes received, as a string or bytes. Never a re-serialized object. */
  body: string | Uint8Array;
  headers: HeadersLike;
  /** The `whsec_...` secret from the Dodo Payments dashboard. */
  webhookKey: string;
  /** Accepted clock difference in seconds, both directions. Default 300. */
  toleranceSeconds?: number | undefined;
  /** The current time in milliseconds, for tests. */
  now?: number;
}

export interface VerifiedSignature {
  webhookId: string;
  timestamp: number;
}

/**
 * Verifies a Standard Webhooks signature over the exact body bytes.
 * Throws `WebhookVerificationError` (401) or `WebhookKeyError` (500).
 */
export async function verifyWebhookSignature(
  options: VerifySignatureOptions,
): Promise<VerifiedSignature> {
  return checkWebhookSignature(options);
}

/** `verifyWebhookSignature`, synchronous where the runtime has node:crypto. */
export function checkWebhookSignature(
  options: VerifySignatureOptions,
): MaybePromise<VerifiedSignature> {
  const key = parseKey(options.webhookKey);
  const id = header(options.headers, "webhook-id");
  const timestampHeader = header(options.headers, "webhook-timestamp");
  const signatureHeader = header(options.headers, "webhook-signature");
  if (!id || !timestampHeader || !signatureHeader) {
    throw new WebhookVerificationError("missing_headers", "Missing required webhook headers");
  }
  if (!/^\d{1,15}$/.test(timestampHeader)) {
    throw new WebhookVerificationError("invalid_timestamp", "Invalid webhook timestamp");
  }
  const timestamp = Number(timestampHeader);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (now - timestamp > tolerance) {
    throw new WebhookVerificationError("timestamp_too_old", "Webhook timestamp too old");
  }
  if (timestamp - now > tolerance) {
    throw new WebhookVerificationError("timestamp_too_new", "Webhook timestamp too new");
  }
  return after(hmacBase64(key, `${id}.${timestamp}.`, options.body), (expected) => {
    // `v1,<sig> v1,<sig>`. Node joins repeated headers with ", ", which leaves a trailing comma on
    // all but the last entry: the signature is the part between the first and any second comma.
    for (const candidate of signatureHeader.split(" ")) {
      const [version, signature] = candidate.split(",", 2);
      if (version !== "v1" || signature === undefined) continue;
      if (constantTimeEqual(signature, expected)) return { webhookId: id, timestamp };
    }
    throw new WebhookVerificationError("invalid_signature", "No matching webhook signature");
  });
}

export interface SignWebhookOptions {
  body: string | Uint8Array;
  webhookKey: string;
  /** Default: a random `msg_...` id. */
  id?: string;
  /** Unix seconds. Default: now. */
  timestamp?: number;
}

export type WebhookHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** Signs a body the way Dodo Payments does, for tests and local tools. */
export async function signWebhook(options: SignWebhookOptions): Promise<WebhookHeaders> {
  const key = parseKey(options.webhookKey);
  const id = options.id ?? `msg_${crypto.randomUUID().replaceAll("-", "")}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = await hmacBase64(key, `${id}.${timestamp}.`, options.body);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": `v1,${signature}`,
  };
}
