/**
 * Entry point of the GitHub Action (action.yml runs bundle/action.js, built from this file by
 * `npm run bundle`): the bundle carries every module and parser it needs, so a cold runner installs nothing.
 */
import { setUpProcess } from "../cli/process-setup.js";
import { workflowCommand } from "./workflow-commands.js";

setUpProcess();
try {
  const { runAction } = await import("./run.js");
  const result = await runAction();
  for (const line of result.log) console.log(line);
  process.exitCode = result.exitCode;
} catch (error) {
  console.log(workflowCommand("error", { title: "migguard failed" }, String(error instanceof Error ? (error.stack ?? error.message) : error)));
  process.exitCode = 2;
}
