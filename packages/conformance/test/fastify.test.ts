import { fixture } from "../fixtures/fastify";
import { runConformanceSuite } from "../src/cases";

runConformanceSuite(fixture);
