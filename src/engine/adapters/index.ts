/**
 * Framework adapters: each turns a migration file (and its companion) into the shared model.
 * An adapter's code and its parsers (WASM) load on first use, per framework, by `loadAdapters`: a lint of
 * SQL files never loads Prism or tree-sitter, and a lint of Rails migrations never loads tree-sitter.
 */
import type { DetectedFile } from "../detect.js";
import type { Database, Framework, Migration, MigrationInput } from "../model.js";
import { pgQueryReady } from "./sql/pg-query.js";
import type { ProjectFileReader } from "./python/project-modules.js";

export interface DjangoProject {
  settings: ReadonlyArray<{ path: string; content: string }>;
  folders: ReadonlyArray<ReadonlyArray<{ path: string; content: string }>>;
}

export interface AdapterInput {
  file: DetectedFile;
  content: string;
  /** the other half of the migration, when the layout keeps it in another file */
  downFile?: { path: string; content: string };
  /** Django: the migrations of the same folder in this analysis (this one included), to rebuild the model state */
  history?: ReadonlyArray<{ path: string; content: string }>;
  /**
   * Django: the project's settings modules and every app's migrations (one array per folder) in this analysis,
   * where the table of `settings.AUTH_USER_MODEL` is read (django-user-model.ts)
   */
  djangoProject?: DjangoProject;
  /**
   * Django and Alembic: a repository file's text by path, where the project's own modules that a migration imports
   * are read (a helper that returns SQL, a subclass of RunSQL: python/project-modules.ts); Rails: where a migration's
   * project base class is read (rails/project-base-class.ts); undefined when none are given
   */
  projectFile?: ProjectFileReader;
  /**
   * Alembic: the env.py of the revision's script location, where a condition on the project's settings may be tied
   * to the database (python/alembic-settings-dialect.ts)
   */
  alembicEnv?: { path: string; content: string };
  /** Rails: the project's Ruby files at hand (code and repository files), searched for a migration's project base class */
  rubyFiles?: () => ReadonlyArray<{ path: string; content: string }>;
  /** Rails: the project's config/application.rb and initializers (table-naming.ts: pluralize_table_names, an application-wide table_name_prefix) */
  railsSettings?: ReadonlyArray<{ path: string; content: string }>;
  /** the database of the migration's folder (engine/database/decide.ts): picks the SQL grammar */
  database?: Database;
  databaseVersion?: string;
}

/** What a framework's module provides: its parsers' loader and the file -> model step. */
export interface FrameworkAdapter {
  load(): Promise<void>;
  parse(input: AdapterInput): MigrationInput;
}

export interface Adapter {
  load(): Promise<void>;
  /** the migration, complete (defaults filled) and valid */
  parse(input: AdapterInput): Migration;
}

/** An adapter whose output still needs the model's zod parse (defaults, validation). */
async function validated(adapter: FrameworkAdapter): Promise<Adapter> {
  const { Migration } = await import("../model.js");
  return { load: adapter.load, parse: (input) => Migration.parse(adapter.parse(input)) };
}

/**
 * One adapter per framework; a framework without one is reported as unsupported, never guessed at.
 * The SQL adapter builds complete migrations itself: a SQL lint loads neither zod nor the model's schemas.
 */
const imports: Record<Framework, (() => Promise<Adapter>) | undefined> = {
  sql: async () => {
    const sql = await import("./sql/index.js");
    return { load: sql.loadPgParser, parse: sql.sqlMigration };
  },
  // Prism for the Ruby, libpg-query for the SQL of `execute`, and the Ruby readers of models and database.yml
  rails: async () => {
    // one import after the other: see importQueue
    const rails = await import("./rails/index.js");
    const sql = await import("./sql/index.js");
    const readers = await import("./rails/ruby-readers.js");
    const load = () => Promise.all([rails.loadRubyParser(), sql.loadPgParser(), readers.loadRubyReaders()]).then(() => undefined);
    return validated({ load, parse: rails.railsMigration });
  },
  django: async () => validated((await import("./python/index.js")).djangoAdapter),
  alembic: async () => validated((await import("./python/index.js")).alembicAdapter),
};

const FRAMEWORKS = Object.keys(imports) as Framework[];
const loaded = new Map<Framework, Adapter>();
const loading = new Map<Framework, Promise<void>>();
/**
 * The frameworks' modules are imported one framework after the other (their parsers still load side by side):
 * two dynamic imports that reach a shared module at once can fail under Jest's ESM loader ("request for
 * './imports.js' is not in cache"), and in Node the shared modules load once either way.
 */
let importQueue: Promise<unknown> = Promise.resolve();

/** The loaded adapter of a framework; undefined when migguard has none for it. */
export function adapterFor(framework: Framework): Adapter | undefined {
  const adapter = loaded.get(framework);
  if (adapter || !imports[framework]) return adapter;
  throw new Error(`the ${framework} adapter is not loaded: call loadAdapters() with its framework first`);
}

function loadOne(framework: Framework): Promise<void> {
  let promise = loading.get(framework);
  if (!promise) {
    const load = imports[framework];
    const imported = load ? importQueue.then(load) : undefined;
    if (imported) importQueue = imported.catch(() => undefined);
    promise = imported
      ? imported.then(async (adapter) => {
          await adapter.load();
          loaded.set(framework, adapter);
        })
      : Promise.resolve();
    loading.set(framework, promise);
  }
  return promise;
}

/** Load the adapters (and their parsers) of these frameworks once per process; every framework by default. */
export function loadAdapters(frameworks: Iterable<Framework> = FRAMEWORKS): Promise<void> {
  return Promise.all([...new Set(frameworks)].map(loadOne)).then(() => undefined);
}

/**
 * Resolves when every parser of these frameworks (all by default) is fit for the next file. Prism and
 * tree-sitter instances are replaced on the spot after a failure; libpg-query's are replaced from spares,
 * refilled in the background, which this waits for.
 */
export async function adaptersReady(frameworks: Iterable<Framework> = FRAMEWORKS): Promise<void> {
  await loadAdapters(frameworks);
  await pgQueryReady();
}
