// Nitro's `useRuntimeConfig`, reduced to what @dodopayments/nuxt reads: the runtime config a
// script put on globalThis (Nitro builds it from nuxt.config.ts and NUXT_* variables).
export function useRuntimeConfig() {
  return globalThis.__nitroRuntimeConfig ?? { private: {} };
}
