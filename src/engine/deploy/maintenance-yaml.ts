/**
 * The command sequences of CI deploy files, read with the YAML parser (loaded with the other YAML readers,
 * deploy-readers.ts): Travis CI's deploy phases in the order Travis runs them (`before_deploy`, the Heroku provider's
 * `run` commands, `after_deploy`), and each job of a GitHub Actions workflow, its steps' `run` lines (and the scripts
 * its SSH steps run) in order; a block scalar's lines are commands of their own.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node, type YAMLMap } from "yaml";
import type { SourceFile } from "../model.js";

/** One command a deploy runs, with the line it is written on. */
export interface DeployCommand {
  text: string;
  line: number;
}

/**
 * A block scalar (`run: |`) as its lines, each with its own line number, shell comments and blank lines left out; any
 * other scalar as one command.
 */
function scalarCommands(node: Scalar, lines: LineCounter): DeployCommand[] {
  const line = lines.linePos(node.range![0]).line;
  const text = String(node.value);
  if (node.type !== Scalar.BLOCK_LITERAL) return [{ text, line }];
  // the block's text starts on the line after its `|` header
  return text
    .split("\n")
    .map((command, i) => ({ text: command, line: line + 1 + i }))
    .filter((c) => c.text.trim() !== "" && !c.text.trimStart().startsWith("#"));
}

/** The scalars of a string or a list of strings (a list of maps: each one's `key`), with their lines. */
function commandsOf(node: unknown, lines: LineCounter, key?: string): DeployCommand[] {
  if (isScalar(node) && typeof node.value === "string" && node.range) return scalarCommands(node, lines);
  if (isSeq(node)) return node.items.flatMap((item) => (key && isMap(item) ? commandsOf(item.get(key, true), lines) : commandsOf(item, lines)));
  if (key && isMap(node)) return commandsOf(node.get(key, true), lines);
  return [];
}

/** Travis CI: before_deploy, each deploy's `run` (Heroku) or `script` (script provider), after_deploy, in that order. */
export function travisDeployCommands(file: SourceFile): DeployCommand[] {
  const lines = new LineCounter();
  const document = parseDocument(file.content, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return [];
  const root = document.contents;
  const deploys = root.get("deploy", true) as Node | undefined;
  const deployList = isSeq(deploys) ? deploys.items : deploys ? [deploys] : [];
  const during = deployList.flatMap((d) => (isMap(d) ? [...commandsOf(d.get("run", true), lines), ...commandsOf(d.get("script", true), lines)] : []));
  return [...commandsOf(root.get("before_deploy", true), lines), ...during, ...commandsOf(root.get("after_deploy", true), lines)];
}

/**
 * A step's commands: its `run` lines, the script an SSH action runs on the server (appleboy/ssh-action's
 * `script`: Dataverse's deploy workflow undeploys and deploys there), or the Cloud Foundry command an action runs
 * (cloud-gov/cg-cli-tools' `cf_command: push -f manifest.yaml` runs `cf push -f manifest.yaml`: manage.get.gov
 * pushes the code in one step and runs `cf run-task ... 'python manage.py migrate'` in the next). cg-cli-tools without a
 * `cf_command` (nor a shell `command`) runs its documented default, `cf push -f <cf_manifest> --strategy rolling`
 * (manage.get.gov's workflows before v1.150 gave only `cf_manifest:`).
 */
function stepCommands(step: YAMLMap, lines: LineCounter): DeployCommand[] {
  const run = step.get("run", true);
  if (run) return commandsOf(run, lines);
  const uses = step.get("uses");
  const inputs = step.get("with", true);
  if (!isMap(inputs)) return [];
  const cf = commandsOf(inputs.get("cf_command", true), lines);
  if (cf.length) return cf.map((c) => ({ ...c, text: `cf ${c.text.trim()}` }));
  const usesNode = step.get("uses", true);
  if (typeof uses === "string" && /(?:^|\/)cg-cli-tools@/.test(uses) && !inputs.has("command") && isScalar(usesNode) && usesNode.range) {
    const manifest = inputs.get("cf_manifest");
    return [{ text: `cf push -f ${typeof manifest === "string" ? manifest : "manifest.yml"} --strategy rolling`, line: lines.linePos(usesNode.range[0]).line }];
  }
  return typeof uses === "string" && /\bssh\b|ssh-action/i.test(uses) ? commandsOf(inputs.get("script", true), lines) : [];
}

/** GitHub Actions: each job's steps' commands, in order (one sequence a job). */
export function workflowJobCommands(file: SourceFile): DeployCommand[][] {
  const lines = new LineCounter();
  const document = parseDocument(file.content, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return [];
  const jobs = document.contents.get("jobs", true);
  if (!isMap(jobs)) return [];
  return jobs.items.map((job) => {
    const steps = isMap(job.value) ? job.value.get("steps", true) : undefined;
    return isSeq(steps) ? steps.items.flatMap((step) => (isMap(step) ? stepCommands(step, lines) : [])) : [];
  });
}
