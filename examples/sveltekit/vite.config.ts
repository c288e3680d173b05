import adapter from "@sveltejs/adapter-node";
import { sveltekit } from "@sveltejs/kit/vite";
import { defineConfig } from "vite";

// `vite dev` listens on PORT (default 3000, where `dodo-simulator run` expects the app), on this
// machine only unless HOST says otherwise (e.g. HOST=0.0.0.0). The built server (server.js, which
// starts adapter-node's build/index.js) reads PORT and HOST again at start.
const server = {
  port: Number(process.env.PORT) || 3000,
  host: process.env.HOST || "localhost",
  strictPort: true,
};

export default defineConfig({
  // SvelteKit 3: the kit options go to the plugin (no svelte.config.js). Its CSRF check stays on:
  // cross-site form POSTs are refused with 403 in production; the checkout POSTs (JSON from our
  // pages) and Dodo's webhooks (application/json) pass it.
  plugins: [sveltekit({ adapter: adapter() })],
  server,
  preview: server,
});
