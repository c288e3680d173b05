/** Path parameters by name, from `:name` segments of a route pattern. */
export type Params = Record<string, string>;

/** One route: a method and a pattern like `/customers/:id/customer-portal/session`. */
export interface Route<H> {
  method: string;
  pattern: string;
  handler: H;
}

export const route = <H>(method: string, pattern: string, handler: H): Route<H> => ({
  method,
  pattern,
  handler,
});

/** The params when `pathname` fits `pattern` segment by segment, otherwise null. */
export function matchPath(pattern: string, pathname: string): Params | null {
  const want = pattern.split("/").filter(Boolean);
  const got = pathname.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(":")) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

/** A table of routes, looked up by method and path. */
export class Router<H> {
  constructor(readonly routes: readonly Route<H>[]) {}

  /** Whether any route, of any method, has this path. */
  has(pathname: string): boolean {
    return this.routes.some((r) => matchPath(r.pattern, pathname) !== null);
  }

  /** The methods that have a route for this path, in table order. */
  allowed(pathname: string): string[] {
    return this.routes.filter((r) => matchPath(r.pattern, pathname) !== null).map((r) => r.method);
  }

  /** The first route for this method and path, with its params. */
  find(method: string, pathname: string): { route: Route<H>; params: Params } | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const params = matchPath(r.pattern, pathname);
      if (params) return { route: r, params };
    }
    return undefined;
  }
}
