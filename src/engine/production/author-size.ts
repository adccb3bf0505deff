/**
 * Lock findings in the light of the author's own word on the table's size: a comment on the statement or right
 * above it, or in the migration's header (a docstring, the comments before its first statement), that says the
 * table is small (adapters/size-notes.ts). The author knows the table; an index build, scan, rewrite or data change
 * of a small one is brief, so the finding is a note that quotes the comment and keeps its safe fix, for the day the
 * table is no longer small. In a review, the change's own text (a pull request's title, a commit message) that says
 * so speaks for the migrations the change adds (review/change-size-note.ts). Not for lock waits (require-lock-timeout, lock-table's hold): a queue forms behind a
 * small hot table too. A production snapshot that measured the table wins over the word.
 *
 * The same for code: an operation the migration runs only while the table's row count is below a bound it compares
 * the count with (`if n < INDEX_ROW_COUNT_THRESHOLD:` after a `SELECT COUNT(*)`, the model's `sizeGuard`) is a note
 * quoting the condition: the team weighed the lock against the table's size, and above the bound it does not run.
 */
import type { ChangeSizeNote, Migration, Operation, ReportedFinding, SizeGuard, SizeNote } from "../model.js";
import type { Production } from "./production.js";
import { measuredInSnapshot, tablesOf, workOf } from "./size-aware.js";
import type { LockWork } from "./estimates.js";

/**
 * The note that speaks for the op: on its lines, ending right above it, or the header (ending before the first
 * statement with a line between: a comment right above the first statement speaks for that statement alone).
 */
function noteFor(op: Operation, migration: Migration): SizeNote | undefined {
  const firstLine = Math.min(...migration.up.map((o) => o.loc.line));
  const on = (n: SizeNote, o: Operation) => n.line >= o.loc.line && n.line <= o.loc.endLine;
  // a comment at the end of a statement's line speaks for that statement, not for the one on the next line
  const above = (n: SizeNote) => n.endLine === op.loc.line - 1 && !migration.up.some((o) => on(n, o));
  return (
    migration.sizeNotes.find((n) => on(n, op) || above(n)) ??
    migration.sizeNotes.find((n) => n.endLine < firstLine - 1)
  );
}

const unqualified = (table: string) => table.slice(table.lastIndexOf(".") + 1).toLowerCase();

/** The op's size guard when it counts a table the op locks. */
function guardOf(op: Operation): SizeGuard | undefined {
  const guard = op.sizeGuard;
  return guard && tablesOf(op).some((t) => unqualified(t) === unqualified(guard.table)) ? guard : undefined;
}

function guarded(finding: ReportedFinding, guard: SizeGuard): ReportedFinding {
  const when = guard.holds ? `\`${guard.condition}\`` : `\`${guard.condition}\` is false`;
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} The migration runs it only when ${when} (line ${guard.line}), a bound on the row count of ${guard.table} it reads first: its team weighed the lock against the table's size, so the lock is brief; above the bound, take the safe way below.`,
    details: [...finding.details, "a row-count check in the migration's code; a production snapshot (--snapshot) gives the table's real size"],
  };
}

/** The finding as a note quoting the author when a comment, or the change's own text, says its table is small; unchanged otherwise. */
export function withAuthorSize(finding: ReportedFinding, op: Operation | undefined, migration: Migration, production?: Production, reported?: LockWork, change?: ChangeSizeNote): ReportedFinding {
  const work = workOf(finding.rule, op, reported);
  if (!op || finding.severity === "info" || !work || work === "hold") return finding;
  if (measuredInSnapshot(op, production)) return finding;
  const guard = guardOf(op);
  if (guard) return guarded(finding, guard);
  // the file's own comment is the closer word; the change's text speaks for every statement of its added migrations
  const note = noteFor(op, migration);
  const said = note ? { text: note.text, where: `line ${note.line}` } : change ? { text: change.text, where: change.from } : undefined;
  if (!said) return finding;
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} Its author says the table is small: "${said.text}" (${said.where}), so the lock is brief; if it grows, take the safe way below.`,
    details: [...finding.details, `the author's word on the table's size${note ? "" : ` in ${change!.from}`}; a production snapshot (--snapshot) gives its real size`],
  };
}

/**
 * Every lock finding of one migration, seen against what its author says about the tables' size: its comments,
 * and (`change`) the change's own text when the change adds the migration.
 */
export function againstAuthorSize<R extends { finding: ReportedFinding; op?: Operation; work?: LockWork }>(raw: readonly R[], migration: Migration, production?: Production, change?: ChangeSizeNote): R[] {
  if (migration.sizeNotes.length === 0 && !change && !raw.some((r) => r.op?.sizeGuard)) return [...raw];
  return raw.map((r) => ({ ...r, finding: withAuthorSize(r.finding, r.op, migration, production, r.work, change) }));
}
