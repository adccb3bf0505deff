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
import type { Migration, Operation, OperationOf, ReportedFinding } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
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
  /** a range partition whose rows start well after this migration's date (futurePartition): empty when it runs, whatever its age */
  ahead?: { parent: string; from: string; days: number };
}

/**
 * How far after a migration's date a range partition's FOR VALUES FROM bound must lie for the partition to be taken as
 * empty when the migration runs: half a year. A migration runs some time after its version date (review, a release
 * train: weeks; a long-lived branch: a few months), and time-keyed rows may be written ahead of today (forecasts,
 * bookings, scheduled events: days to weeks); six months clears both. A partition the history only creates (no rows
 * copied into it) and whose range starts later than that holds no rows yet: building its index is instant (judged on
 * nowcasting_datamodel 3a8ad17b57a3, a 2025-06 migration indexing monthly partitions of 2027 to 2029).
 */
export const FUTURE_PARTITION_DAYS = 180;

/** `table` is a range partition an earlier migration created (CREATE TABLE ... PARTITION OF ... FOR VALUES FROM) whose range starts FUTURE_PARTITION_DAYS or more after `date`. */
function futurePartition(table: string, repository: RepositoryView, date: Date, byGit: boolean): Young | undefined {
  const birth = repository.tableBirth(table);
  if (!birth || birth.filled) return undefined;
  const create = birth.creator.up.find((o): o is OperationOf<"create_table"> => o.kind === "create_table" && nameKey(o.table) === nameKey(table) && !!o.partitionOf && o.rangeFrom !== undefined);
  // a date, or a timestamp that starts with one ('2027-08-01 00:00:00+00'): other keys (ids, numbers) say nothing of time
  const day = create?.rangeFrom && /^(\d{4})-(\d{2})-(\d{2})(?![\d])/.exec(create.rangeFrom);
  if (!create || !day) return undefined;
  const from = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  const days = daysBetween(date, from);
  if (Number.isNaN(days) || days < FUTURE_PARTITION_DAYS) return undefined;
  return { table, days: 0, creator: birth.creator, byGit, ahead: { parent: create.partitionOf!, from: create.rangeFrom!, days } };
}

/**
 * How the migration and the creators of its tables are dated: by their versions; when the migration's version
 * carries no date (sequence numbers: 0053_alter_x.up.sql, goose's 00012), by when git says each reached the branch
 * (lint's git fact: its first-parent commit's time), which dates a numbered folder's migrations alike.
 */
interface Dating {
  date: Date;
  dateOf: (m: Migration) => Date | undefined;
  byGit: boolean;
}

function datingOf(migration: Migration, shipped: ShippedTogether | undefined): Dating | undefined {
  const date = migrationDate(migration);
  if (date) return { date, dateOf: migrationDate, byGit: false };
  const added = shipped?.dateOf(migration.path);
  return added && shipped ? { date: added, dateOf: (m) => shipped.dateOf(m.path), byGit: true } : undefined;
}

/**
 * Each table the op works on was created by an earlier, dated migration at most `config.young_table.days` before this
 * one, or was proven empty by one (a NOT NULL column added without a default, which runs only on an empty table).
 */
function youngTables(op: Operation | undefined, migration: Migration, repository: RepositoryView, config: Config, shipped: ShippedTogether | undefined, dating: Dating | undefined): Young[] | undefined {
  if (!dating) return undefined;
  const { date, dateOf, byGit } = dating;
  const within = (y: Young) => y.ahead !== undefined || (y.days >= 0 && y.days <= config.young_table.days);
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
    const ahead = futurePartition(table, repository, date, byGit);
    if (ahead) return ahead;
    const by = repository.tableEmptiedBy(table);
    const emptied = by && dateOf(by);
    return emptied ? { table, days: daysBetween(emptied, date), creator: by, emptied: true, byGit } : undefined;
  });
  return young.every((y): y is Young => y !== undefined && within(y)) ? young : undefined;
}

const ago = (days: number) => (days === 0 ? "the same day" : days === 1 ? "1 day earlier" : `${days} days earlier`);

/** How the table came to be young: created, or proven empty, by an earlier migration. */
const youngBecause = ({ table, days, creator, emptied, founded, byGit, ahead }: Young): string =>
  ahead
    ? `${table} is a range partition of ${ahead.parent} for rows from '${ahead.from}' on (created by ${migrationLabel(creator.path)}), ${ahead.days} days after this migration's date`
    : emptied
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
  const young = youngTables(op, migration, repository, config, undefined, datingOf(migration, undefined));
  if (!young?.length) return undefined;
  const oldest = young.reduce((a, y) => (y.days > a.days ? y : a));
  return { table: oldest.table, created: youngBecause(oldest) };
}

/**
 * The finding as a note when its table is young (a warning when an app's 0001_initial dates it, unless git shows that
 * migration founded its folder); unchanged otherwise. `dating`: the migration's (datingOf), when the caller has it.
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
  dating: Dating | undefined = datingOf(migration, shipped),
): ReportedFinding {
  const work = workOf(finding.rule, op, reported);
  // a rule's own warning too: else it would outrank an error lowered here on the same young table
  if (finding.severity === "info" || !work || config.young_table.days === 0) return finding;
  // the snapshot's size is a measurement: withTableSize already judged the table
  if (measuredInSnapshot(op, production)) return finding;
  const young = youngTables(op, migration, repository, config, shipped, dating);
  if (!young) return finding;
  // the evidence the note rests on: an app's first migration (git says so) before a plain dated one; a young table
  // before a partition for rows still ahead (its age is what may have filled it)
  const aged = young.filter((y) => !y.ahead);
  const oldest = aged.length ? aged.reduce((a, y) => (y.days > a.days || (y.days === a.days && y.founded && !a.founded) ? y : a)) : young[0];
  const likely = oldest.ahead
    ? `it holds no rows until then, so the lock is likely brief; if rows dated that far ahead are written already`
    : undefined;
  return {
    ...finding,
    // an app's 0001_initial may be a reset's (same-deploy-tables.ts refuses its tables the empty note for that)
    severity: young.some((y) => y.appInitial && !y.founded) ? "warning" : "info",
    message: likely
      ? `${finding.message} ${youngBecause(oldest)}: ${likely}, the lock lasts as long as ${work === "hold" ? "the queries already running on it" : WHAT_LASTS[work]}, so take the safe way below.`
      : work === "hold"
        ? `${finding.message} ${youngBecause(oldest)}: a young table is usually small and little queried, so the lock is likely brief; if long queries already run on it, the statement waits behind them and every query on the table queues behind it, so take the safe way below.`
        : `${finding.message} ${youngBecause(oldest)}: a young table is usually small, so the lock is likely brief; if it already holds many rows, the lock lasts as long as ${WHAT_LASTS[work]}, so take the safe way below.`,
    details: [
      ...finding.details,
      ...(aged.length ? [`young table: created (or proven empty) at most ${config.young_table.days} days before this migration, by ${dating?.byGit ? "the dates git says they reached the branch (their versions carry no date)" : "their version dates"} (config young_table.days); a production snapshot (--snapshot) gives its real size`] : []),
      ...(young.some((y) => y.ahead) ? [`future partition: its FOR VALUES FROM bound lies at least ${FUTURE_PARTITION_DAYS} days after this migration's date, later than a deploy usually waits and than rows are usually written ahead`] : []),
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
  if (config.young_table.days === 0 || raw.every((r) => r.finding.severity === "info")) return [...raw];
  // dated once for all its findings
  const dating = datingOf(migration, shipped);
  if (!dating) return [...raw];
  return raw.map((r) => ({ ...r, finding: withTableAge(r.finding, r.op, migration, repository, config, production, r.work, shipped, dating) }));
}
