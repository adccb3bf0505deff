/**
 * Lock findings on a Django singleton's table: a model that extends django-solo's `solo.models.SingletonModel`
 * (directly or through the project's own base) holds one row, which `get_solo()` creates and reads ever after, and
 * its `save()` keeps the one key, so an index build, scan or rewrite of its table, or a data change of that table
 * alone, is brief. The finding becomes a note that says why and keeps the safe fix. Not for lock waits
 * (require-lock-timeout, lock-table's hold: a queue forms behind a one-row hot table too), nor for a key's type
 * change (Django rewrites the columns of other tables that reference the key with it, and those may be large), and
 * a production snapshot that measured the table wins.
 *
 * The model is read from the application's code as it is now: the app's model files beside its migrations, then
 * the rest of the code (a project's own singleton base may live in another app) only when the app's own files
 * leave a base unresolved, so most lints read nothing more.
 */
import { djangoModelsApp, readDjangoModels, type DjangoModel } from "../code/django-models.js";
import { singletonChain } from "../code/django-singleton.js";
import type { Migration, Operation, ReportedFinding } from "../model.js";
import { djangoAppOf } from "../paths.js";
import type { RepositoryView } from "../repository/repository-view.js";
import type { LockWork } from "./estimates.js";
import type { Production } from "./production.js";
import { measuredInSnapshot, tablesOf, workOf } from "./size-aware.js";

export interface SingletonTable {
  model: string;
  path: string;
  /** the classes from the model to solo.models.SingletonModel */
  chain: string[];
}

/** Bases that say nothing more: a plain Django model. */
const PLAIN_BASES = new Set(["models.Model", "django.db.models.Model", "Model"]);

/** A type change of a key: Django alters the referencing columns of other tables with it. */
function changesKey(op: Operation, repository: RepositoryView): boolean {
  if (op.kind !== "alter_column_type" && op.kind !== "redefine_column") return false;
  const column = op.kind === "alter_column_type" ? op.column : op.column.name;
  return column === "id" || repository.columnKeys(op.table, column).referencing.length > 0;
}

/** The django-solo singleton the op's model is, reading the code only as far as it takes. */
function singletonOf(ormModel: string, migration: Migration, repository: RepositoryView): SingletonTable | undefined {
  const app = djangoAppOf(migration.path);
  const find = (models: readonly DjangoModel[]) => models.find((m) => !m.abstract && m.appLabel === app && m.className.toLowerCase() === ormModel.toLowerCase());
  const own = readDjangoModels(repository.djangoModelFiles());
  let model = find(own);
  let chain = model && singletonChain(model, own);
  if (!chain && (!model || model.bases.some((b) => !PLAIN_BASES.has(b)))) {
    const seen = new Set(repository.djangoModelFiles().map((f) => f.path));
    const more = repository.applicationCode().filter((f) => djangoModelsApp(f.path) !== undefined && !seen.has(f.path));
    if (more.length) {
      const all = readDjangoModels([...repository.djangoModelFiles(), ...more]);
      model = find(all);
      chain = model && singletonChain(model, all);
    }
  }
  return model && chain ? { model: model.className, path: model.path, chain } : undefined;
}

/** The finding as a note when its one table is a django-solo singleton's; unchanged otherwise. */
export function withSingletonTable(
  finding: ReportedFinding,
  op: Operation | undefined,
  repository: RepositoryView,
  singleton: (ormModel: string) => SingletonTable | undefined,
  production?: Production,
  reported?: LockWork,
): ReportedFinding {
  const work = workOf(finding.rule, op, reported);
  if (!op?.ormModel || finding.severity === "info" || !work || work === "hold") return finding;
  // one table: a data change or rewrite that also reaches another table lasts as long as that one's share
  if (tablesOf(op).length !== 1 || changesKey(op, repository)) return finding;
  if (measuredInSnapshot(op, production)) return finding;
  const found = singleton(op.ormModel);
  if (!found) return finding;
  const table = tablesOf(op)[0];
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} ${found.model} (${found.path}) is a django-solo singleton (${found.chain.join(" extends ")}): ${table} holds one row, which get_solo() creates and no code adds to, so the lock is brief.`,
    details: [...finding.details, "singleton table: the model extends solo.models.SingletonModel in the application's code as it is now; a production snapshot (--snapshot) gives the table's real size"],
  };
}

/** Every lock finding of one Django migration, seen against singleton models; the code is read only for candidates. */
export function againstSingletonTables<R extends { finding: ReportedFinding; op?: Operation; work?: LockWork }>(raw: readonly R[], migration: Migration, repository: RepositoryView, production?: Production): R[] {
  if (migration.framework !== "django") return [...raw];
  const known = new Map<string, SingletonTable | undefined>();
  const singleton = (ormModel: string) => {
    const key = ormModel.toLowerCase();
    if (!known.has(key)) known.set(key, singletonOf(ormModel, migration, repository));
    return known.get(key);
  };
  return raw.map((r) => ({ ...r, finding: withSingletonTable(r.finding, r.op, repository, singleton, production, r.work) }));
}
