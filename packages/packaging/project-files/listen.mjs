// Serves a fetch handler, or a Node request listener, on 127.0.0.1 and a free port, and prints the
// line the tests wait for: "listening http://127.0.0.1:<port>".
import { createServer } from "node:http";
import { serve } from "@hono/node-server";

export function announce(port) {
  console.log(`listening http://127.0.0.1:${port}`);
}

/** A Node `(req, res)` listener (Express, h3's toNodeListener). */
export function listenNode(listener) {
  const server = createServer(listener);
  server.listen(0, "127.0.0.1", () => announce(server.address().port));
  return server;
}

/** A Web `(request) => Response` handler (Hono's app.fetch, a route module's exports). */
export function listenFetch(fetch) {
  return serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info) => announce(info.port));
}
