/**
 * The GitHub Action: reviews the pull request's base...head in the workflow's checkout (no App credentials),
 * prints annotations as workflow commands, writes SARIF for code scanning upload and a job summary, sets
 * outputs, and fails the step on error findings and on migrations it could not analyse. Inputs arrive as INPUT_* environment variables.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { run } from "../cli/main.js";
import { ruleDocsUrl } from "../report/docs-url.js";
import { workflowCommand } from "./workflow-commands.js";

interface JsonFinding {
  path: string;
  line: number;
  endLine: number;
  rule: string;
  category: string;
  severity: "error" | "warning" | "info";
  message: string;
  fix: string;
}

export interface ActionResult {
  exitCode: number;
  /** what the step prints (workflow commands and a short summary) */
  log: string[];
}

const input = (env: NodeJS.ProcessEnv, name: string, fallback = ""): string => (env[`INPUT_${name.toUpperCase().replace(/ /g, "_")}`] ?? fallback).trim();

/** The pull request's base commit from the event payload, unless the `base` input names one. */
function baseRef(env: NodeJS.ProcessEnv): string | undefined {
  const given = input(env, "base");
  if (given) return given;
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath && existsSync(eventPath)) {
    const event = JSON.parse(readFileSync(eventPath, "utf8")) as { pull_request?: { base?: { sha?: string } }; merge_group?: { base_sha?: string } };
    return event.pull_request?.base?.sha ?? event.merge_group?.base_sha;
  }
  return undefined;
}

const LEVEL = { error: "error", warning: "warning", info: "notice" } as const;

export async function runAction(env: NodeJS.ProcessEnv = process.env, cwd = env.GITHUB_WORKSPACE ?? process.cwd()): Promise<ActionResult> {
  const log: string[] = [];
  const base = baseRef(env);
  const config = input(env, "config");
  const common = config ? ["--config", config] : [];
  const paths = input(env, "paths", ".").split(/\s+/).filter(Boolean);
  // with a base: the App's review of the change; without one (a push): lint the given paths
  const args = (format: string) => (base ? ["review", "--base", base, "--format", format, ...common] : ["lint", "--format", format, ...common, ...paths]);
  if (!base) log.push(workflowCommand("notice", {}, "migguard: no pull request base found (not a pull_request event and no `base` input): linting the given paths instead"));

  const json = await run(args("json"), { cwd });
  const report = JSON.parse(json.output) as { findings: JsonFinding[]; errors: Array<{ path: string; message: string }> };
  const docsUrl = input(env, "docs-url") || undefined;
  for (const f of report.findings) {
    log.push(
      workflowCommand(LEVEL[f.severity], { file: f.path, line: f.line, endLine: f.endLine, title: `migguard ${f.rule}` }, `${f.message}\n\nSafe alternative:\n${f.fix}\n\n${ruleDocsUrl(f.rule, docsUrl)}`),
    );
  }
  for (const e of report.errors) log.push(workflowCommand("warning", { file: e.path, title: "migguard skipped a file" }, e.message));

  const sarifPath = input(env, "sarif-file", "migguard.sarif");
  const sarif = await run(args("sarif"), { cwd });
  writeFileSync(isAbsolute(sarifPath) ? sarifPath : join(cwd, sarifPath), sarif.output);

  const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
  const failOn = input(env, "fail-on", "error");
  // the CLI's exit status is its gate: an error finding, or a migration it could not analyse (never a silent pass)
  const gateFails = json.exitCode !== 0;
  const failing = failOn === "never" ? false : failOn === "warning" ? gateFails || count("warning") > 0 : gateFails;
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `errors=${count("error")}\nwarnings=${count("warning")}\nsarif-file=${sarifPath}\n`);
  if (env.GITHUB_STEP_SUMMARY) {
    const rows = report.findings.map((f) => `| \`${f.path}:${f.line}\` | ${f.severity} | [\`${f.rule}\`](${ruleDocsUrl(f.rule, docsUrl)}) | ${f.message.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`);
    appendFileSync(
      env.GITHUB_STEP_SUMMARY,
      `## migguard\n\n${count("error")} error(s), ${count("warning")} warning(s)\n\n${rows.length ? `| where | severity | rule | problem |\n|---|---|---|---|\n${rows.join("\n")}\n` : "No problems found.\n"}`,
    );
  }
  const skipped = report.errors.length ? `, ${report.errors.length} file(s) not analysed` : "";
  log.push(`migguard: ${count("error")} error(s), ${count("warning")} warning(s)${skipped}; SARIF written to ${sarifPath}`);
  return { exitCode: failing ? 1 : 0, log };
}
