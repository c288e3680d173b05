import { express4Fixture, fixture } from "../fixtures/express";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
runConformanceSuite(express4Fixture);
