import { tanstackStart } from "@tanstack/react-start/plugin/vite";
import viteReact from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  // `vite dev` listens on PORT (default 3000, where `dodo-simulator run` expects the app), on this
  // machine only unless HOST says otherwise (e.g. HOST=0.0.0.0). The built server (srvx, in
  // `pnpm start`) reads PORT and HOST again at start.
  server: {
    port: Number(process.env.PORT) || 3000,
    host: process.env.HOST || "localhost",
    strictPort: true,
  },
  resolve: { alias: { "@": new URL("./src", import.meta.url).pathname } },
  plugins: [tanstackStart(), viteReact()],
});
