/**
 * `migguard lint --execute`: run the linted migrations up -> down -> up in PGlite (or the server of
 * MIGGUARD_DATABASE_URL / DATABASE_URL; MySQL / MariaDB migrations on a mysql:// server there), after the earlier migrations of their folders, which are read from
 * disk here. Returns the findings merged with the measurements and the lock table for text output.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AnalysisResult, FileError } from "../engine/analyze.js";
import type { Config } from "../engine/config.js";
import { detectFile } from "../engine/detect.js";
import { pathsToRead } from "../engine/migration-order.js";
import type { ReportedFinding, SourceFile } from "../engine/model.js";
import type { ProductionSnapshot } from "../engine/production/snapshot-file.js";
import { closeDefaultMysqlExecutor } from "../execute/default-executor.js";
import { verifyMigrations } from "../execute/verify.js";
import { dirOf } from "../engine/paths.js";
import { displayPath } from "./collect-files.js";

const SKIPPED_DIRS = new Set(["node_modules", ".git", "vendor", "dist"]);

/** Files below `dir` (a migrations folder: a few levels at most). */
function listing(dir: string, cwd: string, depth = 3): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(resolve(cwd, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && depth > 0 && !SKIPPED_DIRS.has(entry.name)) out.push(...listing(path, cwd, depth - 1));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

export interface ExecutedLint {
  findings: ReportedFinding[];
  /** lock table and what ran, for text output */
  text: string;
  errors: FileError[];
}

export async function executeLint(input: { files: readonly SourceFile[]; analysis: AnalysisResult; config: Config; cwd: string; snapshot?: ProductionSnapshot }): Promise<ExecutedLint> {
  const { cwd, config } = input;
  const files = new Map(input.files.map((f) => [f.path, f]));
  const errors: FileError[] = [];
  const targets = input.analysis.migrations.map((m) => m.path);
  for (const target of targets) {
    const source = files.get(target);
    const detected = source ? detectFile(target, source.content, config, { explicit: true }) : undefined;
    if (!detected) continue;
    // the folder of the migration set: per-migration folders (diesel, Prisma) sit one level deeper
    const root = detected.layout === "prisma" || /(?:^|\/)up\.sql$/.test(target) ? dirOf(dirOf(target)) : detected.layout === "sqitch" ? dirOf(dirOf(target)) : dirOf(target);
    for (const path of pathsToRead(detected, listing(root, cwd), config)) {
      if (files.has(path)) continue;
      const absolute = join(cwd, path);
      try {
        if (statSync(absolute).size > config.max_file_bytes) continue;
        files.set(path, { path: displayPath(absolute, cwd), content: readFileSync(absolute, "utf8") });
      } catch (error) {
        errors.push({ path, message: `cannot read an earlier migration: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  }
  // PGlite's worker does not keep the process alive; a MySQL server's connections do, so they are closed
  try {
    const result = await verifyMigrations({ files: [...files.values()], targets, config, findings: input.analysis.findings, snapshot: input.snapshot, databases: input.analysis.databases });
    return { findings: result.findings, text: result.text, errors };
  } finally {
    await closeDefaultMysqlExecutor();
  }
}
