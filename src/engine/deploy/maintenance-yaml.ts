/**
 * The command sequences of CI deploy files, read with the YAML parser (loaded with the other YAML readers,
 * deploy-readers.ts): Travis CI's deploy phases in the order Travis runs them (`before_deploy`, the Heroku provider's
 * `run` commands, `after_deploy`), and each job of a GitHub Actions workflow, its steps' `run` lines in order.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { SourceFile } from "../model.js";

/** One command a deploy runs, with the line it is written on. */
export interface DeployCommand {
  text: string;
  line: number;
}

/** The scalars of a string or a list of strings (a list of maps: each one's `key`), with their lines. */
function commandsOf(node: unknown, lines: LineCounter, key?: string): DeployCommand[] {
  if (isScalar(node) && typeof node.value === "string" && node.range) return [{ text: node.value, line: lines.linePos(node.range[0]).line }];
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

/** GitHub Actions: each job's steps' `run` commands, in order (one sequence a job). */
export function workflowJobCommands(file: SourceFile): DeployCommand[][] {
  const lines = new LineCounter();
  const document = parseDocument(file.content, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return [];
  const jobs = document.contents.get("jobs", true);
  if (!isMap(jobs)) return [];
  return jobs.items.map((job) => (isMap(job.value) ? commandsOf(job.value.get("steps", true), lines, "run") : []));
}
