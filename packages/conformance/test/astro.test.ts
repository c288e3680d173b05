import { fixture } from "../fixtures/astro";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
