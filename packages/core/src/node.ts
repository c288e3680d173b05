// Part of `@dodopayments/core/internal`: what Node-server adapters (Express, Fastify) share to reach the
// Web-standard handlers: finding the exact body bytes, building a Request, writing a Response.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_CHECKOUT_BODY_LIMIT } from "./checkout/handler";
import {
  DISCARD_MS,
  DodoHttpError,
  invalidInput,
  type Logger,
  type PlainResponse,
  payloadTooLarge,
  problemResponse,
} from "./http";
import { isThenable, type MaybePromise } from "./maybe";
import type { WebhookProcessor } from "./webhooks/handler";
import { WebhookVerificationError } from "./webhooks/signature";

/** What a Node framework's body parsers left on the request. */
export interface ParsedNodeBody {
  /** `Buffer` from a raw parser, a string, a parsed object, or undefined. */
  body?: unknown;
  /** Kept by a `verify` hook (`express.json({ verify: keepRawBody })`) or a raw-body plugin. */
  rawBody?: unknown;
}

/** Where a Node request's body may be found. */
export interface NodeRequestLike {
  /** The underlying stream, still unread if no parser consumed it. */
  stream?: IncomingMessage;
  /**
   * What the body parsers left, asked for only once the stream turns out to be consumed: on
   * Express most of those properties are missing, and a lookup that misses costs on every request.
   */
  parsed?: () => ParsedNodeBody;
}

const PARSED_BODY_HINT =
  "Webhook body was already parsed by a JSON body parser, so the exact bytes Dodo signed are gone. " +
  "Verifying the compact re-serialization instead: Dodo's compact JSON still verifies, anything else is refused with 401. " +
  "For exact-bytes verification mount the webhook route before the JSON parser, or keep the raw body " +
  "(Express: express.json({ verify: keepRawBody }); Fastify: register the dodopayments plugin).";

const warnedLoggers = new WeakSet<Logger>();

/** Bytes of a Buffer/Uint8Array/string body, or undefined when it is something else. */
function asBytes(value: unknown): Uint8Array | string | undefined {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return value;
  return undefined;
}

function readStream(stream: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(stream.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return refuseRest(stream, declared);
  // Events rather than `for await`: this is the hot path of every delivery.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onEnd = () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        stream.off("data", onData);
        stream.off("end", onEnd);
        stream.off("error", reject);
        refuseRest(stream, Number.isFinite(declared) ? declared : undefined).catch(reject);
        return;
      }
      chunks.push(chunk);
    };
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", reject);
  });
}

/**
 * Rejects with the 413 once the rest of the upload has been dropped, or after `DISCARD_MS`; for a
 * large or undeclared upload the answer's `Connection: close` then makes Node close the socket
 * (see `payloadTooLarge`).
 */
function refuseRest(stream: IncomingMessage, declared: number | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    const refuse = () => {
      clearTimeout(timer);
      reject(payloadTooLarge(undefined, declared));
    };
    const timer = setTimeout(refuse, DISCARD_MS);
    stream.once("end", refuse);
    stream.once("error", refuse);
    stream.resume();
  });
}

/** Whether a Node request's body is still there to read (no parser or middleware consumed it). */
export function isUnreadNodeStream(stream: IncomingMessage | undefined): stream is IncomingMessage {
  // Data buffered but not yet read is still ours to read; only a consumer that read it matters.
  // body-parser sets an own `_body` before it reads; `hasOwn` spares a prototype-chain miss.
  return (
    stream !== undefined &&
    !stream.readableDidRead &&
    !stream.readableEnded &&
    !(Object.hasOwn(stream, "_body") && (stream as { _body?: unknown })._body === true)
  );
}

/**
 * The exact body bytes, in order: the unread stream, a kept raw body, a raw (Buffer/string) body.
 * If only a parsed object is left, its compact JSON serialization, which is what Dodo sends:
 * webhook verification then either confirms it or refuses it, never the other way round. With a
 * `logger` (the webhook path), that fallback is logged once per logger, saying how to mount the
 * route instead, and an object that cannot be serialized is refused as unverifiable (401).
 */
function findNodeBody(
  request: NodeRequestLike,
  limit: number,
  logger?: Logger,
): MaybePromise<Uint8Array | string> {
  if (isUnreadNodeStream(request.stream)) return readStream(request.stream, limit);
  const { body, rawBody } = request.parsed?.() ?? {};
  const kept = asBytes(rawBody) ?? asBytes(body);
  if (kept !== undefined) {
    const size = typeof kept === "string" ? Buffer.byteLength(kept) : kept.byteLength;
    if (size > limit) throw payloadTooLarge();
    return kept;
  }
  if (body !== undefined && body !== null && typeof body === "object") {
    if (logger && !warnedLoggers.has(logger)) {
      warnedLoggers.add(logger);
      logger.warn(PARSED_BODY_HINT);
    }
    const serialized = serializeParsedBody(body, logger !== undefined);
    if (Buffer.byteLength(serialized) > limit) throw payloadTooLarge();
    return serialized;
  }
  return "";
}

/**
 * `JSON.stringify` of what a body parser left. Anyone can send a body that parses but does not
 * serialize back (nesting deep enough to overflow the stack): a webhook is then unverifiable
 * (401), any other request invalid (400). Never a 500 with a stack trace in the log.
 */
function serializeParsedBody(body: object, webhook: boolean): string {
  try {
    return JSON.stringify(body);
  } catch {
    if (webhook) {
      throw new WebhookVerificationError("invalid_signature", "Body cannot be re-serialized");
    }
    throw invalidInput([{ field: "body", message: "must be valid JSON" }], "Invalid JSON body");
  }
}

/** A Node request as a Node-server adapter sees it: method, absolute URL, headers and body sources. */
export interface NodeRequestParts extends NodeRequestLike {
  method: string;
  /** Absolute URL (see `requestUrl`), or a function giving it: the webhook path needs it only when a handler reads `context.request`. */
  url: string | (() => string);
  headers: IncomingHttpHeaders;
}

export interface RunNodeHandlerOptions {
  /**
   * For methods other than GET/HEAD: `"request"` finds the body like the webhook path does (a
   * parsed object is re-serialized, silently: nothing is verified over these bytes), `"none"`
   * never reads it. Webhooks go through `runNodeWebhook`.
   */
  body: "request" | "none";
  /** Largest body read, in bytes. Default `DEFAULT_CHECKOUT_BODY_LIMIT`. */
  limit?: number | undefined;
}

/**
 * Calls a core fetch handler for a Node request: finds the body, builds the Web `Request`, and
 * answers errors raised while reading the body (413) as problem responses. Other errors (a
 * malformed Host header, a client that went away) reject, for the framework's error handling.
 */
export async function runNodeHandler<TContext>(
  handler: (request: Request, context?: TContext) => Promise<Response>,
  parts: NodeRequestParts,
  context: TContext,
  options: RunNodeHandlerOptions,
): Promise<Response> {
  let body: Uint8Array | string | undefined;
  if (options.body === "request" && parts.method !== "GET" && parts.method !== "HEAD") {
    try {
      body = await findNodeBody(parts, options.limit ?? DEFAULT_CHECKOUT_BODY_LIMIT);
    } catch (error) {
      if (error instanceof DodoHttpError) return problemResponse(error);
      throw error;
    }
  }
  const request = toWebRequest({
    method: parts.method,
    url: urlOf(parts),
    headers: parts.headers,
    body,
  });
  return handler(request, context);
}

/**
 * Runs a webhook processor (`webhookProcessor(config)`) for a Node request: the body is found by
 * `findNodeBody`, and a Web `Request` is built only if a handler reads `context.request`. The
 * route Dodo calls on every event, so nothing here is done that a delivery does not need.
 */
export function runNodeWebhook<TContext>(
  processor: WebhookProcessor<TContext>,
  parts: NodeRequestParts,
  context: TContext,
): MaybePromise<PlainResponse> {
  return processor(
    {
      method: parts.method,
      headers: parts.headers,
      readBody: (limit, logger) => findNodeBody(parts, limit, logger),
      toRequest: (body) =>
        toWebRequest({ method: parts.method, url: urlOf(parts), headers: parts.headers, body }),
    },
    context,
  );
}

/** Writes a plain response (see `runNodeWebhook`) to a Node `ServerResponse`. */
export function writePlainResponse(res: ServerResponse, result: PlainResponse): void {
  // `end(body)` before the head is written lets Node set Content-Length and send one packet.
  res.statusCode = result.status;
  for (const name in result.headers) res.setHeader(name, result.headers[name] as string);
  res.end(result.body);
}

/**
 * Writes a processor's answer, ready or still pending, to a Node `ServerResponse`. Anything that
 * fails on the way (the response already sent, a rejected promise) goes to `onError`.
 */
export function sendPlainResponse(
  res: ServerResponse,
  result: MaybePromise<PlainResponse>,
  onError: (error: unknown) => void,
): void {
  if (isThenable(result)) {
    result.then((ready) => sendPlainResponse(res, ready, onError), onError);
    return;
  }
  try {
    writePlainResponse(res, result);
  } catch (error) {
    onError(error);
  }
}

const urlOf = (parts: NodeRequestParts): string =>
  typeof parts.url === "function" ? parts.url() : parts.url;

/** Builds a Web `Request` from a Node request's parts. */
export function toWebRequest(parts: {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body?: Uint8Array | string | undefined;
}): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(parts.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const hasBody = parts.body !== undefined && parts.method !== "GET" && parts.method !== "HEAD";
  // A body re-serialized from a parsed object has a different length than the header says.
  if (hasBody) headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new Request(parts.url, {
    method: parts.method,
    headers,
    ...(hasBody ? { body: parts.body as BodyInit } : {}),
  });
}

/** The absolute URL of a Node request, from its protocol, Host header and path. */
export function requestUrl(
  protocol: string | undefined,
  host: string | undefined,
  path: string,
): string {
  return `${protocol || "http"}://${host || "localhost"}${path}`;
}

/** Copies a Web `Response` onto a Node `ServerResponse`. */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.end(body);
}

/** A `verify` hook for `express.json()` (or `bodyParser.json()`) that keeps the exact bytes as `req.rawBody`. */
export function keepRawBody(
  request: IncomingMessage,
  _response: ServerResponse,
  buffer: Buffer,
): void {
  (request as IncomingMessage & { rawBody?: Buffer }).rawBody = buffer;
}
