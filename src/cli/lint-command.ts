/** `migguard lint [--format text|json|sarif] [--config FILE] PATH...` */
import { analyze } from "../engine/analyze.js";
import { collectFiles } from "./collect-files.js";
import { loadCliConfig } from "./config-file.js";
import { formatResult, type OutputFormat } from "./output.js";

export interface LintOptions {
  paths: string[];
  format: OutputFormat;
  config?: string;
  cwd?: string;
}

export interface CommandResult {
  output: string;
  exitCode: number;
}

export async function lintCommand(options: LintOptions): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = loadCliConfig(options.config, cwd);
  const collected = collectFiles(options.paths, loaded.config, cwd);
  const result = await analyze({
    files: collected.files,
    config: loaded.config,
    configProblems: loaded.problems,
    configPath: loaded.path,
    explicitPaths: collected.explicit,
  });
  const errors = [...collected.errors, ...result.errors];
  return {
    output: formatResult(options.format, result.findings, errors, loaded.config.docs_url),
    exitCode: result.findings.some((f) => f.severity === "error") ? 1 : 0,
  };
}
