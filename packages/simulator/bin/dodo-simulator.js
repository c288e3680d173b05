#!/usr/bin/env node
// Committed entry point, so package managers can link the command before the package is built.
import "../dist/cli.js";
