import { fixture } from "../fixtures/nuxt";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
