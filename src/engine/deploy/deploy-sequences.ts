/**
 * The command sequences a repository writes for its deploy, in the order they run: Travis CI's deploy phases, each
 * job of a deploy workflow (its steps' `run` lines and the scripts its SSH steps run on the server), and the lines of a
 * script named for deploying. What happens between two commands of one sequence (maintenance mode on, then the
 * migration: maintenance-mode.ts; the old version undeployed, then the new one deployed: app-server-redeploy.ts) is
 * read from them. The YAML files need the YAML reader loaded (deploy-readers.ts).
 */
import type { SourceFile } from "../model.js";
import { withoutComments } from "./deploy-commands.js";
import { isDeployScriptPath, isDeployWorkflowPath, isTravisPath } from "./deploy-paths.js";
import { deployYaml } from "./deploy-readers.js";
import type { DeployCommand } from "./maintenance-yaml.js";

export interface DeploySequence {
  path: string;
  commands: DeployCommand[];
}

export function deploySequences(files: readonly SourceFile[]): DeploySequence[] {
  const out: DeploySequence[] = [];
  for (const file of files) {
    if (isTravisPath(file.path)) out.push({ path: file.path, commands: deployYaml().travisDeployCommands(file) });
    if (isDeployWorkflowPath(file.path)) for (const job of deployYaml().workflowJobCommands(file)) out.push({ path: file.path, commands: job });
    if (isDeployScriptPath(file.path)) out.push({ path: file.path, commands: withoutComments(file.content).split("\n").map((text, i) => ({ text, line: i + 1 })) });
  }
  return out;
}
