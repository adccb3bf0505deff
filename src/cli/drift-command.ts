/**
 * `migguard drift --snapshot FILE [--format text|json|sarif] [--config FILE] PATH...`: the schema the
 * migrations under PATH build, compared with a production snapshot. SQL migrations (and Rails/Django
 * migrations written entirely in SQL) run in PGlite, or the server of MIGGUARD_DATABASE_URL; otherwise a SQL
 * schema dump under PATH (Rails' db/structure.sql, dbmate's db/schema.sql, config `schema_dumps`) is loaded.
 * Exit status as `lint`: 1 when a difference is an error (`schema-drift` is one by default).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { adapterFor, loadAdapters } from "../engine/adapters/index.js";
import type { Config } from "../engine/config.js";
import { byLocation } from "../engine/finding-order.js";
import { groupMigrations, type MigrationUnit } from "../engine/group.js";
import { compareMigrations, migrationSet } from "../engine/migration-order.js";
import type { Migration, ReportedFinding, SourceFile } from "../engine/model.js";
import { ModelSchema } from "../engine/production/model-schema.js";
import { schemaRbMigration } from "../engine/production/schema-rb-model.js";
import { schemaDumpOf } from "../engine/repository/schema-dump-paths.js";
import { BuildError, buildFromDump, buildFromMigrations, type BuiltSchema } from "../execute/build-schema.js";
import { driftFindings, modelDriftFindings } from "../execute/drift.js";
import { executable } from "../execute/script.js";
import { collectFiles, displayPath } from "./collect-files.js";
import { CommandFailure, UsageError } from "./usage-error.js";
import { loadCliConfig } from "./config-file.js";
import type { CommandResult } from "./lint-command.js";
import { formatResult, type OutputFormat } from "./output.js";
import { MAX_SNAPSHOT_BYTES, snapshotFromFlag } from "./snapshot-option.js";

export interface DriftOptions {
  paths: string[];
  snapshot: string;
  format: OutputFormat;
  config?: string;
  cwd?: string;
}

const SKIPPED_DIRS = new Set(["node_modules", ".git", "vendor", "dist", ".venv", "venv", "__pycache__", "target"]);

/** Schema dumps under the given paths (SQL ones, or Rails' schema.rb). */
function findDumps(paths: readonly string[], config: Config, cwd: string, format: "structure.sql" | "schema.rb"): SourceFile[] {
  const found: SourceFile[] = [];
  const visit = (absolute: string, depth: number) => {
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isDirectory() && depth > 0) {
      for (const entry of readdirSync(absolute)) if (!SKIPPED_DIRS.has(entry)) visit(join(absolute, entry), depth - 1);
    } else if (stat?.isFile()) {
      const path = displayPath(absolute, cwd);
      if (schemaDumpOf(path, config)?.format === format && stat.size <= MAX_SNAPSHOT_BYTES) found.push({ path, content: readFileSync(absolute, "utf8") });
    }
  };
  for (const path of paths) visit(resolve(cwd, path), 6);
  return found;
}

function parsed(unit: MigrationUnit): Migration | undefined {
  try {
    return adapterFor(unit.file.framework)?.parse(unit);
  } catch {
    return undefined;
  }
}

interface Runnability {
  runnable: number;
  /** every migration of a framework other than SQL, in order (written in SQL or not), for the model */
  all: Migration[];
  /** migrations only their framework's code could run (Ruby or Python operations), parsed into the model */
  framework: Migration[];
  /** paths of those the model could not read */
  unreadable: string[];
}

/** Whether each migration can run for real (SQL), or only the framework's own code could run it. */
function runnability(files: readonly SourceFile[], config: Config): Runnability {
  const { units } = groupMigrations(files, config);
  const result: Runnability = { runnable: 0, all: [], framework: [], unreadable: [] };
  for (const unit of units.sort((a, b) => migrationSet(a.file).localeCompare(migrationSet(b.file)) || compareMigrations(a.file, b.file))) {
    if (unit.file.role !== "up" && unit.file.role !== "combined") continue;
    if (unit.file.framework === "sql") {
      result.runnable++;
      continue;
    }
    const migration = parsed(unit);
    if (migration) result.all.push(migration);
    if (migration && executable(migration)) result.runnable++;
    else if (migration) result.framework.push(migration);
    else result.unreadable.push(unit.file.path);
  }
  return result;
}

/** Django's tables are `<app>_<model>`: the apps whose migrations are under PATH. */
const djangoPrefixes = (migrations: readonly Migration[]) => [...new Set(migrations.map((m) => `${m.path.split("/").slice(-3, -2)[0]}_`))];

export async function driftCommand(options: DriftOptions): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadCliConfig(options.config, cwd);
  const snapshot = await snapshotFromFlag(options.snapshot, cwd);
  const snapshotText = readFileSync(resolve(cwd, options.snapshot), "utf8");
  const collected = collectFiles(options.paths, loaded.config, cwd);
  const config = collected.config;
  await loadAdapters();
  const { runnable, all, framework, unreadable } = runnability(collected.files, config);
  const dumps = findDumps(options.paths, config, cwd, "structure.sql");
  const schemaRbs = findDumps(options.paths, config, cwd, "schema.rb");
  const snapshotPath = displayPath(resolve(cwd, options.snapshot), cwd);
  const done = async (findings: ReportedFinding[], from: string, database?: string): Promise<CommandResult> => {
    const output = await formatResult(options.format, [...findings].sort(byLocation), collected.errors, config.docs_url);
    const summary = `drift: built the schema from ${from}${database ? ` in ${database}` : ""}; compared with the snapshot of ${snapshot.takenAt.slice(0, 10)} (PostgreSQL ${snapshot.server.version.split(" ")[0]}, database ${snapshot.database}): ${findings.length} difference(s)\n`;
    return { output: options.format === "text" ? `${output}${summary}` : output, exitCode: findings.some((f) => f.severity === "error") ? 1 : 0 };
  };
  if (dumps.length > 1) throw new UsageError(`drift found several schema dumps (${dumps.map((d) => d.path).join(", ")}): name the one to compare`);
  if (runnable === 0 && framework.length === 0 && dumps.length === 0 && schemaRbs.length === 0) throw new UsageError(`no migration or schema dump under ${options.paths.join(" ")}`);

  // the catalogs of a database the SQL built: everything compared
  if ((runnable > 0 && framework.length === 0 && unreadable.length === 0) || dumps.length === 1) {
    let built: BuiltSchema;
    try {
      built = runnable > 0 && framework.length === 0 && unreadable.length === 0 ? await buildFromMigrations(collected.files, config) : await buildFromDump(dumps[0]);
    } catch (error) {
      if (error instanceof BuildError) throw new CommandFailure(`drift could not build the schema the repository describes: ${error.message}`);
      throw error;
    }
    const findings = driftFindings({ snapshot, snapshotPath, snapshotText, built: built.schema, files: collected.files, config });
    return done(findings, dumps.length === 1 && built.applied[0] === dumps[0].path ? dumps[0].path : `${built.applied.length} migration(s)`, built.database);
  }

  // the engine's model: Rails' schema.rb, or Django's and Rails' migrations in order
  if (schemaRbs.length > 1) throw new UsageError(`drift found several schema.rb files (${schemaRbs.map((d) => d.path).join(", ")}): name the one to compare`);
  if (schemaRbs.length === 1) {
    const migration = schemaRbMigration(schemaRbs[0].path, schemaRbs[0].content, config);
    if (!migration) throw new CommandFailure(`${schemaRbs[0].path} holds no ActiveRecord::Schema.define block`);
    const built = new ModelSchema().apply(migration);
    return done(modelDriftFindings({ snapshot, snapshotPath, snapshotText, built, framework: "rails", indexes: true, config }), `${schemaRbs[0].path} (tables, columns and indexes as the Rails adapter reads them)`);
  }
  const frameworks = new Set(all.map((m) => m.framework));
  if (unreadable.length > 0 || frameworks.size !== 1 || frameworks.has("alembic"))
    throw new CommandFailure(
      unreadable.length > 0
        ? `drift could not read ${unreadable.length} migration(s) (${unreadable.slice(0, 3).join(", ")}), so it cannot know the schema they build`
        : frameworks.has("alembic")
          ? "drift cannot order Alembic revisions (their down_revision graph): include a SQL schema dump (pg_dump --schema-only) in PATH"
          : `drift compares one framework's migrations at a time (found ${[...frameworks].join(", ")}): give each its own run`,
    );
  const [kind] = frameworks as Set<"rails" | "django">;
  const built = new ModelSchema();
  for (const migration of all) built.apply(migration);
  const findings = modelDriftFindings({ snapshot, snapshotPath, snapshotText, built, framework: kind, indexes: kind === "rails", tablePrefixes: kind === "django" ? djangoPrefixes(all) : undefined, config });
  return done(findings, `${all.length} ${kind === "rails" ? "Rails" : "Django"} migration(s) (tables, columns${kind === "rails" ? " and indexes" : ""} as the adapter reads them)`);
}
