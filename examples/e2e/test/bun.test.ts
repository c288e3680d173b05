import { describeExample } from "../src/flows.js";

describeExample("bun");
