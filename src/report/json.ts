/**
 * The JSON contract other tools read: exactly
 * {"findings":[{path,line,endLine,rule,category,severity,message,fix}],"errors":[{path,message}]}.
 */
import type { FileError } from "../engine/analyze.js";
import type { Finding } from "../engine/model.js";

export function toJson(findings: readonly Finding[], errors: readonly FileError[]): string {
  const out = {
    findings: findings.map(({ path, line, endLine, rule, category, severity, message, fix }) => ({ path, line, endLine, rule, category, severity, message, fix })),
    errors: errors.map(({ path, message }) => ({ path, message })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
