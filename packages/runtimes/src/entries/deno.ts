// Deno: `Deno.serve` on 127.0.0.1, port 0; the port goes to stdout as `{"listening":port}`.
import { matrixApp } from "../app";

declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { hostname: string; port: number; onListen(address: { port: number }): void },
    handler: (request: Request, info: unknown) => Response | Promise<Response>,
  ): unknown;
};

Deno.serve(
  {
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => console.log(JSON.stringify({ listening: port })),
  },
  matrixApp(Deno.env.get("MATRIX_APP")),
);
