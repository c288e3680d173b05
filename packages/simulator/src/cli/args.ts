/** A bad argument: printed, exit code 2. */
export class UsageError extends Error {}

export function fail(message: string): never {
  throw new UsageError(message);
}

export function parseUrl(value: string | undefined, flag: string): string {
  if (value === undefined) fail(`missing ${flag} (see dodo-simulator --help)`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(`${flag} is not a valid URL: ${value}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    fail(`${flag} must be an http:// or https:// URL: ${value}`);
  }
  return url.toString();
}

export function parseKey(value: string | undefined, flag: string): string {
  if (value === undefined) fail(`missing ${flag} (a whsec_... webhook secret)`);
  if (!value.startsWith("whsec_"))
    fail(`${flag} must start with whsec_ (got "${value.slice(0, 8)}...")`);
  const raw = value.slice("whsec_".length);
  if (raw === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) {
    fail(`${flag} must be whsec_ followed by a base64 key`);
  }
  return value;
}

/** A port from a flag: a whole number 0-65535. */
export function parsePort(value: string, flag: string): number {
  const port = Number(value);
  if (value.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535)
    fail(`${flag} must be 0-65535: ${value}`);
  return port;
}
