import { fixture } from "../fixtures/nextjs";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
