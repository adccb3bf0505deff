/**
 * Lock findings in the light of the repository's own history when no snapshot says how big the table is: a
 * table an earlier migration created a few days or weeks before this one (by their version dates) is usually
 * still small, so an index build, scan or rewrite of it is likely brief. The finding stays, as a note (info) that
 * says why, with its safe alternative: a young table can already hold many rows (a busy feature, a backfill), but
 * judges found a warning there nothing to act on (config.ts young_table: 2 of 38 audited were true). A table a
 * Django app's `0001_initial` created keeps the warning: that migration may be a reset's, written over old, full
 * tables (same-deploy-tables.ts refuses it the empty note for the same reason). Unless git shows that
 * `0001_initial` among the first files its folder ever had, never modified since (lint's git fact,
 * shipped-together.ts): a reset deletes earlier migrations of the folder or rewrites the file in place, so this one
 * is the app's first migration and its tables were born on its date (bluebottle's activity_pub app, 2025-09).
 * For the lock rules (WORK_BY_RULE), as a production snapshot's small table makes every one of them a note: work that
 * grows with the table (index, scan, rewrite) and a statement that only holds its lock (DROP INDEX, LOCK TABLE), which
 * waits only behind the queries already running, short on a table this new (publish-teacher-training's drop_index
 * was a warning beside the note of the add_index that followed it on the same young table). Findings about waiting
 * for a lock without a lock_timeout (require-lock-timeout) are left alone: that queue forms behind a small hot table too. A table filled from another one (CREATE TABLE AS, INSERT ... SELECT) is not guessed
 * small, nor one a squash or baseline wrote down (its date is the squash's); a production snapshot that has the
 * table wins over the guess.
 */
import type { Config } from "../config.js";
import type { Migration, Operation, ReportedFinding } from "../model.js";
import type { RepositoryView } from "../repository/repository-view.js";
import { daysBetween, migrationDate } from "../repository/migration-date.js";
import { migrationLabel } from "../paths.js";
import type { Production } from "./production.js";
import { measuredInSnapshot, tablesOf, workOf } from "./size-aware.js";
import { tableAges } from "./table-ages.js";
import type { LockWork } from "./estimates.js";
import type { ShippedTogether } from "./shipped-together.js";

const WHAT_LASTS: Record<LockWork, string> = { index: "the index build", scan: "the scan", rewrite: "the rewrite", write: "the data change" };

interface Young {
  table: string;
  days: number;
  creator: Migration;
  /** the creator did not create the table but proved it empty (empty-proofs.ts) */
  emptied?: boolean;
  /**
   * the creator is a Django app's `0001_initial` (table-births.ts): the app's first models, or a reset of its
   * migrations that wrote old, full tables down anew; its date is enough for a warning, not a note
   */
  appInitial?: boolean;
  /** git: the commit that added the app's `0001_initial` with the first files of its folder (no reset came before) */
  founded?: string;
  /** dated by when git says the migrations reached the branch (their versions carry no date) */
  byGit?: boolean;
}

/**
 * How the migration and the creators of its tables are dated: by their versions; when the migration's version
 * carries no date (sequence numbers: 0053_alter_x.up.sql, goose's 00012), by when git says each reached the branch
 * (lint's git fact: its first-parent commit's time), which dates a numbered folder's migrations alike.
 */
function datingOf(migration: Migration, shipped: ShippedTogether | undefined): { date: Date; dateOf: (m: Migration) => Date | undefined; byGit: boolean } | undefined {
  const date = migrationDate(migration);
  if (date) return { date, dateOf: migrationDate, byGit: false };
  const added = shipped?.dateOf(migration.path);
  return added && shipped ? { date: added, dateOf: (m) => shipped.dateOf(m.path), byGit: true } : undefined;
}

/**
 * Each table the op works on was created by an earlier, dated migration at most `config.young_table.days` before this
 * one, or was proven empty by one (a NOT NULL column added without a default, which runs only on an empty table).
 */
function youngTables(op: Operation | undefined, migration: Migration, repository: RepositoryView, config: Config, shipped?: ShippedTogether): Young[] | undefined {
  const dating = datingOf(migration, shipped);
  if (!dating) return undefined;
  const { date, dateOf, byGit } = dating;
  const within = (y: Young) => y.days >= 0 && y.days <= config.young_table.days;
  const born = tableAges(op, date, repository, (birth) => !birth.filled, dateOf)?.map(({ table, born, creator, appInitial }) => ({
    table,
    days: daysBetween(born, date),
    creator,
    appInitial,
    founded: appInitial ? shipped?.foundingCommit(creator.path) : undefined,
    byGit,
  }));
  const tables = tablesOf(op);
  if (tables.length === 0) return undefined;
  const young = tables.map((table): Young | undefined => {
    const created = born?.find((b) => b.table === table);
    if (created && within(created)) return created;
    const by = repository.tableEmptiedBy(table);
    const emptied = by && dateOf(by);
    return emptied ? { table, days: daysBetween(emptied, date), creator: by, emptied: true, byGit } : undefined;
  });
  return young.every((y): y is Young => y !== undefined && within(y)) ? young : undefined;
}

const ago = (days: number) => (days === 0 ? "the same day" : days === 1 ? "1 day earlier" : `${days} days earlier`);

/** How the table came to be young: created, or proven empty, by an earlier migration. */
const youngBecause = ({ table, days, creator, emptied, founded, byGit }: Young): string =>
  emptied
    ? `${table} was empty ${ago(days)}: ${migrationLabel(creator.path)} adds a NOT NULL column to it without a default, which PostgreSQL runs only on an empty table`
    : founded
      ? `${table} was created ${ago(days)} by ${migrationLabel(creator.path)}, the app's first migration (git: commit ${founded.slice(0, 10)} added it with the first files of its folder, and later commits kept its makemigrations header, so it is no reset over old tables)`
      : byGit
        ? `${table} was created by ${migrationLabel(creator.path)}, which git says reached this branch ${days === 0 ? "the same day as" : days === 1 ? "1 day before" : `${days} days before`} this migration`
        : `${table} was created ${ago(days)} by ${migrationLabel(creator.path)}`;

/**
 * The oldest of the op's tables when every one is young, for a rule that words its own message (narrowing-type-change:
 * on a young table the rewrite is brief and PostgreSQL loses no value); undefined when one is not, or when a
 * production snapshot measured one (withTableSize judges it then).
 */
export function youngTable(op: Operation, migration: Migration, repository: RepositoryView, config: Config, production?: Production): { table: string; created: string } | undefined {
  if (config.young_table.days === 0) return undefined;
  if (measuredInSnapshot(op, production)) return undefined;
  const young = youngTables(op, migration, repository, config);
  if (!young?.length) return undefined;
  const oldest = young.reduce((a, y) => (y.days > a.days ? y : a));
  return { table: oldest.table, created: youngBecause(oldest) };
}

/**
 * The finding as a note when its table is young (a warning when an app's 0001_initial dates it, unless git shows that
 * migration founded its folder); unchanged otherwise.
 */
export function withTableAge(
  finding: ReportedFinding,
  op: Operation | undefined,
  migration: Migration,
  repository: RepositoryView,
  config: Config,
  production?: Production,
  reported?: LockWork,
  shipped?: ShippedTogether,
): ReportedFinding {
  const work = workOf(finding.rule, op, reported);
  // a rule's own warning too: else it would outrank an error lowered here on the same young table
  if (finding.severity === "info" || !work || config.young_table.days === 0) return finding;
  // the snapshot's size is a measurement: withTableSize already judged the table
  if (measuredInSnapshot(op, production)) return finding;
  const young = youngTables(op, migration, repository, config, shipped);
  if (!young) return finding;
  // the evidence the note rests on: an app's first migration (git says so) before a plain dated one
  const oldest = young.reduce((a, y) => (y.days > a.days || (y.days === a.days && y.founded && !a.founded) ? y : a));
  return {
    ...finding,
    // an app's 0001_initial may be a reset's (same-deploy-tables.ts refuses its tables the empty note for that)
    severity: young.some((y) => y.appInitial && !y.founded) ? "warning" : "info",
    message:
      work === "hold"
        ? `${finding.message} ${youngBecause(oldest)}: a young table is usually small and little queried, so the lock is likely brief; if long queries already run on it, the statement waits behind them and every query on the table queues behind it, so take the safe way below.`
        : `${finding.message} ${youngBecause(oldest)}: a young table is usually small, so the lock is likely brief; if it already holds many rows, the lock lasts as long as ${WHAT_LASTS[work]}, so take the safe way below.`,
    details: [
      ...finding.details,
      `young table: created (or proven empty) at most ${config.young_table.days} days before this migration, by ${datingOf(migration, shipped)?.byGit ? "the dates git says they reached the branch (their versions carry no date)" : "their version dates"} (config young_table.days); a production snapshot (--snapshot) gives its real size`,
      ...(young.some((y) => y.founded) ? ["an app's 0001_initial is taken as its first migration when git shows it added with the first files of its folder and never modified since (a reset deletes or rewrites the migrations before it)"] : []),
    ],
  };
}

/** Every lock finding of one migration, seen against the age of its tables. */
export function againstTableAges<R extends { finding: ReportedFinding; op?: Operation; work?: LockWork }>(
  raw: readonly R[],
  migration: Migration,
  repository: RepositoryView,
  config: Config,
  production?: Production,
  shipped?: ShippedTogether,
): R[] {
  // nothing to lower: git is not asked for a numbered migration's date
  if (config.young_table.days === 0 || raw.every((r) => r.finding.severity === "info") || !datingOf(migration, shipped)) return [...raw];
  return raw.map((r) => ({ ...r, finding: withTableAge(r.finding, r.op, migration, repository, config, production, r.work, shipped) }));
}
