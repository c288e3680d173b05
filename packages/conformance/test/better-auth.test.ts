import { fixture } from "../fixtures/better-auth";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
