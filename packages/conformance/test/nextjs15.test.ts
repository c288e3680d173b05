import { fixture } from "../fixtures/nextjs15";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
