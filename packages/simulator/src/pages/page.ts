import type { ServerResponse } from "node:http";
import { sendHtml } from "../http/respond.js";
import type { Params, Route } from "../http/router.js";
import { renderMessagePage } from "./html.js";

/** What a hosted-page route gets: path params, the query and the raw (form) body. */
export interface PageCall {
  params: Params;
  query: URLSearchParams;
  raw: Buffer;
}

/** A hosted-page route: answers HTML (or a redirect) on `res`. */
export type PageHandler = (res: ServerResponse, call: PageCall) => void;

export type PageRoute = Route<PageHandler>;

/** Answers a simple page with a title and a message (errors, confirmations). */
export function showMessage(
  res: ServerResponse,
  status: number,
  title: string,
  message: string,
  extraHtml = "",
): void {
  sendHtml(res, status, renderMessagePage(title, message, extraHtml));
}
