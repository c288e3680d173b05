// Bun: `Bun.serve` on 127.0.0.1, port 0; the port goes to stdout as `{"listening":port}`.
import { matrixApp } from "../app";

declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: {
    hostname: string;
    port: number;
    fetch: (request: Request, server: unknown) => Response | Promise<Response>;
  }): { port: number };
};

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch: matrixApp(Bun.env.MATRIX_APP),
});
console.log(JSON.stringify({ listening: server.port }));
