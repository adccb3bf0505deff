#!/usr/bin/env node
// Entry point of the published CLI: runs the compiled code in dist/.
// @ruby/prism loads through node:wasi, which prints an ExperimentalWarning on Node 20: not for users' eyes.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  const text = typeof warning === "string" ? warning : warning?.message;
  if (typeof text === "string" && text.includes("WASI")) return;
  return emitWarning.call(process, warning, ...rest);
};
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main();
