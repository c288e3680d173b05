import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  // `react-router dev`: PORT (default 3000) on this machine only, like the production server
  // (`react-router-serve` reads PORT and HOST itself). HOST=0.0.0.0 listens on every interface.
  server: {
    port: Number(process.env.PORT) || 3000,
    strictPort: true,
    host: process.env.HOST || "localhost",
  },
});
