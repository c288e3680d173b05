import { installedVersion } from "../src/harness";
import { runtimeMatrix } from "../src/matrix";

const version = installedVersion("bun");

runtimeMatrix({
  runtime: { kind: "bun" },
  label: `Bun ${version}`,
  binaryVersion: version,
  facts: { runtime: "bun", version, process: true, buffer: true, nodeCrypto: true },
});
