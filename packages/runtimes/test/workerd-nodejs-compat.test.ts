import { installedVersion, WORKERD_COMPATIBILITY_DATE } from "../src/harness";
import { runtimeMatrix } from "../src/matrix";

const version = installedVersion("workerd");

runtimeMatrix({
  runtime: { kind: "workerd", compatibilityFlags: ["nodejs_compat"] },
  label: `workerd ${version} (Cloudflare Workers, compatibility date ${WORKERD_COMPATIBILITY_DATE}, nodejs_compat)`,
  binaryVersion: `workerd ${WORKERD_COMPATIBILITY_DATE}`,
  facts: {
    runtime: "Cloudflare-Workers",
    version: null,
    process: true,
    buffer: true,
    nodeCrypto: true,
  },
});
