import { isRecord } from "./util.js";

/**
 * A fault injected into matching requests. `route` is `"METHOD /path/:param"`, a path alone
 * (any method), `"METHOD *"`, or `"*"` (every route except the `/_sim/*` control routes).
 * A `*` as the last path segment matches the rest of the path.
 *
 * `latencyMs` can be combined with one of `status`, `hang`, `malformed` or `drop`; with none
 * of them the request is answered normally after the delay.
 */
export interface FaultRule {
  route: string;
  /** Delay before answering (or before the other fault takes effect). */
  latencyMs?: number;
  /** Answer with this status (e.g. 500, 502, 429) and an error body in the API's shape. */
  status?: number;
  /** Seconds for the `retry-after` header (sent with any status; defaults to 1 for 429). */
  retryAfter?: number;
  /** A custom JSON body for `status` instead of the default `{ code, message }`. */
  body?: unknown;
  /** Never answer; the request stays open until the client gives up or the simulator closes. */
  hang?: boolean;
  /** Answer 200 with a content-type of application/json and a body that is not valid JSON. */
  malformed?: boolean;
  /** Destroy the connection without answering. */
  drop?: boolean;
  /** Apply this many times, then remove the rule. Unlimited when omitted. */
  count?: number;
}

interface CompiledRule {
  rule: FaultRule;
  method: string | undefined;
  segments: string[] | undefined;
  remaining: number | undefined;
}

function compile(rule: FaultRule): CompiledRule {
  const route = rule.route.trim();
  let method: string | undefined;
  let path = route;
  const space = route.indexOf(" ");
  if (space > 0) {
    method = route.slice(0, space).toUpperCase();
    path = route.slice(space + 1).trim();
    if (method === "*") method = undefined;
  }
  const segments = path === "*" ? undefined : path.split("/").filter((s) => s.length > 0);
  return { rule: { ...rule }, method, segments, remaining: rule.count };
}

function matches(compiled: CompiledRule, method: string, pathname: string): boolean {
  if (compiled.method && compiled.method !== method) return false;
  if (!compiled.segments) return true;
  const parts = pathname.split("/").filter((s) => s.length > 0);
  const pattern = compiled.segments;
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i];
    if (seg === "*" && i === pattern.length - 1) return true;
    const part = parts[i];
    if (part === undefined) return false;
    if (seg?.startsWith(":")) continue;
    if (seg !== part) return false;
  }
  return parts.length === pattern.length;
}

/** Checks a rule's shape; throws a TypeError that says what is wrong. */
export function validateFaultRule(input: unknown): FaultRule {
  if (!isRecord(input)) throw new TypeError("a fault rule must be an object");
  const { route } = input;
  if (typeof route !== "string" || route.trim() === "") {
    throw new TypeError('fault rule needs a "route", e.g. "GET /products/:id" or "*"');
  }
  const rule: FaultRule = { route };
  const num = (key: keyof FaultRule, min: number, max: number, integer = true) => {
    const v = input[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
      throw new TypeError(`fault rule "${key}" must be a number from ${min} to ${max}`);
    }
    if (integer && !Number.isInteger(v)) {
      throw new TypeError(`fault rule "${key}" must be an integer`);
    }
    return v;
  };
  const flag = (key: "hang" | "malformed" | "drop") => {
    const v = input[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "boolean") throw new TypeError(`fault rule "${key}" must be a boolean`);
    return v;
  };
  const latencyMs = num("latencyMs", 0, 600_000);
  const status = num("status", 100, 599);
  const retryAfter = num("retryAfter", 0, 86_400);
  const count = num("count", 1, 1_000_000);
  const hang = flag("hang");
  const malformed = flag("malformed");
  const drop = flag("drop");
  if (latencyMs !== undefined) rule.latencyMs = latencyMs;
  if (status !== undefined) rule.status = status;
  if (retryAfter !== undefined) rule.retryAfter = retryAfter;
  if (count !== undefined) rule.count = count;
  if (hang) rule.hang = true;
  if (malformed) rule.malformed = true;
  if (drop) rule.drop = true;
  if (input.body !== undefined) rule.body = input.body;
  const kinds = [rule.status !== undefined, rule.hang, rule.malformed, rule.drop].filter(Boolean);
  if (kinds.length > 1) {
    throw new TypeError("a fault rule takes at most one of status, hang, malformed and drop");
  }
  if (kinds.length === 0 && rule.latencyMs === undefined) {
    throw new TypeError("a fault rule needs latencyMs, status, hang, malformed or drop");
  }
  return rule;
}

/** The fault switches of one simulator. */
export class FaultRegistry {
  private rules: CompiledRule[] = [];

  /** Replaces every rule. */
  set(rules: FaultRule | readonly FaultRule[]): void {
    const list = Array.isArray(rules) ? rules : [rules as FaultRule];
    this.rules = list.map((r) => compile(validateFaultRule(r)));
  }

  /** Adds rules after the existing ones (the first matching rule wins). */
  add(rules: FaultRule | readonly FaultRule[]): void {
    const list = Array.isArray(rules) ? rules : [rules as FaultRule];
    this.rules.push(...list.map((r) => compile(validateFaultRule(r))));
  }

  clear(): void {
    this.rules = [];
  }

  /** The active rules, with `count` showing how many applications are left. */
  list(): FaultRule[] {
    return this.rules.map((c) =>
      c.remaining === undefined ? { ...c.rule } : { ...c.rule, count: c.remaining },
    );
  }

  /** Finds the first rule for this request and uses up one of its applications. */
  take(method: string, pathname: string): FaultRule | undefined {
    const index = this.rules.findIndex((c) => matches(c, method, pathname));
    if (index < 0) return undefined;
    const compiled = this.rules[index] as CompiledRule;
    if (compiled.remaining !== undefined) {
      compiled.remaining -= 1;
      if (compiled.remaining <= 0) this.rules.splice(index, 1);
    }
    return compiled.rule;
  }
}
