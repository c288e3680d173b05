import { fixture } from "../fixtures/hono";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
