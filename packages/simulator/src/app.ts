// One request, start to end: control routes, favicon, request log, faults, API, hosted pages.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApiRoute, apiRoutes } from "./api/index.js";
import type { SimulatorContext } from "./context.js";
import { handleControl, isControlPath } from "./control.js";
import { FAVICON_SVG } from "./favicon.js";
import { parseJsonBody, readBody } from "./http/body.js";
import { injectFault } from "./http/fault-injection.js";
import type { RequestHandler } from "./http/listen.js";
import { ApiError, sendError, sendJson } from "./http/respond.js";
import { Router } from "./http/router.js";
import { type PageRoute, pageRoutes } from "./pages/index.js";

/** Browsers fetch the icon on their own: it is answered before faults, so it never uses one up. */
function serveFavicon(method: string, pathname: string, res: ServerResponse): boolean {
  if (pathname !== "/favicon.ico" && pathname !== "/favicon.svg") return false;
  if (method !== "GET" && method !== "HEAD") return false;
  res.writeHead(200, {
    "content-type": "image/svg+xml",
    "content-length": String(Buffer.byteLength(FAVICON_SVG)),
    "cache-control": "public, max-age=86400",
  });
  res.end(method === "HEAD" ? undefined : FAVICON_SVG);
  return true;
}

function authorized(ctx: SimulatorContext, req: IncomingMessage): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  return match?.[1]?.trim() === ctx.apiKey;
}

interface ApiRequest {
  method: string;
  url: URL;
  body: { value: unknown; invalid: boolean };
}

/** An API request: bearer token, method, JSON body, then the route's answer or `ApiError`. */
function answerApi(
  ctx: SimulatorContext,
  api: Router<ApiRoute["handler"]>,
  req: IncomingMessage,
  res: ServerResponse,
  { method, url, body }: ApiRequest,
): void {
  if (!authorized(ctx, req)) {
    sendError(res, 401, "UNAUTHORIZED", "You are not authorised to perform this action");
    return;
  }
  const found = api.find(method, url.pathname);
  if (!found) {
    sendError(res, 405, "METHOD_NOT_ALLOWED", `${method} is not supported here`, {
      allow: api.allowed(url.pathname).join(", "),
    });
    return;
  }
  if (body.invalid) {
    const message = "Your request body is invalid. Please check your request headers and object.";
    sendError(res, 400, "INVALID_REQUEST_BODY", message);
    return;
  }
  try {
    const answer = found.route.handler({
      params: found.params,
      body: body.value,
      query: url.searchParams,
    });
    sendJson(res, 200, answer);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    sendError(res, err.status, err.code, err.message, err.headers);
  }
}

/** A hosted-page request; 405 for a known page and another method, else 404. */
function answerPage(
  pages: Router<PageRoute["handler"]>,
  res: ServerResponse,
  method: string,
  url: URL,
  raw: Buffer,
): void {
  const found = pages.find(method, url.pathname);
  if (found) {
    found.route.handler(res, { params: found.params, query: url.searchParams, raw });
    return;
  }
  if (pages.has(url.pathname)) {
    res.writeHead(405, { allow: "GET, POST", "content-type": "text/plain" });
    res.end("Method not allowed");
    return;
  }
  sendError(res, 404, "NOT_FOUND", `No route for ${method} ${url.pathname}`);
}

/** The simulator's request handler over `ctx`. */
export function createApp(ctx: SimulatorContext): RequestHandler {
  const api = new Router(apiRoutes(ctx));
  const pages = new Router(pageRoutes(ctx));
  return async (req, res) => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const raw = await readBody(req);
    if (isControlPath(url.pathname)) return handleControl(ctx, req, res, url, raw);
    if (serveFavicon(method, url.pathname, res)) return;
    const isApi = api.has(url.pathname);
    const body = isApi ? parseJsonBody(raw) : { value: undefined, invalid: false };
    const record = isApi ? ctx.recorder.record(method, url, body.value, res) : undefined;
    if (await injectFault(ctx, method, url.pathname, res, record)) return;
    if (ctx.closing) return;
    if (isApi) answerApi(ctx, api, req, res, { method, url, body });
    else answerPage(pages, res, method, url, raw);
  };
}
