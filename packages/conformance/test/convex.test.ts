import { fixture } from "../fixtures/convex";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
