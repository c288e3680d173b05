// Small Web-standard Request/Response helpers shared by every handler.

export interface FieldError {
  /** Dotted path of the offending field or query parameter, e.g. `product_cart.0.quantity`. */
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: "about:blank";
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

/** An error that carries the HTTP answer it should become. Safe to throw from user hooks. */
export class DodoHttpError extends Error {
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: number,
    title: string,
    options: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(title);
    this.name = "DodoHttpError";
    this.status = status;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

/** A response as plain data, for servers that write it themselves without building a `Response`. */
export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function problemResult(error: DodoHttpError): PlainResponse {
  const body: ProblemDetails = { type: "about:blank", title: error.message, status: error.status };
  if (error.detail) body.detail = error.detail;
  if (error.errors?.length) body.errors = error.errors;
  return {
    status: error.status,
    headers: { "content-type": "application/problem+json", ...error.headers },
    body: JSON.stringify(body),
  };
}

export function jsonResult(body: unknown, status = 200): PlainResponse {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

export const toResponse = (result: PlainResponse): Response =>
  new Response(result.body, { status: result.status, headers: result.headers });

export const problemResponse = (error: DodoHttpError): Response => toResponse(problemResult(error));

export const jsonResponse = (body: unknown, status = 200): Response =>
  toResponse(jsonResult(body, status));

export function methodNotAllowed(allowed: readonly string[]): DodoHttpError {
  return new DodoHttpError(405, "Method not allowed", { headers: { allow: allowed.join(", ") } });
}

export function invalidInput(errors: FieldError[], title = "Invalid request"): DodoHttpError {
  return new DodoHttpError(400, title, { errors });
}

export const serverMisconfigured = (): DodoHttpError =>
  new DodoHttpError(500, "Server misconfigured", {
    detail: "The payment integration is not configured correctly. See the server logs.",
  });

const BODY_CONSUMED_HINT =
  "The request body was already read before the Dodo Payments handler ran (a middleware or the route called request.json()/text()). Mount the handler before anything that reads the body.";

/**
 * Reads the whole body as bytes, refusing more than `limit` bytes (413) before buffering them,
 * whether or not the client sent a truthful Content-Length.
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  if (request.bodyUsed) throw new BodyConsumedError();
  const declared = declaredLength(request);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  if (declared !== undefined && declared > limit) {
    await discardRest(reader, declared);
    throw payloadTooLarge(limit, declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(serverRefusedSize(limit, request));
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Undeclared (chunked), or more than the Content-Length said: treated as undeclared.
      await discardRest(reader, undefined);
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A server with a body limit of its own (SvelteKit's adapter-node `BODY_SIZE_LIMIT`) errors the
 * stream with a status-413 error once an upload passes it: that is a 413 like ours, not a 500.
 */
const serverRefusedSize =
  (limit: number, request: Request) =>
  (error: unknown): never => {
    if ((error as { status?: unknown } | null)?.status === 413) {
      throw payloadTooLarge(limit, declaredLength(request));
    }
    throw error;
  };

/** How long the rest of a refused upload is read and dropped before the 413 goes out. */
export const DISCARD_MS = 1000;

/**
 * Reads and drops the rest of a refused upload until it ends or `DISCARD_MS` pass, whichever is
 * first; then the 413 goes out (see `payloadTooLarge` for when it closes the connection).
 * Answering while the client is still sending would close a socket with unread data, and the
 * reset that sends can lose the answer; reading to the end instead is what let one client stream
 * 21 MB. A small declared upload is read to its end after that, so the connection stays usable;
 * one whose 413 closes the connection is not read past the deadline: a server that keeps the
 * connection open anyway (Deno.serve) would otherwise read whatever the client sends, for ever.
 */
async function discardRest(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  declared: number | undefined,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let late = false;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      late = true;
      resolve();
    }, DISCARD_MS);
  });
  const readToEnd = !closesConnection(declared);
  const drain = (async () => {
    while (!(await reader.read()).done) {
      if (late && !readToEnd) return;
    }
  })().catch(() => {
    // The connection closed: nothing more to drop.
  });
  await Promise.race([drain, deadline]);
  clearTimeout(timer);
}

/** The body was read before the handler ran: a server setup problem, answered 500 and logged. */
export class BodyConsumedError extends DodoHttpError {
  constructor() {
    super(500, "Server misconfigured");
    this.name = "BodyConsumedError";
  }
}

/**
 * The answer for anything a handler threw: a `DodoHttpError` as it says, anything else a generic
 * 500. Server-side problems are logged; nothing internal reaches the response.
 */
export function errorResult(error: unknown, logger: Logger, where: string): PlainResponse {
  if (error instanceof BodyConsumedError) logger.error(BODY_CONSUMED_HINT);
  if (error instanceof DodoHttpError) return problemResult(error);
  logger.error(`Unexpected error in the ${where}`, error);
  return problemResult(new DodoHttpError(500, "Internal server error"));
}

/** The Content-Length a request declares, or undefined. */
function declaredLength(request: Request): number | undefined {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  return Number.isFinite(declared) ? declared : undefined;
}

/**
 * An upload that declares at most this many bytes is let through to its end after a 413 (the
 * server drains it and keeps the connection); a larger or undeclared one gets `Connection: close`.
 */
export const DRAIN_LIMIT = 8 * 1024 * 1024;

/**
 * 413. When the upload is undeclared or over `DRAIN_LIMIT`, with `Connection: close`: the server
 * then stops reading the rest once the answer is sent (Node, and servers that pass the header on,
 * close the connection) instead of draining it. A smaller declared upload is simply drained: closing
 * while its client is still sending would reset the connection and can lose the answer.
 */
export function payloadTooLarge(limit?: number, declared?: number): DodoHttpError {
  return new DodoHttpError(413, "Payload too large", {
    ...(limit === undefined ? {} : { detail: `The body exceeds ${limit} bytes.` }),
    ...(closesConnection(declared) ? { headers: { connection: "close" } } : {}),
  });
}

/** Whether the 413 for an upload of this declared size closes the connection. */
const closesConnection = (declared: number | undefined): boolean =>
  declared === undefined || declared > DRAIN_LIMIT;

const utf8 = new TextDecoder();
export const decodeUtf8 = (bytes: Uint8Array): string => utf8.decode(bytes);

export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const text = decodeUtf8(await readBodyBytes(request, limit));
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput([{ field: "body", message: "must be valid JSON" }], "Invalid JSON body");
  }
}

export interface Logger {
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  warn: (message) => console.warn(`[dodopayments] ${message}`),
  error: (message, error) =>
    error === undefined
      ? console.error(`[dodopayments] ${message}`)
      : console.error(`[dodopayments] ${message}`, error),
};
