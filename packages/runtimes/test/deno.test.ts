import { installedVersion } from "../src/harness";
import { runtimeMatrix } from "../src/matrix";

const version = installedVersion("deno");

runtimeMatrix({
  runtime: { kind: "deno" },
  label: `Deno ${version}`,
  binaryVersion: `deno ${version}`,
  facts: { runtime: "deno", version, process: true, buffer: true, nodeCrypto: true },
});
