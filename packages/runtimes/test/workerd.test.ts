import { installedVersion, WORKERD_COMPATIBILITY_DATE } from "../src/harness";
import { runtimeMatrix } from "../src/matrix";

const version = installedVersion("workerd");

// Since 2026-08-04 nodejs_compat (and its v2) are on by default: both flags turn them off.
runtimeMatrix({
  runtime: { kind: "workerd", compatibilityFlags: ["no_nodejs_compat", "no_nodejs_compat_v2"] },
  label: `workerd ${version} (Cloudflare Workers, compatibility date ${WORKERD_COMPATIBILITY_DATE}, without nodejs_compat)`,
  binaryVersion: `workerd ${WORKERD_COMPATIBILITY_DATE}`,
  facts: {
    runtime: "Cloudflare-Workers",
    version: null,
    process: false,
    buffer: false,
    nodeCrypto: false,
  },
});
