/**
 * One hazard, one message: a drop (or rename: signon 7cd74f2d's `:delegated` to `:delegated`) of a column its table never had (drop-missing-column, proven from the
 * migrations' history) fails the migration; code that names the same word (govuk-chat's enum value `success`) is
 * no use of a column that does not exist, so dropped-object-still-used's finding on that drop is left out.
 */
import type { ReportedFinding } from "../model.js";

/** `Column table.column ` at the start of both rules' messages about a dropped column. */
export const droppedColumn = (message: string) => /^Column (\S+) (?:does not exist|is dropped|is renamed)/.exec(message)?.[1];

const overlaps = (a: ReportedFinding, b: ReportedFinding) => a.path === b.path && a.line <= b.endLine && b.line <= a.endLine;

/** The review's findings without dropped-object-still-used's on a drop drop-missing-column reported. */
export function withoutMissingColumnUses(lint: readonly ReportedFinding[], reviewed: readonly ReportedFinding[]): ReportedFinding[] {
  const missing = lint.filter((f) => f.rule === "drop-missing-column");
  if (!missing.length) return [...reviewed];
  return reviewed.filter((f) => {
    if (f.rule !== "dropped-object-still-used") return true;
    const column = droppedColumn(f.message);
    return column === undefined || !missing.some((m) => overlaps(m, f) && droppedColumn(m.message) === column);
  });
}

/**
 * The base version's drops of a column its table never had (drop-missing-column's proof on the base branch): that
 * version failed on every database the migrations built, so none recorded it, and an edit of it cannot drift.
 */
export function failuresOnEveryDatabase(baseFindings: readonly ReportedFinding[], basePath: string): ReportedFinding[] {
  return baseFindings.filter((f) => f.rule === "drop-missing-column" && f.path === basePath);
}
