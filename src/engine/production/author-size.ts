/**
 * Lock findings in the light of the author's own word on the table's size: a comment on the statement or right
 * above it, or in the migration's header (a docstring, the comments before its first statement), that says the
 * table is small (adapters/size-notes.ts). The author knows the table; an index build, scan, rewrite or data change
 * of a small one is brief, so the finding is a note that quotes the comment and keeps its safe fix, for the day the
 * table is no longer small. In a review, the change's own text (a pull request's title, a commit message) that says
 * so speaks for the migrations the change adds (review/change-size-note.ts). Not for lock waits (require-lock-timeout, lock-table's hold): a queue forms behind a
 * small hot table too. A production snapshot that measured the table wins over the word. A comment that says the
 * table holds no rows yet ("assumes there is no existing data in the table") answers a statement that fails on rows too
 * (a NOT NULL column without a default): a note that quotes it.
 *
 * The same for code: an operation the migration runs only while the table's row count is below a bound it compares
 * the count with (`if n < INDEX_ROW_COUNT_THRESHOLD:` after a `SELECT COUNT(*)`, the model's `sizeGuard`) is a note
 * quoting the condition: the team weighed the lock against the table's size, and above the bound it does not run.
 */
import type { ChangeSizeNote, Migration, Operation, ReportedFinding, SizeGuard, SizeNote } from "../model.js";
import type { Production } from "./production.js";
import { measuredInSnapshot, tablesOf, workOf } from "./size-aware.js";
import type { LockWork } from "./estimates.js";

/** Words that make a comment speak for the whole migration. */
const WHOLE_MIGRATION = /\bthis\s+(migration|revision|upgrade)\b/i;

/**
 * The note that speaks for the op: on its lines, ending right above it, or the header (ending before the first
 * statement with a line between: a comment right above the first statement speaks for that statement alone, unless
 * it says "this migration").
 * A narrow note (weaker words, often no table named) only for a table it names, or the migration's one table.
 */
function noteFor(op: Operation, migration: Migration, wanted: (n: SizeNote) => boolean = () => true): SizeNote | undefined {
  const firstLine = Math.min(...migration.up.map((o) => o.loc.line));
  const on = (n: SizeNote, o: Operation) => n.line >= o.loc.line && n.line <= o.loc.endLine;
  // a comment at the end of a statement's line speaks for that statement, not for the one on the next line
  const above = (n: SizeNote) => n.endLine === op.loc.line - 1 && !migration.up.some((o) => on(n, o));
  const notes = migration.sizeNotes.filter((n) => wanted(n) && (!n.narrow || narrowNoteSpeaksFor(n, op, migration)));
  // right above the first statement, a comment about "this migration" speaks for all of it (funnel's "This migration
  // assumes there is no existing data in the table", the first line of upgrade())
  const header = (n: SizeNote) => n.endLine < firstLine - 1 || (n.endLine < firstLine && WHOLE_MIGRATION.test(n.text));
  return notes.find((n) => on(n, op) || above(n)) ?? notes.find(header);
}

const unqualified = (table: string) => table.slice(table.lastIndexOf(".") + 1).toLowerCase();

/** The names a table goes by in prose: its own, without underscores, and without a Django app's prefix (people_mail_box: mailbox). */
function proseNames(table: string): string[] {
  const name = unqualified(table);
  const names = [name, name.slice(name.indexOf("_") + 1)].map((n) => n.replace(/_/g, ""));
  return [...new Set(names.filter((n) => n.length > 0))];
}

/** One word of the note is the table's name, in the singular or plural. */
function names(note: SizeNote, table: string): boolean {
  const words = note.text.toLowerCase().split(/[^a-z0-9_]+/).map((w) => w.replace(/_/g, ""));
  return proseNames(table).some((n) => words.some((w) => w === n || w === `${n}s` || w === `${n}es` || n === `${w}s` || n === `${w}es`));
}

/** Every table the migration's up works on; undefined when a step's tables are unknown (code or SQL that could not be read). */
function migrationTables(migration: Migration): Set<string> | undefined {
  const tables = new Set<string>();
  for (const op of migration.up) {
    const its = [...tablesOf(op), ...(op.kind === "data_migration" ? (op.writes ?? []) : [])];
    if (its.length === 0 && (op.kind === "raw" || op.kind === "dml" || (op.kind === "data_migration" && !op.readOnly))) return undefined;
    for (const t of its) tables.add(unqualified(t));
  }
  return tables;
}

/**
 * A narrow note speaks for the op when it names one of the op's tables, or names none of the migration's tables
 * and the migration works on that one table alone ("the table is likely small or empty" in a migration of people_team).
 */
function narrowNoteSpeaksFor(note: SizeNote, op: Operation, migration: Migration): boolean {
  const own = tablesOf(op);
  if (own.some((t) => names(note, t))) return true;
  const all = migrationTables(migration);
  if (!all || [...all].some((t) => names(note, t))) return false;
  return all.size === 1 && own.length > 0 && own.every((t) => all.has(unqualified(t)));
}

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

/**
 * Rules whose hazard is a row the statement meets (a NOT NULL column without a default fails on the first, a shared
 * default collides between two): the author's word that the table holds none yet answers them. Not the data-loss rules.
 * Not the lock rules either (set-not-null, constraint-without-not-valid: a scan): they have a work (workOf), so
 * withAuthorSize weighs the word on their table's size and never asks here.
 */
const ROWS_FAIL = new Set(["required-column-without-default", "unique-column-shared-default", "narrowing-type-change"]);

/** The finding as a note quoting the author's word that its table holds no rows yet (adapters/size-notes.ts saysEmpty). */
function withAuthorEmpty(finding: ReportedFinding, op: Operation, migration: Migration, production?: Production, hazard?: string): ReportedFinding {
  // a hazard only the running code meets (the default dropped after filling the rows) is not the rows'
  if (finding.severity === "info" || !ROWS_FAIL.has(finding.rule) || hazard === "old-code" || measuredInSnapshot(op, production)) return finding;
  const note = noteFor(op, migration, (n) => n.empty === true);
  if (!note) return finding;
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} Its author says the table holds no rows yet: "${note.text}" (line ${note.line}), so no row can fail or collide when this runs; if it has rows by now, take the safe way below.`,
    details: [...finding.details, "the author's word that the table is empty; a production snapshot (--snapshot) gives its real size"],
  };
}

/** The finding as a note quoting the author when a comment, or the change's own text, says its table is small; unchanged otherwise. */
export function withAuthorSize(finding: ReportedFinding, op: Operation | undefined, migration: Migration, production?: Production, reported?: LockWork, change?: ChangeSizeNote, hazard?: string): ReportedFinding {
  const work = workOf(finding.rule, op, reported);
  if (op && !work) return withAuthorEmpty(finding, op, migration, production, hazard);
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
export function againstAuthorSize<R extends { finding: ReportedFinding; op?: Operation; work?: LockWork; hazard?: string }>(raw: readonly R[], migration: Migration, production?: Production, change?: ChangeSizeNote): R[] {
  if (migration.sizeNotes.length === 0 && !change && !raw.some((r) => r.op?.sizeGuard)) return [...raw];
  return raw.map((r) => ({ ...r, finding: withAuthorSize(r.finding, r.op, migration, production, r.work, change, r.hazard) }));
}
