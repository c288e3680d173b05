// Cloudflare Workers (workerd): a module Worker. Everything, the app's choice included, comes from
// the bindings (`env`); with nodejs_compat off there is no `process` at all.
import { type FetchHandler, matrixApp } from "../app";

let app: FetchHandler | undefined;

export default {
  fetch(request: Request, env: Record<string, string | undefined>): Response | Promise<Response> {
    app ??= matrixApp(env.MATRIX_APP);
    return app(request, env);
  },
};
