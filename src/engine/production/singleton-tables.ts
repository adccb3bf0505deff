/**
 * Lock findings on a table that holds one row: an index build, scan or rewrite of it, or a SQL data change of that
 * table alone that reads no other one, is brief, so the finding becomes a note that says why and keeps the safe fix. Two things prove one row:
 * the table's own constraints (one-row-constraint.ts: a single-column primary key a CHECK pins to one value), or a
 * Django model that extends django-solo's `solo.models.SingletonModel` (directly or through the project's own base),
 * whose one row `get_solo()` creates and reads ever after while its `save()` keeps the one key, or Wagtail's
 * `BaseGenericSetting` (one row, `load()`). A Wagtail site setting (`BaseSiteSetting`, the older `BaseSetting`) holds
 * one row per Wagtail site (its `site` is a OneToOneField): as few rows as the sites, brief the same way. Not for lock waits
 * (require-lock-timeout, lock-table's hold: a queue forms behind a one-row hot table too), nor for a key's type
 * change (the columns of other tables that reference the key are rewritten with it, and those may be large), and
 * a production snapshot that measured the table wins.
 *
 * The Django model is read from the application's code as it is now: the app's model files beside its migrations,
 * then the rest of the code (a project's own singleton base may live in another app) only when the app's own files
 * leave a base unresolved, so most lints read nothing more.
 */
import { djangoModelsApp, readDjangoModels } from "../code/django-models.js";
import { appModel, asBounded, type DjangoSingleton } from "../code/django-singleton.js";
import type { Migration, Operation, ReportedFinding } from "../model.js";
import { djangoAppOf } from "../paths.js";
import type { RepositoryView } from "../repository/repository-view.js";
import type { LockWork } from "./estimates.js";
import type { Production } from "./production.js";
import { measuredInSnapshot, tablesOf, workOf } from "./size-aware.js";
import { oneRowConstraint } from "./one-row-constraint.js";

/** Bases that say nothing more: a plain Django model. */
const PLAIN_BASES = new Set(["models.Model", "django.db.models.Model", "Model"]);

/** A type change of a key: Django alters the referencing columns of other tables with it. */
export function changesKey(op: Operation, repository: RepositoryView): boolean {
  if (op.kind !== "alter_column_type" && op.kind !== "redefine_column") return false;
  const column = op.kind === "alter_column_type" ? op.column : op.column.name;
  return column === "id" || repository.columnKeys(op.table, column).referencing.length > 0;
}

/**
 * A data change whose duration is not its table's: a statement that reads other tables (UPDATE ... FROM, a subquery,
 * INSERT ... SELECT) or code migguard does not follow (a data step), which may scan a large table under the lock.
 */
export const readsOthers = (op: Operation): boolean => op.kind === "data_migration" || (op.kind === "dml" && op.sourceTables.length > 0);

/** The model with a row-bounding base (django-solo, Wagtail settings) the op's model is, reading the code only as far as it takes. */
function singletonOf(ormModel: string, migration: Migration, repository: RepositoryView): DjangoSingleton | undefined {
  const app = djangoAppOf(migration.path);
  const own = repository.djangoModels();
  const model = appModel(own, app, ormModel);
  const found = model && asBounded(model, own);
  // a model of the app's own files that extends a plain Django model only is no singleton: nothing more to read
  if (found || (model && model.bases.every((b) => PLAIN_BASES.has(b)))) return found;
  const seen = new Set(repository.djangoModelFiles().map((f) => f.path));
  const more = repository.applicationCode().filter((f) => djangoModelsApp(f.path) !== undefined && !seen.has(f.path));
  if (!more.length) return undefined;
  const all = [...own, ...readDjangoModels(more)];
  const wider = appModel(all, app, ormModel);
  return wider && asBounded(wider, all);
}

/** What proves the table holds one row, as the note says it. */
function oneRowReason(op: Operation, index: number, migration: Migration, repository: RepositoryView, singleton: (ormModel: string) => DjangoSingleton | undefined): { says: string; detail: string } | undefined {
  const table = tablesOf(op)[0];
  const found = op.ormModel && migration.framework === "django" ? singleton(op.ormModel) : undefined;
  if (found) {
    const holds = found.rows === "one" ? "one row" : "one row per Wagtail site";
    return {
      says: `${found.model} (${found.path}) is ${found.kind} (${found.chain.join(" extends ")}): ${table} holds ${holds}, ${found.writer}`,
      detail: `${found.rows === "one" ? "singleton" : "per-site setting"} table: the model extends ${found.chain.at(-1)} in the application's code as it is now`,
    };
  }
  const constraint = oneRowConstraint(table, migration, index, repository);
  if (!constraint) return undefined;
  return {
    says: `${table} holds at most one row (its primary key ${constraint.column} is pinned to one value by CHECK ${constraint.check} (\`${constraint.expression}\`): PostgreSQL refuses a second one)`,
    detail: "one-row table: a single-column primary key and a validated CHECK that allows one value of it, as the earlier migrations leave them",
  };
}

/** The finding as a note when its one table holds one row; unchanged otherwise. */
export function withSingletonTable(
  finding: ReportedFinding,
  op: Operation | undefined,
  index: number,
  migration: Migration,
  repository: RepositoryView,
  singleton: (ormModel: string) => DjangoSingleton | undefined,
  production?: Production,
  reported?: LockWork,
): ReportedFinding {
  const work = workOf(finding.rule, op, reported);
  if (!op || finding.severity === "info" || !work || work === "hold") return finding;
  // one table: a data change or rewrite that also reaches another table lasts as long as that one's share
  if (tablesOf(op).length !== 1 || changesKey(op, repository) || readsOthers(op)) return finding;
  if (measuredInSnapshot(op, production)) return finding;
  const reason = oneRowReason(op, index, migration, repository, singleton);
  if (!reason) return finding;
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} ${reason.says}, so the lock is brief.`,
    details: [...finding.details, `${reason.detail}; a production snapshot (--snapshot) gives the table's real size`],
  };
}

/** Every lock finding of one migration, seen against tables that hold one row; the code is read only for Django candidates. */
export function againstSingletonTables<R extends { finding: ReportedFinding; op?: Operation; work?: LockWork }>(
  raw: readonly R[],
  migration: Migration,
  indexOf: (op: Operation) => number,
  repository: RepositoryView,
  production?: Production,
): R[] {
  const known = new Map<string, DjangoSingleton | undefined>();
  const singleton = (ormModel: string) => {
    const key = ormModel.toLowerCase();
    if (!known.has(key)) known.set(key, singletonOf(ormModel, migration, repository));
    return known.get(key);
  };
  return raw.map((r) => ({ ...r, finding: withSingletonTable(r.finding, r.op, r.op ? indexOf(r.op) : -1, migration, repository, singleton, production, r.work) }));
}
