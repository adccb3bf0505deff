/**
 * Files -> migration units: detect each file, then pair ups with their downs by the layout's key.
 * A down given without its up is still syntax-checked.
 */
import type { Config } from "./config.js";
import { detectFile, type DetectedFile } from "./detect.js";
import type { Database, SourceFile } from "./model.js";
import { dirOf } from "./paths.js";
import { popSuffix } from "./database/dialect-file.js";
import type { CrateNamedDatabases } from "./database/crate-databases.js";

export interface MigrationUnit {
  file: DetectedFile;
  content: string;
  downFile?: { path: string; content: string };
  /**
   * Django: every migration of the same migrations folder given to this analysis (this one included), so the
   * adapter can rebuild the model state before it (AlterField compares with the previous definition).
   * One array is shared by all units of a folder, so adapters can cache what they read from it.
   */
  history?: ReadonlyArray<{ path: string; content: string }>;
  /** pop: the database a file without a dialect runs on when its siblings leave it another than the folder's (dialect-file.ts) */
  database?: Database;
  /** pop/popx runs it (its name or its folder's files name a dialect): a file without `.autocommit` runs in popx's transaction */
  pop?: boolean;
  /** why `database` is this migration's own (it ran before the project moved to another database: database-switch.ts) */
  databaseReason?: string;
  /** diesel: the folder's metadata.toml says `run_in_transaction = false` (the up is sent as one query, no BEGIN) */
  noRunnerTransaction?: boolean;
  /** plain SQL the postgres-migrations npm package runs (the nearest package.json depends on it): a transaction per file unless it disables it */
  postgresMigrations?: boolean;
  /** golang-migrate's names run by sqlx's migrator (the nearest Cargo.toml depends on sqlx: repository/cargo-sqlx.ts) */
  sqlx?: boolean;
  /** sqlx or diesel: the databases the driver features of the crates that run its folder connect to (database/crate-databases.ts) */
  crateDatabases?: CrateNamedDatabases;
  /** what names `database` when no switch of databases does (drizzle-kit's journal: its dialect) */
  databaseNamedBy?: string;
  /** Drizzle: when drizzle-kit generated it (the journal's `when`), ISO 8601 (Migration.generatedOn) */
  generatedOn?: string;
}

export interface Grouped {
  units: MigrationUnit[];
  /** downs whose up was not given: only their syntax is checked */
  orphanDowns: Array<{ file: DetectedFile; content: string }>;
}

/** Django units get the migrations of their folder (from the analysed files and any context files). */
function attachDjangoHistory(units: MigrationUnit[], context: readonly SourceFile[], config: Config): void {
  const folders = new Map<string, Array<{ path: string; content: string }>>();
  const seen = new Set<string>();
  const add = (path: string, content: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const dir = dirOf(path);
    const folder = folders.get(dir) ?? [];
    folder.push({ path, content });
    folders.set(dir, folder);
  };
  for (const unit of units) if (unit.file.framework === "django") add(unit.file.path, unit.content);
  if (folders.size === 0) return;
  for (const file of context) {
    const dir = dirOf(file.path);
    if (folders.has(dir) && detectFile(file.path, file.content, config)?.framework === "django") add(file.path, file.content);
  }
  for (const unit of units) {
    if (unit.file.framework !== "django") continue;
    const dir = dirOf(unit.file.path);
    unit.history = folders.get(dir);
  }
}

type Slot = { up?: { file: DetectedFile; content: string }; down?: { file: DetectedFile; content: string } };

/**
 * pop/popx: a down without a dialect (`x.down.sql`) is the down of every database that has no down of its own, so
 * it is the down of `x.postgres.up.sql` when there is no `x.postgres.down.sql` (hydra: 335 missing-down before).
 */
function popGenericDown(up: DetectedFile, byKey: ReadonlyMap<string, Slot>): Slot["down"] {
  const dialect = popSuffix(up.path)?.dialect;
  if (up.layout !== "golang-migrate" || !dialect || !up.key.endsWith(`.${dialect}`)) return undefined;
  return byKey.get(`golang-migrate:${up.key.slice(0, -dialect.length - 1)}`)?.down;
}

export function groupMigrations(
  files: readonly SourceFile[],
  config: Config,
  explicit: ReadonlySet<string> = new Set(),
  /** files that are not linted but may give context (earlier Django migrations of the same app) */
  context: readonly SourceFile[] = [],
): Grouped {
  const byKey = new Map<string, Slot>();
  const units: MigrationUnit[] = [];
  for (const source of files) {
    const file = detectFile(source.path, source.content, config, { explicit: explicit.has(source.path) });
    if (!file || file.role === "verify") continue;
    if (file.role === "combined" || file.role === "repeatable") {
      units.push({ file, content: source.content });
      continue;
    }
    // an up and its down pair whatever their content says (River's markers may be in one file of the two)
    const family = file.layout === "rivermigrate" ? "golang-migrate" : file.layout;
    const slot = byKey.get(`${family}:${file.key}`) ?? {};
    slot[file.role === "up" ? "up" : "down"] = { file, content: source.content };
    byKey.set(`${family}:${file.key}`, slot);
  }
  const orphanDowns: Grouped["orphanDowns"] = [];
  const paired = new Set<string>();
  for (const slot of byKey.values()) {
    const down = slot.up && (slot.down ?? popGenericDown(slot.up.file, byKey));
    if (down && down !== slot.down) paired.add(down.file.path);
    if (slot.up) units.push({ file: slot.up.file, content: slot.up.content, downFile: down && { path: down.file.path, content: down.content } });
  }
  for (const slot of byKey.values()) if (!slot.up && slot.down && !paired.has(slot.down.file.path)) orphanDowns.push(slot.down);
  attachDjangoHistory(units, context, config);
  return { units, orphanDowns };
}
