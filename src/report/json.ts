/**
 * The JSON contract other tools read: exactly
 * {"findings":[{path,line,endLine,rule,category,severity,message,fix}],"errors":[{path,message}]}, and
 * "baseline":{skipped,lines:[{version,said,path,line?,skipped}]} when a baseline left migrations unchecked.
 */
import type { FileError } from "../engine/analyze.js";
import type { BaselineSummary } from "../engine/baseline/baselines.js";
import type { Finding } from "../engine/model.js";

export function toJson(findings: readonly Finding[], errors: readonly FileError[], baseline?: BaselineSummary): string {
  const out = {
    findings: findings.map(({ path, line, endLine, rule, category, severity, message, fix }) => ({ path, line, endLine, rule, category, severity, message, fix })),
    errors: errors.map(({ path, message }) => ({ path, message })),
    ...(baseline ? { baseline: { skipped: baseline.skipped, lines: baseline.lines.map(({ version, said, path, line, skipped }) => ({ version, said, path, line, skipped })) } } : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
