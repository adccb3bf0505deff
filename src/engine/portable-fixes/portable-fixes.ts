/**
 * Fixes for a project that supports more databases than the one decided (alsoRunsOn: pretalx runs on PostgreSQL
 * and SQLite). A PostgreSQL-only rule's hazard is PostgreSQL's lock, so its message says it concerns the
 * PostgreSQL installations, and its fix, written in PostgreSQL's terms (CONCURRENTLY, NOT VALID, USING INDEX,
 * django.contrib.postgres), is put behind the framework's check of the connection, the other databases keeping
 * the operation as written. A fix this module cannot guard (one whose steps the others cannot skip) says so.
 */
import type { Database, Migration, ReportedFinding } from "../model.js";
import { DATABASE_LABEL } from "../database/names.js";
import { djangoOnPostgresql } from "./django-on-postgresql.js";
import { alembicOnPostgresql, alembicWholeOnPostgresql } from "./alembic-on-postgresql.js";
import { isPostgresqlOnlySql } from "./postgresql-only-sql.js";
import { rubyReaders, rubyReadersLoaded } from "../adapters/rails/ruby-readers.js";
import { commentMarker } from "../rules/support/fix.js";

/**
 * Rules whose Django fixes reach the same schema as the flagged operation by gentler locks (an index built
 * CONCURRENTLY, a constraint NOT VALID then validated, a UNIQUE on a prebuilt index): every step of them is either
 * PostgreSQL's way of the plain operation, which the others run instead, or PostgreSQL-only work they can skip.
 */
/** Rules whose Alembic fix is PostgreSQL's way from end to end (a trigger, a ctid backfill, a plpgsql swap): all of it guarded. */
const WHOLE_RULES = ["column-type-change"];
const LOCK_RULES = ["index-without-concurrently", "unique-constraint-without-index", "set-not-null", "constraint-without-not-valid", "drop-index-without-concurrently", "validate-in-same-transaction"];
const GUARDED: Partial<Record<Migration["framework"], ReadonlySet<string>>> = { django: new Set(LOCK_RULES), rails: new Set(LOCK_RULES), alembic: new Set([...LOCK_RULES, ...WHOLE_RULES]) };

/** The fix with its PostgreSQL-only steps behind the framework's check of the connection; undefined when it cannot be. */
function guardedFix(framework: Migration["framework"], rule: string, fix: string, original: string | undefined): string | undefined {
  try {
    if (framework === "alembic" && WHOLE_RULES.includes(rule)) return alembicWholeOnPostgresql(fix, original);
    return guardedIn(framework, fix, original);
  } catch {
    return undefined; // not read: the fix is shown as PostgreSQL's, said so
  }
}

function guardedIn(framework: Migration["framework"], fix: string, original: string | undefined): string | undefined {
  if (framework === "django") return djangoOnPostgresql(fix, original);
  if (framework === "alembic") return alembicOnPostgresql(fix, original);
  // Prism is there: the migration is a Rails one, whose adapter loaded the Ruby readers
  if (framework === "rails" && rubyReadersLoaded()) return rubyReaders().railsOnPostgresql(fix, original);
  return undefined;
}

const CHECK: Partial<Record<Migration["framework"], string>> = { django: "connection.vendor", rails: "connection.adapter_name", alembic: "the connection's dialect" };

const list = (databases: readonly Database[]) => databases.map((d) => DATABASE_LABEL[d]).join(" and ");

/** The finding of a rule that speaks for `ruleDatabases`, for a migration that also runs on `migration.alsoRunsOn`. */
export function portableFinding(finding: ReportedFinding, migration: Migration, ruleDatabases: readonly Database[], original?: string): ReportedFinding {
  const others = (migration.alsoRunsOn ?? []).filter((d) => !ruleDatabases.includes(d));
  if (migration.database !== "postgresql" || !ruleDatabases.includes("postgresql")) return finding;
  if (others.length === 0) return withPostgresqlSqlGuarded(finding, migration);
  const message = `${finding.message} This concerns the PostgreSQL installations: the project also runs on ${list(others)}.`;
  if (!finding.fix) return { ...finding, message };
  const guarded = GUARDED[migration.framework]?.has(finding.rule) ? guardedFix(migration.framework, finding.rule, finding.fix, original) : undefined;
  // nothing in it was PostgreSQL's own: it runs everywhere as it is
  if (guarded === finding.fix) return { ...finding, message };
  if (guarded) return { ...finding, message, fix: `# PostgreSQL's way on PostgreSQL only (${CHECK[migration.framework]}), the operation as written on ${list(others)}:\n${guarded}` };
  // in the fix's own language: a SQL folder a Rust crate runs on PostgreSQL or SQLite (database/crate-databases.ts) too
  return { ...finding, message, fix: `${commentMarker(migration.framework)} for PostgreSQL installations only: ${list(others)} cannot run this; there, keep the migration as written\n${finding.fix}` };
}

/**
 * The finding of a rule that speaks for every database, whose Alembic fix may still send SQL only PostgreSQL runs
 * (down-does-not-undo-up's DROP TYPE of an enum: SQLite made no type): that SQL on PostgreSQL only.
 */
function withPostgresqlSqlGuarded(finding: ReportedFinding, migration: Migration): ReportedFinding {
  const others = (migration.alsoRunsOn ?? []).filter((d) => d !== "postgresql");
  if (!finding.fix || migration.framework !== "alembic" || others.length === 0) return finding;
  let guarded: string | undefined;
  try {
    guarded = alembicOnPostgresql(finding.fix, undefined, isPostgresqlOnlySql);
  } catch {
    return finding; // not read: shown as it is
  }
  return guarded && guarded !== finding.fix ? { ...finding, fix: guarded } : finding;
}
