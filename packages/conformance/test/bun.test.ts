import { fixture } from "../fixtures/bun";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
