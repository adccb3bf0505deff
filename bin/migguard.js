#!/usr/bin/env node
// Entry point of the published CLI. It runs the bundle (bundle/cli.cjs starts the CLI's code, bundle/cli-code.js,
// from V8's code cache: built by `npm run bundle` and committed, so an install from git or a tarball builds nothing).
// CommonJS (bin/package.json), as bundle/cli.cjs is: an ES module entry costs a process 1-3 ms more to start (issue #18).
"use strict";

// Node 22.1+ also keeps the compiled code of bundle/cli.cjs itself; Node 20 has no such cache
require("node:module").enableCompileCache?.();
require("../bundle/cli.cjs")
  .main()
  .then((code) => {
    process.exitCode = code;
  });
