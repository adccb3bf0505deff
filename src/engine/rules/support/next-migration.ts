/**
 * Whole migration files as code, per framework: a fix that splits a migration shows every file of the split as
 * code that runs, never as a comment the developer must turn into code.
 *
 * - `migrationWithout(migration, lines)`: the migration as it becomes without some of its statements, cut out of
 *   its own source by the lines the model gives them (see moved-code.ts for the statements holding operations).
 *   A Python block left empty gets `pass`; a Django `operations` list keeps its commas, since each element is cut
 *   with its own.
 * - `newMigrations(migration, steps)`: new migration files that run after it, each after the one before: Rails
 *   (`class X < ActiveRecord::Migration[v]`, `disable_ddl_transaction!`, `def change` or `def up`/`def down`),
 *   Django (`dependencies`, `atomic`, `operations`), Alembic (`revision`, `down_revision`), and SQL in the
 *   layout's file format, with its runner's no-transaction marker where it has one.
 *
 * Moved statements keep the imports, definitions and locals they read (`MovedCode`); names the renderer adds
 * only when the new file would read them unbound: Django's `migrations`, Alembic's `op` and `sa`.
 */
import { SQLX_NO_TRANSACTION } from "../../adapters/sql/layouts/sqlx.js";
import type { AutocommitPrecedent } from "../../database/alembic-autocommit-precedent.js";
import type { Migration, SourceRange } from "../../model.js";
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import { pythonString } from "./embed-sql.js";
import { djangoApp, djangoDependencies, djangoPredecessors } from "./django-migration.js";
import { freeNames } from "./python-free-names.js";
import { isMysqlFamily } from "./databases.js";
import { rubyReaders } from "../../adapters/rails/ruby-readers.js";
import { railsMigrationSuperclass } from "./rails-version.js";
import { sqlMigrateMarker } from "../../adapters/sql/layouts/sql-migrate.js";
import { ternFile } from "../../adapters/sql/layouts/tern.js";
import { atlasFile } from "../../adapters/sql/layouts/atlas.js";
import { drizzleFile } from "../../adapters/sql/layouts/drizzle.js";
import { railsFileStem, railsMigrationClass } from "./rails-migration-names.js";
import { baseOf, folderPrefix } from "../../paths.js";
import { popSuffix } from "../../database/dialect-file.js";
import { revisionNaming, type RevisionNaming } from "./alembic-revision-naming.js";
import type { NewMigrationChain } from "./new-migration-chain.js";
import { sqlExtensionOf } from "../../sql-file-names.js";
import { versionKey } from "../../migration-versions.js";

/**
 * Rails code copied into a split for a MySQL database, without PostgreSQL's own options (`algorithm: :concurrently`
 * raises there): the copy must run where the migration runs.
 */
const forDatabase = (migration: Migration, rubyText: string): string =>
  migration.framework === "rails" && isMysqlFamily(migration.database) ? rubyReaders().withoutPostgresOptions(rubyText) : rubyText;

/** One new migration: the statements it runs, in the migration's language, with what they read. */
export interface MigrationStep {
  /** what it does, in a few words ("backfill pods"): its file and class name */
  name: string;
  /** statements as written (dedented), in order; for Django, `operations` elements */
  statements: readonly string[];
  /** assignments the statements read (`conn = op.get_bind()`), run before them */
  locals?: readonly string[];
  /** class-body (Ruby) or module (Python) definitions they read: imports, stub models, helper methods */
  definitions?: readonly string[];
  /** runs outside a transaction (disable_ddl_transaction!, atomic = False, autocommit_block, the runner's marker) */
  noTransaction?: boolean;
  /**
   * SQL, a step that runs outside a transaction: its statements where the project's own migrator runs each file in
   * a transaction it began (own-runner.ts), `runner` naming it: the step by hand before the deploy, as comment
   * lines, and what the migration keeps, which runs in a transaction
   */
  underRunnerTransaction?: (runner: string) => readonly string[];
  /** Rails: the statements are reversible calls, written in `def change` (otherwise `def up`) */
  change?: boolean;
  /** what undoes it (Rails `def down`, Alembic `downgrade`, a SQL down): statements, or comment lines that say why nothing does */
  down?: readonly string[];
}

/** A file of the split: where it goes, and its text. */
export interface MigrationFile {
  path: string;
  text: string;
  /** Rails, SQL: the version it takes, as its runner orders it */
  version?: string;
  /** Alembic: the new revision's id (what a revision that must run after it names as its down_revision) */
  revision?: string;
}

const indent = (text: string, by: string) =>
  text
    .split("\n")
    .map((l) => (l.trim() ? `${by}${l}` : ""))
    .join("\n");

const snake = railsFileStem;

/**
 * The versions a folder's migrations hold, as their runner compares them (`000042` and `42` are one version to
 * golang-migrate, `1.1` and `1_1` to Flyway): a new migration must take none of them, or the runner takes it for
 * one it already applied (diesel, golang-migrate) or refuses the folder (Flyway, goose, Rails).
 */
export type TakenVersions = ReadonlySet<string>;

/** per frozen list (a folder's, SchemaHistory.versionsOfSet): every fix that writes a file asks, each over the whole folder */
const takenOf = new WeakMap<object, TakenVersions>();

export function takenVersions(versions: Iterable<string | undefined>): TakenVersions {
  const kept = Object.isFrozen(versions) ? takenOf.get(versions) : undefined;
  if (kept) return kept;
  const taken = new Set([...versions].flatMap((v) => (v === undefined ? [] : [versionKey(v)])));
  if (Object.isFrozen(versions)) takenOf.set(versions, taken);
  return taken;
}

/**
 * `20240101000000` + 2 -> `20240101000002`, `0043` + 1 -> `0044` (width kept): the `step`th version after `version`
 * that no migration of `taken` holds (a split's file versioned right after its migration steps over the one
 * numbered next); other versions get `_2`.
 */
export function nextVersion(version: string | undefined, step: number, taken: TakenVersions = new Set()): string {
  if (!version || !/^\d+$/.test(version)) return `${version ?? "next"}_${step}`;
  let at = BigInt(version);
  for (let free = 0; free < step; ) {
    at += 1n;
    if (!taken.has(at.toString())) free++;
  }
  return at.toString().padStart(version.length, "0");
}

/**
 * A new diesel migration folder after the one holding `path` (the `step`th version after it that no migration of
 * `taken` holds), named `<version>_<name>` in the format the folder's own name uses (`2024-02-24-005958_x` or
 * `20240224005958_x`), beside it.
 */
export function dieselFolderAfter(path: string, step: number, name: string, taken: TakenVersions = new Set()): string {
  const folder = baseOf(folderPrefix(path).replace(/\/$/, ""));
  const parent = folderPrefix(folderPrefix(path).replace(/\/$/, ""));
  const stamp = folder.split("_")[0];
  const digits = stamp.replace(/-/g, "");
  const next = /^\d+$/.test(digits) ? nextVersion(digits, step, taken) : `next_${step}`;
  // diesel's own format keeps its dashes (YYYY-MM-DD-HHMMSS)
  const written = /^\d{4}-\d{2}-\d{2}-\d{6}$/.test(stamp) && next.length === 14 ? `${next.slice(0, 4)}-${next.slice(4, 6)}-${next.slice(6, 8)}-${next.slice(8)}` : next;
  return `${parent}${written}_${name}`;
}

/** Flyway: `V<version>.<n>` (after `version`, before the next whole version), `n` the `step`th that no migration of `taken` holds. */
function flywayVersionAfter(version: string | undefined, step: number, taken: TakenVersions): string {
  if (version === undefined) return `next.${step}`;
  let n = 0;
  for (let free = 0; free < step; ) if (!taken.has(versionKey(`${version}.${++n}`))) free++;
  return `${version}.${n}`;
}

/**
 * Imports a new Python file needs for names its code reads that its definitions (the file's own imports first)
 * do not bind. `code`: the top-level code to read, definitions first (class and function bodies are not read
 * through their definition, so they are given as statements of their own).
 */
function pythonImports(code: readonly string[], known: Record<string, string>): string[] {
  const free = new Set(freeNames(code.join("\n")) ?? []);
  return Object.entries(known).filter(([name]) => free.has(name)).map(([, line]) => line);
}

/**
 * One import line per name the migration's module-level imports bind (`postgresql` -> `from
 * sqlalchemy.dialects import postgresql`): code copied out of the migration (an alter_column's
 * existing_type=postgresql.JSONB(...)) reads the same names in its new file, which must import them too.
 */
export function sourceImports(migration: Migration | string): Record<string, string> {
  const source = typeof migration === "string" ? migration : migration.source;
  if (source === undefined) return {};
  return (
    withPythonTree(source, (root) => {
      const found: Record<string, string> = {};
      for (const node of root.namedChildren) {
        if (!node || (node.type !== "import_statement" && node.type !== "import_from_statement")) continue;
        const module = node.childForFieldName("module_name");
        for (const child of node.namedChildren) {
          // by id: each childForFieldName gives a new node object, never === one of namedChildren
          if (!child || child.id === module?.id || child.type === "comment") continue;
          const alias = child.type === "aliased_import" ? child.childForFieldName("alias") : child;
          const name = alias?.text.split(".")[0];
          if (!name || name in found) continue;
          found[name] = node.type === "import_statement" ? `import ${child.text}` : `from ${module?.text} import ${child.text}`;
        }
      }
      return found;
    }) ?? {}
  );
}

// ------------------------------------------------------------------------------------------------ without

/** Statement children of a Python block (comments are not statements). */
const blockStatements = (block: PyNode) => block.namedChildren.filter((n): n is PyNode => n !== null && n.type !== "comment");

/**
 * The migration's source without the given lines (each range whole statements of it, as `movedCode` gives them).
 * Python blocks that lose every statement get `pass`. Undefined when the source is not there.
 */
export function migrationWithout(migration: Migration, lines: readonly SourceRange[]): string | undefined {
  const source = migration.source;
  if (source === undefined) return undefined;
  const cut = new Set<number>();
  for (const r of lines) for (let l = r.line; l <= r.endLine; l++) cut.add(l);
  const fileLines = source.split("\n");
  const inserts = new Map<number, string>();
  if (migration.framework === "django" || migration.framework === "alembic") {
    withPythonTree(source, (root) => {
      const visit = (node: PyNode) => {
        // a block whose whole statement is cut goes with it: only a block that stays needs a statement
        const parent = node.parent;
        const parentCut = parent !== null && Array.from({ length: parent.endPosition.row - parent.startPosition.row + 1 }, (_, i) => parent.startPosition.row + i + 1).every((l) => cut.has(l));
        if (node.type === "block" && !parentCut) {
          const statements = blockStatements(node);
          const emptied = statements.length > 0 && statements.every((s) => {
            for (let row = s.startPosition.row; row <= s.endPosition.row; row++) if (!cut.has(row + 1)) return false;
            return true;
          });
          if (emptied) {
            const first = statements[0];
            const line = fileLines[first.startPosition.row] ?? "";
            inserts.set(first.startPosition.row + 1, `${line.slice(0, line.length - line.trimStart().length)}pass`);
          }
        }
        for (const child of node.namedChildren) if (child) visit(child);
      };
      visit(root);
    });
  }
  const out: string[] = [];
  let cutBefore = false;
  // Ruby: the blank lines a cut leaves at the start or the end of a body (`def down` whose first statements moved)
  const ruby = migration.framework === "rails";
  const opensBody = (text: string) => /^(def\s|class\s|module\s)|\bdo(\s*\|[^|]*\|)?$/.test(text.trim());
  fileLines.forEach((text, index) => {
    const line = index + 1;
    const insert = inserts.get(line);
    if (insert !== undefined) out.push(insert);
    if (cut.has(line)) {
      cutBefore = true;
      return;
    }
    // the blank lines around a cut statement: two at most, as between definitions
    const blank = text.trim() === "";
    if (blank && cutBefore && out.length >= 2 && out.at(-1)!.trim() === "" && out.at(-2)!.trim() === "") return;
    if (ruby && blank && cutBefore && (out.length === 0 || out.at(-1)!.trim() === "" || opensBody(out.at(-1)!))) return;
    if (ruby && !blank && cutBefore && text.trim() === "end") while (out.length && out.at(-1)!.trim() === "") out.pop();
    if (!blank) cutBefore = false;
    out.push(text);
  });
  return forDatabase(migration, out.join("\n"));
}

// ------------------------------------------------------------------------------------------------ new files

/** Module definitions one after the other: imports on consecutive lines, anything else two blank lines apart. */
function pythonDefinitions(definitions: readonly string[]): string {
  const isImport = (d: string) => d.startsWith("import ") || d.startsWith("from ");
  return definitions.map((d, i) => (i === 0 ? d : `${isImport(d) && isImport(definitions[i - 1]) ? "\n" : "\n\n\n"}${d}`)).join("");
}

function railsFile(migration: Migration, anchor: Migration, step: MigrationStep, index: number, acronyms: readonly string[] = [], taken?: TakenVersions): MigrationFile {
  const version = nextVersion(anchor.version, index + 1, taken);
  const body: string[] = [];
  const method = step.change ? "change" : "up";
  body.push(`  def ${method}`, ...[...(step.locals ?? []), ...step.statements].map((s) => indent(s, "    ")), `  end`);
  if (!step.change && step.down) body.push(``, `  def down`, ...step.down.map((s) => indent(s, "    ")), `  end`);
  const text = [
    `class ${railsMigrationClass(step.name, acronyms)} < ${railsMigrationSuperclass(migration)}`,
    ...(step.noTransaction ? [`  disable_ddl_transaction!`, ``] : []),
    ...(step.definitions ?? []).flatMap((d) => [indent(d, "  "), ``]),
    ...body,
    `end`,
  ].join("\n");
  return { version, path: `${folderPrefix(migration.path)}${version}_${snake(step.name)}.rb`, text: forDatabase(migration, text) };
}

function djangoFile(migration: Migration, anchor: Migration, step: MigrationStep, index: number, previous: readonly string[], graphPartial: boolean, afterFix?: string): { file: MigrationFile; name: string } {
  const app = djangoApp(migration);
  const number = /^\d+/.exec(djangoApp(anchor).name)?.[0];
  const name = `${number ? nextVersion(number, index + 1) : `${app.name}_${index + 1}`}_${snake(step.name)}`;
  const klass = [
    `class Migration(migrations.Migration):`,
    ...(step.noTransaction ? [`    atomic = False`, ``] : []),
    ...(afterFix ? [`    ${afterFix}`] : []),
    `    ${djangoDependencies(previous.map((name) => ({ label: app.label, name })), graphPartial)}`,
    ``,
    `    operations = [`,
    ...step.statements.map((s) => indent(s.trimEnd().endsWith(",") ? s.trimEnd() : `${s.trimEnd()},`, "        ")),
    `    ]`,
  ].join("\n");
  const definitions = pythonDefinitions(step.definitions ?? []);
  const body = [definitions, klass].filter(Boolean).join("\n\n\n");
  const imports = pythonImports([...(step.definitions ?? []), "migrations.Migration", ...step.statements], { migrations: "from django.db import migrations", models: "from django.db import models", ...sourceImports(migration) });
  return { file: { path: `${folderPrefix(migration.path)}${name}.py`, text: [...imports, ...(imports.length ? [""] : []), body].join("\n") }, name };
}

/**
 * env.py runs every revision of an upgrade in one transaction: a later revision alone would still hold the locks
 * of the one before. An empty autocommit_block commits what ran so far (releasing them) and begins a new
 * transaction for the rest of this revision, which stays atomic.
 */
function endSharedTransaction(env: NonNullable<Migration["alembicTransactions"]>, precedent: AutocommitPrecedent | undefined): string[] {
  // env.py's own begin() holds the upgrade's transaction to its end: only a separate upgrade commits what ran before
  if (env.external?.begun)
    return [
      `    # ${env.external.path} line ${env.external.line} begins one transaction for every revision of an upgrade (${env.external.begun}) and commits it after the last: no revision can commit the ones before.`,
      `    # Run this revision in an upgrade of its own (\`alembic upgrade <its down_revision>\`, then \`alembic upgrade head\`, e.g. in the next deploy), so the locks of those before are released first`,
    ];
  const asProject =
    precedent?.how === "autocommit_block"
      ? ` (autocommit_block, as revision ${precedent.revision} does)`
      : precedent?.how === "isolation_level"
        ? ` (or run them on a connection with isolation_level="AUTOCOMMIT", as revision ${precedent.revision} does)`
        : "";
  return [
    `    # ${env.path} runs every revision of an upgrade in one transaction (context.configure has no transaction_per_migration=True${env.splat ? `, unless ${env.splat} brings it` : ""}):`,
    `    # commit what the revisions before ran, releasing their locks; the statements below run in a new transaction${asProject}`,
    `    with op.get_context().autocommit_block():`,
    `        pass`,
  ];
}

/**
 * Said where a new revision hangs off the head of the revision tree rather than off the migration: the migration
 * already has a child, and a second one would make two heads (`alembic upgrade head` refuses).
 */
const afterHead = (migration: Migration, anchor: Migration, previous: string): string =>
  anchor !== migration && anchor.revision?.id === previous && migration.revision?.id !== previous ? `  # the revision tree's head: ${pythonString(migration.revision?.id ?? migration.path)} already has a child` : "";

function alembicFile(migration: Migration, anchor: Migration, step: MigrationStep, index: number, previous: string | undefined, naming: RevisionNaming, head?: HeadFileNote, precedent?: AutocommitPrecedent, afterFix?: string): { file: MigrationFile; id: string } {
  const id = naming.id(step.name, snake(step.name), index, previous ?? migration.path);
  const run = [...(step.locals ?? []), ...step.statements];
  const upgrade = step.noTransaction
    ? [`def upgrade():`, `    with op.get_context().autocommit_block():`, ...run.map((s) => indent(s, "        "))]
    : // env.py's own begin() makes one transaction of the upgrade whatever transaction_per_migration says (Alembic
      // begins none inside a transaction it did not begin)
      migration.alembicTransactions?.shared || migration.alembicTransactions?.external?.begun
      ? [`def upgrade():`, ...endSharedTransaction(migration.alembicTransactions, precedent), ...run.map((s) => indent(s, "    "))]
      : [`def upgrade():`, ...run.map((s) => indent(s, "    "))];
  const downgrade = [`def downgrade():`, ...(step.down?.length ? step.down.map((s) => indent(s, "    ")) : []), `    pass`];
  const own = naming.numbered
    ? `# the next number of the project's revisions (its ids are its file names: keep them the same if you rename)`
    : `# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)`;
  const header = [
    own,
    `NEW_REVISION_ID = ${pythonString(id)}`,
    `revision = NEW_REVISION_ID`,
    ...(afterFix ? [afterFix] : []),
    previous === undefined
      ? `down_revision = None  # migguard did not find the id of the revision before: set it here`
      : `down_revision = ${pythonString(previous)}${afterHead(migration, anchor, previous)}`,
    `branch_labels = None`,
    `depends_on = None`,
  ];
  // the project's file naming the head revision (its tests compare it with the newest file): it names the new one
  const headNote = head ? `\n\n# ${head.path} names the head revision (${pythonString(head.was)}): write ${pythonString(id)} in it` : "";
  const body = [pythonDefinitions(step.definitions ?? []), header.join("\n"), upgrade.join("\n"), downgrade.join("\n") + headNote].filter(Boolean).join("\n\n\n");
  const imports = pythonImports([...(step.definitions ?? []), ...(step.noTransaction || (migration.alembicTransactions?.shared && !migration.alembicTransactions.external?.begun) ? ["op.get_context()"] : []), ...run, ...(step.down ?? [])], { op: "from alembic import op", sa: "import sqlalchemy as sa", ...sourceImports(migration) });
  // beside the head it follows: a second version location (a legacy/ folder run only to catch up) may not be where
  // the project's upgrade looks for new revisions
  return { file: { path: `${folderPrefix(anchor.path)}${naming.file(id, snake(step.name))}`, text: [...imports, ...(imports.length ? [""] : []), body].join("\n"), revision: id }, id };
}

function sqlFile(migration: Migration, anchor: Migration, step: MigrationStep, index: number, taken?: TakenVersions): MigrationFile {
  const version = nextVersion(anchor.version, index + 1, taken);
  const name = snake(step.name);
  const dir = folderPrefix(migration.path);
  const up = step.statements.join("\n");
  const down = step.down?.join("\n") ?? "";
  switch (migration.layout) {
    case "goose":
      return { version, path: `${dir}${version}_${name}.sql`, text: [...(step.noTransaction ? ["-- +goose NO TRANSACTION"] : []), "-- +goose Up", up, "", "-- +goose Down", down].join("\n").trimEnd() };
    case "sql-migrate":
      return { version, path: `${dir}${version}-${name}.sql`, text: [sqlMigrateMarker("up", step.noTransaction), up, "", sqlMigrateMarker("down", step.noTransaction), down].join("\n").trimEnd() };
    case "tern":
      // the next number: tern refuses a folder whose numbers leave a gap
      return { version, path: `${dir}${version}_${name}.sql`, text: ternFile(up, down, step.noTransaction === true) };
    case "atlas":
      return { version, path: `${dir}${version}_${name}.sql`, text: atlasFile(up, step.noTransaction === true) };
    case "drizzle":
      // the name drizzle-kit gives it (its default prefix, the journal's next idx), which also adds the journal's entry
      return { version, path: `${dir}${version}_${name}.sql`, text: drizzleFile(dir.replace(/\/$/, ""), name, up) };
    case "dbmate":
      return { version, path: `${dir}${version}_${name}.sql`, text: [`-- migrate:up${step.noTransaction ? " transaction:false" : ""}`, up, "", "-- migrate:down", down].join("\n").trimEnd() };
    case "golang-migrate":
    case "rivermigrate": {
      // pop/popx: the new file keeps the dialect (a file without one runs on every database) and leaves popx's
      // transaction by its name
      // a dialect-less file pop runs (its go.mod, or dialect siblings): a step outside the transaction is PostgreSQL's own .autocommit file
      const pop = popSuffix(migration.path) ?? (migration.pop && step.noTransaction ? { dialect: "postgres" } : undefined);
      if (pop) return { version, path: `${dir}${version}_${name}${pop.dialect ? `.${pop.dialect}` : ""}${step.noTransaction ? ".autocommit" : ""}.up.sql`, text: up };
      // sqlx's migrator leaves its transaction for a file whose first line says so (adapters/sql/layouts/sqlx.ts)
      if (migration.sqlx) return { version, path: `${dir}${version}_${name}.up.sql`, text: step.noTransaction ? `${SQLX_NO_TRANSACTION}\n${up}` : up };
      // golang-migrate reads any extension: the new file keeps the migration's (`.up.pgsql` beside `.up.pgsql`)
      return { version, path: `${dir}${version}_${name}.up${sqlExtensionOf(migration.path) || ".sql"}`, text: up };
    }
    case "flyway": {
      const flyway = flywayVersionAfter(anchor.version, index + 1, taken ?? new Set());
      return { version: flyway, path: `${dir}V${flyway}__${name}.sql`, text: up };
    }
    case "liquibase":
      return { path: `${dir}${name}.sql`, text: [`--liquibase formatted sql`, `--changeset migguard:${name}${step.noTransaction ? " runInTransaction:false" : ""}`, up].join("\n") };
    case "sqitch":
      return { path: `${dir}${name}.sql`, text: step.noTransaction ? up : ["BEGIN;", up, "COMMIT;"].join("\n") };
    case "prisma":
      return { version, path: `${folderPrefix(dir.replace(/\/$/, ""))}${version}_${name}/migration.sql`, text: up };
    case "diesel": {
      // a new folder beside the newest, never a file inside a migration's folder (diesel runs only up.sql there);
      // a step outside the transaction says so in its metadata.toml
      const folder = dieselFolderAfter(anchor.path, index + 1, name, taken);
      const metadata = step.noTransaction ? [`-- with ${folder}/metadata.toml holding: run_in_transaction = false`] : [];
      const downNote = step.down?.length ? [``, `-- and ${folder}/down.sql:`, ...down.split("\n").map((l) => `-- ${l}`)] : [];
      return { version: baseOf(folder).split("_")[0].replace(/-/g, ""), path: `${folder}/up.sql`, text: [...metadata, up, ...downNote].join("\n") };
    }
    default:
      // a simple sqlx migration's folder: sqlx leaves its transaction for a file whose first line says so
      return { version, path: `${dir}${version}_${name}.sql`, text: migration.sqlx && step.noTransaction ? `${SQLX_NO_TRANSACTION}\n${up}` : up };
  }
}

/** Where new migrations go in the repository (RepositoryView): after the folder's newest, Django's after the app's leaf nodes. */
export interface MigrationPlace {
  newestInFolder?: Migration;
  /** the migrations after this one in its folder (the repository's, read only when a new migration is written): what a new migration finds at the head */
  readonly laterInFolder?: readonly Migration[];
  djangoLeaves?: readonly Migration[];
  /** Django: the app's migrations were not all read, so later ones may exist unseen */
  djangoGraphPartial?: boolean;
  /** Alembic: the folder's newest revision when the new ones go elsewhere (a split's, right after its revision): numbered ids continue after it */
  numberAfter?: Migration;
  /** Alembic: the folder's revisions: a numbered new one comes after the highest number among them, so it repeats none */
  folderRevisions?: readonly Migration[];
  /** Alembic: the project's file that names the head revision (`.current-alembic-head`) and what it holds */
  alembicHeadFile?: { path: string; content: string };
  /** Alembic: the project's earlier revision that runs statements in autocommit, named where a new revision does too */
  alembicAutocommitPrecedent?: AutocommitPrecedent;
  /** the versions the folder's migrations hold (RepositoryView's): a new migration's version is none of them */
  readonly folderVersions?: readonly (string | undefined)[];
  /** Rails: the project's acronyms (`inflect.acronym "API"`), with which Rails camelizes a new file's name into its class */
  railsAcronyms?: readonly string[];
  /** the new files the migration's other fixes wrote: these continue after them (RepositoryView's, one per migration) */
  newMigrationChain?: NewMigrationChain;
  /** Alembic: the new revisions run right after the migration (a split), not after the folder's newest: they follow no other fix's */
  rightAfter?: boolean;
}

/** The head file to update, and the id it held: said in the last new revision when that becomes the head. */
interface HeadFileNote {
  path: string;
  was: string;
}

/** New migration files after `migration`, each running after the one before it (their paths, their text). */
export function newMigrations(migration: Migration, steps: readonly MigrationStep[], place: MigrationPlace = {}): MigrationFile[] {
  const files: MigrationFile[] = [];
  // after the folder's newest migration, not after this one: a migration already numbered next (Django's 0003,
  // golang-migrate's 20) or a revision already following it would clash, or leave two heads Django and Alembic refuse
  const { newestInFolder } = place;
  const anchor = newestInFolder && newestInFolder.framework === migration.framework ? newestInFolder : migration;
  let djangoPrevious = migration.framework === "django" ? djangoPredecessors(anchor, place.djangoLeaves).map((m) => djangoApp(m).name) : [];
  let alembicPrevious = anchor.revision?.id ?? migration.revision?.id;
  // the files of this migration's earlier fixes come first in the numbering, so applying them together repeats no
  // version; each fix still runs after what the repository holds (a fix is read, and applied, alone), and says in a
  // comment what to follow when the fix before it is applied too, so that together they leave one leaf node / one head
  const chain = place.newMigrationChain;
  const offset = chain?.reserve(steps.length) ?? 0;
  // the folder's versions: after the newest none is taken, but a split versioned right after its migration (before
  // a later one that needs it) steps over the versions the later ones hold
  const taken = takenVersions(place.folderVersions ?? []);
  const follows = chain?.last && !place.rightAfter ? chain.last : undefined;
  let afterFix: string | undefined;
  if (follows && migration.framework === "django") {
    const label = djangoApp(migration).label;
    afterFix = `# if you also apply the fix of ${follows.of} that adds ${follows.path}: ${djangoDependencies([{ label, name: follows.name }], false)} instead (one leaf node: with two, migrate refuses)`;
  } else if (follows && migration.framework === "alembic") {
    afterFix = `# if you also apply the fix of ${follows.of} that adds ${follows.path}: down_revision = ${pythonString(follows.name)} instead (one head: with two, \`alembic upgrade head\` refuses)`;
  }
  const naming = migration.framework === "alembic" ? revisionNaming(anchor, place.numberAfter ?? place.newestInFolder, place.folderRevisions) : undefined;
  // the head file names the newest revision: the new ones become the head when they follow it
  const headText = place.alembicHeadFile?.content.trim();
  const head = place.alembicHeadFile && headText !== undefined && headText === alembicPrevious ? { path: place.alembicHeadFile.path, was: headText } : undefined;
  steps.forEach((step, at) => {
    const index = offset + at;
    const note = at === 0 ? afterFix : undefined;
    switch (migration.framework) {
      case "rails":
        files.push(railsFile(migration, anchor, step, index, place.railsAcronyms, taken));
        break;
      case "django": {
        const { file, name } = djangoFile(migration, anchor, step, index, djangoPrevious, place.djangoGraphPartial === true && at === 0, note);
        files.push(file);
        djangoPrevious = [name];
        if (chain) chain.last = { name, path: file.path, of: migration.path };
        break;
      }
      case "alembic": {
        const { file, id } = alembicFile(migration, anchor, step, index, alembicPrevious, naming!, at === steps.length - 1 ? head : undefined, place.alembicAutocommitPrecedent, note);
        files.push(file);
        alembicPrevious = id;
        if (chain && !place.rightAfter) chain.last = { name: id, path: file.path, of: migration.path };
        break;
      }
      case "sql":
        files.push(sqlFile(migration, anchor, step, index, taken));
        break;
    }
  });
  return files;
}
