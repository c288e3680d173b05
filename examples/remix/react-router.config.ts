import type { Config } from "@react-router/dev/config";

// Server rendering (the default): the API routes run on the server, never in the browser.
export default { ssr: true } satisfies Config;
