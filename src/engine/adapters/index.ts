/**
 * Framework adapters: each turns a migration file (and its companion) into the shared model.
 * Parsers are WASM modules loaded once per process by `loadAdapters`.
 */
import type { DetectedFile } from "../detect.js";
import type { Database, Framework, MigrationInput } from "../model.js";
import { alembicAdapter, djangoAdapter } from "./python/index.js";
import { loadRubyParser, railsMigration } from "./rails/index.js";
import { loadPgParser, sqlMigration } from "./sql/index.js";
import { pgQueryReady } from "./sql/pg-query.js";

export interface AdapterInput {
  file: DetectedFile;
  content: string;
  /** the other half of the migration, when the layout keeps it in another file */
  downFile?: { path: string; content: string };
  /** Django: the migrations of the same folder in this analysis (this one included), to rebuild the model state */
  history?: ReadonlyArray<{ path: string; content: string }>;
  /** the database of the migration's folder (engine/database/decide.ts): picks the SQL grammar */
  database?: Database;
  databaseVersion?: string;
}

export interface Adapter {
  load(): Promise<void>;
  parse(input: AdapterInput): MigrationInput;
  /** parse() already returns a complete Migration (defaults filled): analyze skips re-validating it */
  complete?: boolean;
}

const sqlAdapter: Adapter = { load: loadPgParser, parse: sqlMigration, complete: true };
/** Prism for the Ruby, libpg-query for the SQL of `execute` */
const railsAdapter: Adapter = { load: () => Promise.all([loadRubyParser(), loadPgParser()]).then(() => undefined), parse: railsMigration };

/** One adapter per framework; a framework without one is reported as unsupported, never guessed at. */
const adapters: Record<Framework, Adapter | undefined> = {
  sql: sqlAdapter,
  rails: railsAdapter,
  django: djangoAdapter,
  alembic: alembicAdapter,
};

export function adapterFor(framework: Framework): Adapter | undefined {
  return adapters[framework];
}

let loading: Promise<void> | undefined;
/** Load every parser once (libpg-query is needed by all adapters for embedded SQL). */
export function loadAdapters(): Promise<void> {
  loading ??= Promise.all(Object.values(adapters).flatMap((a) => (a ? [a.load()] : []))).then(() => undefined);
  return loading;
}

/**
 * Resolves when every parser is fit for the next file. Prism and tree-sitter instances are replaced on the spot
 * after a failure; libpg-query's are replaced from spares, refilled in the background, which this waits for.
 */
export async function adaptersReady(): Promise<void> {
  await loadAdapters();
  await pgQueryReady();
}
