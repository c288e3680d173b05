import type { ServerResponse } from "node:http";
import { isoNow, newId } from "../util.js";

const MAX_LOG = 10_000;

/** How much of an answer the request log keeps. */
export const RESPONSE_BODY_LIMIT = 4096;

/** One API request the simulator received. */
export interface RecordedRequest {
  /** A unique id for this entry (`req_...`). */
  id: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body (or the raw text when it was not JSON; undefined when empty). */
  body: unknown;
  /** The status sent; null while pending, for hung requests and dropped connections. */
  status: number | null;
  /** The fault applied, if any (`latency`, `status`, `hang`, `malformed`, `drop`). */
  fault: string | null;
  at: string;
  /** Milliseconds until the answer was sent or the connection closed; null until then. */
  durationMs: number | null;
  /** The first 4 KB of the answer's body (request headers, and so the API key, are never kept). */
  responseBody?: string;
}

/** A set of listeners to tell about a change (the request log's, for live views). */
export class ChangeSignal {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * Watches one API response: calls `done` once, when it has been sent or its connection closed,
 * with the time since this call and the start of the body passed to `res.end` (every API answer
 * is written with one `end` call).
 */
function captureResponse(
  res: ServerResponse,
  done: (durationMs: number, body: string | undefined) => void,
): void {
  const started = performance.now();
  let body: string | undefined;
  const end = res.end;
  // `end` has three overloads; this wrapper only peeks at the first argument and passes all on.
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    const [chunk] = args;
    if (typeof chunk === "string") body = chunk.slice(0, RESPONSE_BODY_LIMIT);
    else if (chunk instanceof Uint8Array)
      body = Buffer.from(chunk).toString("utf8").slice(0, RESPONSE_BODY_LIMIT);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["end"];
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    done(Math.round(performance.now() - started), body);
  };
  res.on("finish", report);
  res.on("close", report);
}

/** The log of API requests (`sim.requests`, `GET /_sim/requests`): the newest 10,000. */
export class RequestRecorder {
  /** Oldest first; a live array. */
  readonly items: RecordedRequest[] = [];
  /** Told when a request is logged and when its answer has been sent. */
  readonly changes = new ChangeSignal();

  /** Logs a request now; its status, duration and answer are filled in once it has been sent. */
  record(method: string, url: URL, body: unknown, res: ServerResponse): RecordedRequest {
    const entry: RecordedRequest = {
      id: newId("req"),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      status: null,
      fault: null,
      at: isoNow(),
      durationMs: null,
    };
    this.items.push(entry);
    if (this.items.length > MAX_LOG) this.items.shift();
    res.on("finish", () => {
      entry.status = res.statusCode;
    });
    captureResponse(res, (durationMs, responseBody) => {
      entry.durationMs = durationMs;
      if (responseBody !== undefined) entry.responseBody = responseBody;
      this.changes.notify();
    });
    this.changes.notify();
    return entry;
  }
}
