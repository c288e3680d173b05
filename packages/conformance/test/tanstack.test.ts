import { fixture } from "../fixtures/tanstack";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
