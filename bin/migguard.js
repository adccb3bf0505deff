#!/usr/bin/env node
// Entry point of the published CLI. It runs the bundle (bundle/cli.js starts the CLI's code, bundle/cli-code.js,
// from V8's code cache: built by `npm run build` and committed, so an install from git or a tarball builds nothing).
import module from "node:module";

// Node 22.1+ also keeps the compiled code of bundle/cli.js itself; Node 20 has no cache for ES modules
module.enableCompileCache?.();
const { main } = await import("../bundle/cli.js");
process.exitCode = await main();
