import { fixture } from "../fixtures/remix";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
