// Stands in for Nitro's `#imports` in unit tests and type checks (aliased in vitest.config.ts and
// tsconfig.json): the module's runtime only takes `useRuntimeConfig` from there.
import type { H3Event } from "h3";

export const runtimeConfig: { private: Record<string, string | undefined> } = { private: {} };
export const runtimeConfigCalls: Array<H3Event | undefined> = [];

export function useRuntimeConfig(event?: H3Event): typeof runtimeConfig {
  runtimeConfigCalls.push(event);
  return runtimeConfig;
}
