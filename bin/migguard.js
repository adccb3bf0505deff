#!/usr/bin/env node
// Entry point of the published CLI. It runs the bundle (bundle/cli.js: the CLI and the parsers it needs, built
// by `npm run build` and committed, so an install from git or a tarball builds nothing).
import module from "node:module";

// Node 22.1+ keeps V8's compiled code of the bundle between runs; Node 20 has no cache and starts without one
module.enableCompileCache?.();
const { main } = await import("../bundle/cli.js");
process.exitCode = await main();
