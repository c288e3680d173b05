// HTTP requests that fetch cannot make: an upload that never ends, repeated header lines.
import { request as httpRequest } from "node:http";
import { connect } from "node:net";

export interface EndlessUploadResult {
  /** The response's status line, or "" if the connection closed without one. */
  statusLine: string;
  /** Milliseconds from the first byte sent until the server closed the connection. */
  closedAfterMs: number;
  /** Body bytes the client managed to hand to the socket. */
  bytesSent: number;
  /**
   * With `keepSendingMs`: how long, at the end, the server had taken none of what the client kept
   * sending after the answer (it stopped reading), in milliseconds.
   */
  stalledForMs: number;
}

/**
 * POSTs a body that keeps coming (256 KiB every 10 ms, chunked or with a huge Content-Length), as
 * a slow or hostile client would, and stops sending once a response arrives (or, with
 * `keepSendingMs`, goes on sending for that long after it, as far as the server takes it). Resolves
 * when the server closes the connection, or after `giveUpMs` (or `keepSendingMs` after the
 * answer) with `closedAfterMs: Infinity`.
 */
export function endlessUpload(options: {
  url: string;
  headers: Record<string, string>;
  framing: "chunked" | "content-length";
  giveUpMs: number;
  keepSendingMs?: number;
}): Promise<EndlessUploadResult> {
  const target = new URL(options.url);
  return new Promise((resolve) => {
    const socket = connect(Number(target.port), target.hostname);
    const chunk = Buffer.alloc(256 * 1024, "x");
    const started = Date.now();
    let received = "";
    let bytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    // What the server has taken: written to the socket and no longer queued in it.
    const taken = () => socket.bytesWritten - socket.writableLength;
    let lastTaken = 0;
    let lastProgressAt = Date.now();
    const finish = (closedAfterMs: number) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      clearTimeout(keptSending);
      socket.destroy();
      resolve({
        statusLine: received.split("\r\n")[0] ?? "",
        closedAfterMs,
        bytesSent,
        stalledForMs: Date.now() - lastProgressAt,
      });
    };
    const giveUp = setTimeout(() => finish(Number.POSITIVE_INFINITY), options.giveUpMs);
    let keptSending: NodeJS.Timeout | undefined;
    socket.on("connect", () => {
      const framing =
        options.framing === "chunked"
          ? "transfer-encoding: chunked"
          : `content-length: ${512 * 1024 * 1024}`;
      const headers = Object.entries(options.headers).map(([name, value]) => `${name}: ${value}`);
      socket.write(
        [
          `POST ${target.pathname} HTTP/1.1`,
          `host: ${target.host}`,
          framing,
          ...headers,
          "",
          "",
        ].join("\r\n"),
      );
      timer = setInterval(() => {
        if (taken() > lastTaken) {
          lastTaken = taken();
          lastProgressAt = Date.now();
        }
        if ((received && options.keepSendingMs === undefined) || socket.destroyed) return;
        // Queue no more than a few chunks: what the server does not take stays queued here.
        if (socket.writableLength > 4 * chunk.length) return;
        socket.write(
          options.framing === "chunked"
            ? Buffer.concat([
                Buffer.from(`${chunk.length.toString(16)}\r\n`),
                chunk,
                Buffer.from("\r\n"),
              ])
            : chunk,
        );
        bytesSent += chunk.length;
      }, 10);
    });
    socket.on("data", (data) => {
      if (!received && options.keepSendingMs !== undefined) {
        keptSending = setTimeout(() => finish(Number.POSITIVE_INFINITY), options.keepSendingMs);
      }
      received += data.toString("latin1");
    });
    // A reset after the answer is a close too: the server stopped reading, which is the point.
    socket.on("error", () => {});
    socket.on("close", () => finish(Date.now() - started));
  });
}

/** POSTs with each of `values` as its own `webhook-signature` header line; resolves the status. */
export function postWithRepeatedSignature(
  url: string,
  body: string,
  headers: Record<string, string>,
  signatures: string[],
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST" }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.setHeader("content-type", "application/json");
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.setHeader("webhook-signature", signatures);
    req.end(body);
  });
}
