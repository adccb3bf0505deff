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
import { groupMigrations } from "../engine/group.js";
import type { Migration, SourceFile } from "../engine/model.js";
import { schemaDumpOf } from "../engine/review/classify.js";
import { BuildError, buildFromDump, buildFromMigrations, type BuiltSchema } from "../execute/build-schema.js";
import { driftFindings } from "../execute/drift.js";
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

/** SQL schema dumps under the given paths. */
function findDumps(paths: readonly string[], config: Config, cwd: string): SourceFile[] {
  const found: SourceFile[] = [];
  const visit = (absolute: string, depth: number) => {
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isDirectory() && depth > 0) {
      for (const entry of readdirSync(absolute)) if (!SKIPPED_DIRS.has(entry)) visit(join(absolute, entry), depth - 1);
    } else if (stat?.isFile()) {
      const path = displayPath(absolute, cwd);
      if (schemaDumpOf(path, config)?.format === "structure.sql" && stat.size <= MAX_SNAPSHOT_BYTES) found.push({ path, content: readFileSync(absolute, "utf8") });
    }
  };
  for (const path of paths) visit(resolve(cwd, path), 6);
  return found;
}

/** Whether each migration can run for real (SQL), or only the framework's own code could run it. */
function runnability(files: readonly SourceFile[], config: Config): { runnable: number; framework: string[] } {
  const { units } = groupMigrations(files, config);
  let runnable = 0;
  const framework: string[] = [];
  for (const unit of units) {
    if (unit.file.role === "down" || unit.file.role === "verify") continue;
    if (unit.file.framework === "sql") {
      runnable++;
      continue;
    }
    const adapter = adapterFor(unit.file.framework);
    let migration: Migration | undefined;
    try {
      migration = adapter?.parse(unit);
    } catch {
      migration = undefined;
    }
    if (migration && executable(migration)) runnable++;
    else framework.push(unit.file.path);
  }
  return { runnable, framework };
}

export async function driftCommand(options: DriftOptions): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadCliConfig(options.config, cwd);
  const config = loaded.config;
  const snapshot = snapshotFromFlag(options.snapshot, cwd);
  const snapshotText = readFileSync(resolve(cwd, options.snapshot), "utf8");
  const collected = collectFiles(options.paths, config, cwd);
  await loadAdapters();
  const { runnable, framework } = runnability(collected.files, config);
  const dumps = findDumps(options.paths, config, cwd);

  let built: BuiltSchema;
  try {
    if (runnable > 0 && framework.length === 0) built = await buildFromMigrations(collected.files, config);
    else if (dumps.length === 1) built = await buildFromDump(dumps[0]);
    else if (dumps.length > 1) throw new UsageError(`drift found several schema dumps (${dumps.map((d) => d.path).join(", ")}): name the one to compare`);
    else if (runnable === 0 && framework.length === 0) throw new UsageError(`no migration or SQL schema dump under ${options.paths.join(" ")}`);
    else
      throw new CommandFailure(
        `drift builds the schema by running SQL, and ${framework.length} migration(s) use the framework's own operations (${framework.slice(0, 3).join(", ")}${framework.length > 3 ? ", ..." : ""}): ` +
          "include the schema dump (db/structure.sql; Rails: config.active_record.schema_format = :sql) in PATH",
      );
  } catch (error) {
    if (error instanceof BuildError) throw new CommandFailure(`drift could not build the schema the repository describes: ${error.message}`);
    throw error;
  }

  const findings = driftFindings({ snapshot, snapshotPath: displayPath(resolve(cwd, options.snapshot), cwd), snapshotText, built: built.schema, files: collected.files, config });
  const errors = [...collected.errors];
  const output = await formatResult(options.format, findings, errors, config.docs_url);
  const summary = `drift: built the schema from ${built.applied.length === 1 && dumps.some((d) => d.path === built.applied[0]) ? built.applied[0] : `${built.applied.length} migration(s)`} in ${built.database}; compared with the snapshot of ${snapshot.takenAt.slice(0, 10)} (PostgreSQL ${snapshot.server.version}, database ${snapshot.database}): ${findings.length} difference(s)\n`;
  return { output: options.format === "text" ? `${output}${summary}` : output, exitCode: findings.some((f) => f.severity === "error") ? 1 : 0 };
}
