import type { IncomingMessage } from "node:http";
import { ApiError } from "./respond.js";

const MAX_BODY = 1024 * 1024;

/** The whole request body; a body over 1 MiB is refused with 413. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, "INVALID_REQUEST_BODY", "Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export interface JsonBody {
  /** The parsed JSON, the raw text when it is not JSON, undefined when empty. */
  value: unknown;
  /** The body was sent but is not valid JSON. */
  invalid: boolean;
}

export function parseJsonBody(raw: Buffer): JsonBody {
  const text = raw.toString("utf8");
  if (text.length === 0) return { value: undefined, invalid: false };
  try {
    return { value: JSON.parse(text), invalid: false };
  } catch {
    return { value: text, invalid: true };
  }
}
