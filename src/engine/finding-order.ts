/** The one order of findings everywhere (text, JSON, SARIF, the check): by path, line, rule, message. */
import type { ReportedFinding } from "./model.js";

/** Plain code-unit order: stable across machines and locales, and far cheaper than localeCompare. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const byLocation = (a: Pick<ReportedFinding, "path" | "line" | "rule" | "message">, b: Pick<ReportedFinding, "path" | "line" | "rule" | "message">): number =>
  compareText(a.path, b.path) || a.line - b.line || compareText(a.rule, b.rule) || compareText(a.message, b.message);
