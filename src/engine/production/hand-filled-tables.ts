/**
 * Lock findings on a table whose rows no running code creates: a lookup, configuration or catalogue table that
 * migrations, seeds, fixtures, tests or people in an admin fill. It holds as many rows as people or setup put there,
 * so an index build, scan or rewrite of it is brief, and the finding becomes a note that says why, names the
 * evidence and keeps its safe fix (for the day code starts creating rows). The table's name says nothing here; the
 * evidence is the code that filled the table, read whole (a bound that stopped the reading proves nothing): the
 * application's code as it is now, or in a review the base branch's, which ran until this deploy (takahe's Block:
 * blocking ships with the migration that builds its unique index, so the table is empty where the old code ran):
 * - Django: the table's model, and every use of its class outside migrations and tests (django-row-creators.ts: any
 *   use that is not a read counts: a call, a form's or serializer's `model = X`, a management command's import). Its
 *   registration in the admin is people typing, and said so. Related managers create rows without naming the class
 *   (`parent.children.create()`): each relation of its own has a reverse manager whose name is known and followed
 *   (none built at run time), and no many-to-many field targets it or goes through it; it extends a plain Django
 *   model, or the project's own abstract ones that create nothing either.
 * - Rails (rails-row-creators.ts): the table's model class, and every use of its constant under app/, lib/ and config/
 *   that is not a plain read; no `belongs_to` or has_and_belongs_to_many of its own, no association elsewhere that
 *   reaches its rows, no subclass (single-table inheritance), no controller named after it (a generic resource
 *   controller creates rows without naming the class). An admin DSL's registration is people typing.
 * Plain SQL and Alembic have no model to read: their findings stay. The same lock findings as singleton-tables.ts
 * (not lock waits, nor a key's type change), and a production snapshot that measured the table wins.
 */
import { djangoClassBodyCreators, djangoRowCreators, type RowCreator } from "../code/django-row-creators.js";
import { djangoTable, readDjangoModels, type DjangoModel } from "../code/django-models.js";
import { isTestPath } from "../code/test-paths.js";
import { lastSegment } from "../adapters/python/imports.js";
import type { Migration, Operation, ReportedFinding, SourceFile } from "../model.js";
import { djangoAppOf } from "../paths.js";
import type { RepositoryView } from "../repository/repository-view.js";
import type { LockWork } from "./estimates.js";
import type { Production } from "./production.js";
import { measuredInSnapshot, tablesOf, workOf } from "./size-aware.js";
import { changesKey, readsOthers } from "./singleton-tables.js";
import { rubyReaders, rubyReadersLoaded } from "../adapters/rails/ruby-readers.js";
import { ChangePlan } from "../rules/support/change-plan.js";
import { baseBranchCodeOf } from "../rules/support/base-branch-code.js";

/** A model no running code creates rows of, as the note names it. */
export interface HandFilled {
  model: string;
  path: string;
  /** where people create its rows in an admin, when it is registered there */
  admin?: { path: string; line: number; what: string };
}

const PLAIN_BASES = new Set(["models.Model", "django.db.models.Model", "Model"]);
const inMigrations = (path: string) => path.split("/").includes("migrations");

/** The Python code that runs in production, and its models: read once per analysis. */
interface DjangoCode {
  files: SourceFile[];
  models: DjangoModel[];
  verdicts: Map<string, HandFilled | undefined>;
}
const djangoCodes = new WeakMap<readonly SourceFile[], DjangoCode>();

function djangoCode(code: readonly SourceFile[]): DjangoCode {
  let read = djangoCodes.get(code);
  if (!read) {
    const files = code.filter((f) => f.path.endsWith(".py") && !isTestPath(f.path) && !inMigrations(f.path));
    read = { files, models: readDjangoModels(files), verdicts: new Map() };
    djangoCodes.set(code, read);
  }
  return read;
}

/**
 * The model's bases create no rows of it: plain Django models, or the project's own abstract models (one of the name
 * only) without relations, whose class bodies create nothing, on bases of the same kind. A library's base may create
 * rows (a tree's `add_child`) or bring relations: not followed, so not proved.
 */
function plainBases(model: DjangoModel, code: DjangoCode, seen = new Set<DjangoModel>()): boolean {
  if (seen.has(model)) return false;
  seen.add(model);
  return model.bases.every((base) => {
    if (PLAIN_BASES.has(base)) return true;
    const local = code.models.filter((m) => m.className === lastSegment(base));
    if (local.length !== 1 || !local[0].abstract || local[0].relations.length > 0) return false;
    const file = code.files.find((f) => f.path === local[0].path);
    return file !== undefined && djangoClassBodyCreators(local[0].className, file).length === 0 && plainBases(local[0], code, seen);
  });
}

/** A verdict whose reading of the code failed (a file too deeply nested to parse) proves nothing: the finding stays. */
function proved(verdict: () => HandFilled | undefined): HandFilled | undefined {
  try {
    return verdict();
  } catch {
    return undefined;
  }
}

/** Where the admin registration the note names is: the first one found. */
const adminOf = (creators: readonly RowCreator[]) => creators.find((c) => c.admin);

function djangoVerdict(model: DjangoModel, table: string, code: DjangoCode): HandFilled | undefined {
  // a related manager creates rows without naming the class: its own relations' reverse managers (followed by their
  // names: `identity.outbound_blocks.create(...)`, none when a name is built at run time), and many-to-many fields
  // that target it or go through it
  const accessors = model.relations.map((r) => r.reverseName);
  if (accessors.some((a) => a === undefined) || !plainBases(model, code)) return undefined;
  if (code.models.some((m) => m.relations.some((r) => (r.many && r.target === model.className) || r.through === model.className))) return undefined;
  const creators = djangoRowCreators(model.className, code.files, accessors as string[]);
  if (creators.some((c) => !c.admin)) return undefined;
  // SQL in the code that names the table (a cursor's INSERT) is not read: the table named outside its model's file is no proof
  if (code.files.some((f) => f.path !== model.path && f.content.includes(table))) return undefined;
  const admin = adminOf(creators);
  return { model: model.className, path: model.path, ...(admin ? { admin: { path: admin.path, line: admin.line, what: "the Django admin" } } : {}) };
}

/** The Django model of the op's table when no running code creates its rows; the code is read only when asked. */
function djangoHandFilled(ormModel: string, table: string, migration: Migration, repository: RepositoryView, change: ChangePlan): HandFilled | undefined {
  const code = readCode(repository, change);
  if (!code) return undefined;
  const read = djangoCode(code);
  const app = djangoAppOf(migration.path);
  const key = `${app}.${ormModel.toLowerCase()}:${table}`;
  if (read.verdicts.has(key)) return read.verdicts.get(key);
  const found = read.models.filter((m) => !m.abstract && m.appLabel === app && m.className.toLowerCase() === ormModel.toLowerCase());
  // one model of that name in the app, whose table is the op's (db_table read the same way the migration names it)
  const model = found.length === 1 && djangoTable(found[0]).toLowerCase() === table.toLowerCase() ? found[0] : undefined;
  const verdict = model && proved(() => djangoVerdict(model, djangoTable(model), read));
  read.verdicts.set(key, verdict);
  return verdict;
}

const RUBY_CODE = /\.(?:rb|rake|jbuilder|ru)$/;
/** Ruby of the application that runs in production: not db/ (seeds, schema), not tests or specs. */
const runsInProduction = (path: string) => RUBY_CODE.test(path) && !isTestPath(path) && !path.split("/").includes("db");
const railsFiles = new WeakMap<readonly SourceFile[], { files: SourceFile[]; verdicts: Map<string, HandFilled | undefined> }>();

/** The Active Record model of the op's table when no running code creates its rows; the code is read only when asked. */
function railsHandFilled(table: string, repository: RepositoryView, change: ChangePlan): HandFilled | undefined {
  if (!rubyReadersLoaded()) return undefined;
  const code = readCode(repository, change);
  if (!code) return undefined;
  let read = railsFiles.get(code);
  if (!read) railsFiles.set(code, (read = { files: code.filter((f) => runsInProduction(f.path)), verdicts: new Map() }));
  const model = repository.model(table);
  const key = `${model?.path}:${model?.className}:${table}`;
  if (read.verdicts.has(key)) return read.verdicts.get(key);
  const modelFile = model && read.files.find((f) => f.path === model.path);
  let verdict: HandFilled | undefined;
  if (model && modelFile) {
    verdict = proved(() => {
      const creators = rubyReaders().railsRowCreators(model.className, table, modelFile, read.files);
      const admin = adminOf(creators);
      return creators.some((c) => !c.admin) ? undefined : { model: model.className, path: model.path, ...(admin ? { admin: { path: admin.path, line: admin.line, what: "the admin" } } : {}) };
    });
  }
  read.verdicts.set(key, verdict);
  return verdict;
}

/** The model of the op's one table that no running code fills, for the migration's framework. */
function handFilledModel(op: Operation, migration: Migration, repository: RepositoryView, change: ChangePlan): HandFilled | undefined {
  const table = tablesOf(op)[0];
  if (migration.framework === "django" && op.ormModel && !op.ormModelBuiltBy) return djangoHandFilled(op.ormModel, table, migration, repository, change);
  if (migration.framework === "rails") return railsHandFilled(table, repository, change);
  return undefined;
}

/**
 * The code whose inserts filled the table: in a review the base branch's (base-branch-code.ts), which ran until
 * this deploy, since the change's code starts only after the migration; otherwise the application's code as it is.
 * Undefined when it was not read whole.
 */
function readCode(repository: RepositoryView, change: ChangePlan): readonly SourceFile[] | undefined {
  if (change.files) return baseBranchCodeOf(change, repository);
  const code = repository.applicationCode();
  return code.length === 0 || !repository.applicationCodeComplete() ? undefined : code;
}

/** The finding as a note when no running code creates its one table's rows; unchanged otherwise. */
export function withHandFilledTable(finding: ReportedFinding, op: Operation | undefined, migration: Migration, repository: RepositoryView, production?: Production, reported?: LockWork, change: ChangePlan = ChangePlan.none): ReportedFinding {
  const work = workOf(finding.rule, op, reported);
  if (!op || finding.severity === "info" || !work || work === "hold") return finding;
  // one table: a data change or rewrite that also reaches another table lasts as long as that one's share
  if (tablesOf(op).length !== 1 || changesKey(op, repository) || readsOthers(op)) return finding;
  if (measuredInSnapshot(op, production)) return finding;
  const found = handFilledModel(op, migration, repository, change);
  if (!found) return finding;
  const table = tablesOf(op)[0];
  const admin = found.admin ? `; people add them in ${found.admin.what} (${found.admin.path}:${found.admin.line})` : "";
  const code = change.files ? "the base branch's code (what the servers run until this deploy)" : "the application's code";
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} Nothing in ${code} creates rows of ${found.model} (${found.path}) outside migrations, seeds and tests, nor through a relation${admin}: ${table} holds the rows people or setup put there, so the lock is brief.`,
    details: [...finding.details, "hand-filled table: the application's code as it is now creates none of its rows; a production snapshot (--snapshot) gives the table's real size"],
  };
}

/** Every lock finding of one migration, seen against tables no running code fills; the code is read only for a candidate. */
export function againstHandFilledTables<R extends { finding: ReportedFinding; op?: Operation; work?: LockWork }>(raw: readonly R[], migration: Migration, repository: RepositoryView, production?: Production, change: ChangePlan = ChangePlan.none): R[] {
  if (migration.framework !== "django" && migration.framework !== "rails") return [...raw];
  return raw.map((r) => ({ ...r, finding: withHandFilledTable(r.finding, r.op, migration, repository, production, r.work, change) }));
}
