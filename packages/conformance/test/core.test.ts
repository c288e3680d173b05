import { fixture } from "../fixtures/core-node-http";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
