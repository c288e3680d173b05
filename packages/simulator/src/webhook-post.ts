// One webhook POST over node:http(s): what a delivery attempt and `dodo-simulator trigger` send.
import type { ClientRequest, IncomingMessage } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export const USER_AGENT = "dodo-payments-simulator/0.1";

export interface PostResult {
  status: number;
  body: string;
}

/**
 * POSTs a body to a URL with node:http(s), one connection per call (no keep-alive pool, so
 * nothing lingers after the simulator closes).
 */
export function postBody(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  track?: (req: ClientRequest) => () => void,
): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(`invalid URL: ${url}`));
      return;
    }
    const send =
      target.protocol === "https:"
        ? httpsRequest
        : target.protocol === "http:"
          ? httpRequest
          : undefined;
    if (!send) {
      reject(new Error(`unsupported protocol: ${target.protocol}`));
      return;
    }
    const req = send(target, {
      method: "POST",
      agent: false,
      headers: {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        "user-agent": USER_AGENT,
        connection: "close",
        ...headers,
      },
    });
    const untrack = track?.(req);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", (err) => {
      untrack?.();
      reject(err);
    });
    req.on("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (size < 2048) chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => {
        untrack?.();
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8").slice(0, 2048),
        });
      });
      res.on("error", (err) => {
        untrack?.();
        reject(err);
      });
    });
    req.end(body);
  });
}

/** An error as the delivery log shows it: `ECONNREFUSED: connect ...`. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
