import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ApiError, sendError } from "./respond.js";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface Listening {
  /** `http://host:port` as a client reaches it (a wildcard address becomes 127.0.0.1). */
  url: string;
  /** Stops listening and destroys every socket, hung ones too. */
  close(): Promise<void>;
}

/** Answers an error the handler threw: its own status for an `ApiError`, else 500. */
function answerError(res: ServerResponse, err: unknown): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  if (err instanceof ApiError) {
    sendError(res, err.status, err.code, err.message);
    return;
  }
  sendError(res, 500, "INTERNAL_SERVER_ERROR", "The simulator hit an unexpected error");
  // Surface simulator bugs where a developer will see them.
  console.error("[dodo-simulator]", err);
}

/** Starts an HTTP server for `handler` on `host:port` (0: a free port). */
export async function listen(
  handler: RequestHandler,
  port: number,
  host: string,
): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => answerError(res, err));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const displayHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const reachable = displayHost === "0.0.0.0" || displayHost === "[::]" ? "127.0.0.1" : displayHost;
  return {
    url: `http://${reachable}:${address.port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
