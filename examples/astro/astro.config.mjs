import node from "@astrojs/node";
import { defineConfig } from "astro/config";

export default defineConfig({
  // Every page and API route runs on demand on the Node.js server.
  output: "server",
  adapter: node({ mode: "standalone" }),
  // `astro dev` and the built server listen on PORT (default 3000, where `dodo-simulator run`
  // expects the app), on this machine only unless HOST says otherwise (e.g. HOST=0.0.0.0;
  // `dodo-simulator run` sets it from the app URL). The built server reads PORT and HOST again
  // at start.
  server: { port: Number(process.env.PORT) || 3000, host: process.env.HOST || "localhost" },
  // Astro's default, spelled out: cross-site form POSTs are refused with 403. The checkout POSTs
  // (JSON from our pages) and Dodo's webhooks (application/json) pass it.
  security: { checkOrigin: true },
});
