import { fixture7 } from "../fixtures/remix";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture7);
