// Module hooks that stand in for Nitro outside a Nuxt build: `#imports` (what Nuxt auto-imports
// into server code) resolves to nitro-imports.mjs. Registered with `module.register`.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "#imports") {
    return { url: new URL("./nitro-imports.mjs", import.meta.url).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
