import type { ServerResponse } from "node:http";
import { isoNow } from "../util.js";

const MAX_LOG = 10_000;

/** One API request the simulator received. */
export interface RecordedRequest {
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
}

/** The log of API requests (`sim.requests`, `GET /_sim/requests`): the newest 10,000. */
export class RequestRecorder {
  /** Oldest first; a live array. */
  readonly items: RecordedRequest[] = [];

  /** Logs a request now; its `status` is filled in when the response has been sent. */
  record(method: string, url: URL, body: unknown, res: ServerResponse): RecordedRequest {
    const entry: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      status: null,
      fault: null,
      at: isoNow(),
    };
    this.items.push(entry);
    if (this.items.length > MAX_LOG) this.items.shift();
    res.on("finish", () => {
      entry.status = res.statusCode;
    });
    return entry;
  }
}
