/** Compiler-style text: `path:line: severity rule-id: message`, then the fix indented, then a summary. */
import type { FileError } from "../engine/analyze.js";
import type { ReportedFinding } from "../engine/model.js";
import { ruleDocsUrl } from "./docs-url.js";

export interface TextOptions {
  docsUrl?: string;
  color?: boolean;
}

const paint = (on: boolean | undefined, code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

export function toText(findings: readonly ReportedFinding[], errors: readonly FileError[], options: TextOptions = {}): string {
  const lines: string[] = [];
  for (const f of findings) {
    const color = f.severity === "error" ? "31" : f.severity === "warning" ? "33" : "36";
    lines.push(`${f.path}:${f.line}: ${paint(options.color, color, f.severity)} ${f.rule}: ${f.message}`);
    for (const detail of f.details) lines.push(`    ${detail}`);
    if (f.fix) {
      lines.push("  fix:");
      for (const l of f.fix.split("\n")) lines.push(`    ${l}`);
    }
    lines.push(`  docs: ${ruleDocsUrl(f.rule, options.docsUrl)}`);
  }
  for (const e of errors) lines.push(`${e.path}: ${paint(options.color, "35", "skipped")}: ${e.message}`);
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const files = new Set(findings.map((f) => f.path)).size;
  lines.push(
    findings.length === 0 && errors.length === 0
      ? "migguard: no problems found"
      : `migguard: ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} note(s) in ${files} file(s)${errors.length ? `; ${errors.length} file(s) skipped` : ""}`,
  );
  return `${lines.join("\n")}\n`;
}
