import type { NextConfig } from "next";

// Keeps the demo's output about the demo: no anonymous-telemetry notice from `next dev` / `next
// build` (Next.js reads this after loading this file). Delete the line to keep Next.js's default.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const nextConfig: NextConfig = {};

export default nextConfig;
