import type { ServerResponse } from "node:http";
import type { FaultRule } from "../faults.js";
import { sendJson } from "./respond.js";

/** What the fault middleware needs from the simulator. */
export interface FaultHost {
  faults: { take(method: string, pathname: string): FaultRule | undefined };
  sleep(ms: number): Promise<void>;
  readonly closing: boolean;
}

/** How a rule shows in `RecordedRequest.fault`. */
export function faultKind(rule: FaultRule): string {
  if (rule.drop) return "drop";
  if (rule.hang) return "hang";
  if (rule.malformed) return "malformed";
  return rule.status !== undefined ? "status" : "latency";
}

/** The `code` of a simulated error status. */
export function statusCode(status: number): string {
  switch (status) {
    case 400:
      return "INVALID_REQUEST_BODY";
    case 401:
      return "UNAUTHORIZED";
    case 404:
      return "NOT_FOUND";
    case 429:
      return "TOO_MANY_REQUESTS";
    case 500:
      return "INTERNAL_SERVER_ERROR";
    default:
      return status >= 500 ? "INTERNAL_SERVER_ERROR" : "SIMULATED_ERROR";
  }
}

/**
 * Applies the first fault rule matching the request, if any (and notes it on `record`).
 * Returns true when the request has been dealt with: answered, dropped, left hanging, or the
 * simulator closed during the delay.
 */
export async function injectFault(
  host: FaultHost,
  method: string,
  pathname: string,
  res: ServerResponse,
  record?: { fault: string | null },
): Promise<boolean> {
  const rule = host.faults.take(method, pathname);
  if (!rule) return false;
  if (record) record.fault = faultKind(rule);
  if (rule.latencyMs) await host.sleep(rule.latencyMs);
  if (host.closing) return true;
  if (rule.drop) {
    res.socket?.destroy();
    return true;
  }
  // A hung request is never answered; close() destroys its socket.
  if (rule.hang) return true;
  if (rule.malformed) {
    const body = '{"items": [{"product_id": "pdt_';
    res.writeHead(200, {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
    });
    res.end(body);
    return true;
  }
  if (rule.status === undefined) return false;
  const headers: Record<string, string> = {};
  const retryAfter = rule.retryAfter ?? (rule.status === 429 ? 1 : undefined);
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  const body = rule.body ?? {
    code: statusCode(rule.status),
    message: `Simulated ${rule.status} response`,
  };
  sendJson(res, rule.status, body, headers);
  return true;
}
