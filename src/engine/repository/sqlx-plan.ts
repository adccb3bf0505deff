/**
 * What the plan of an analysis needs to tell sqlx's folders (sqlx-folders.ts): the Rust crates' files it was given
 * (the manifests and the sources that name a migration macro, among the repository files and a review's code), and
 * the Rust reader, loaded before the plan when one of those sources may embed sqlx's migrations.
 */
import type { SourceFile } from "../model.js";
import { isRustCrateFile } from "../deploy/deploy-model.js";
import { loadedDeployRust, rustReaderToLoad } from "../deploy/deploy-readers.js";
import { mayEmbedSqlxMigrations, sqlxMigrationFolders } from "./sqlx-folders.js";

/** The Rust crates' manifests and migration-macro sources among the given files, each path once. */
export function rustCrateFiles(...lists: ReadonlyArray<readonly SourceFile[] | undefined>): SourceFile[] {
  const byPath = new Map<string, SourceFile>();
  for (const list of lists) for (const file of list ?? []) if (!byPath.has(file.path) && isRustCrateFile(file)) byPath.set(file.path, file);
  return [...byPath.values()];
}

/** The Rust reader to wait for before planning, when these files may embed sqlx's migrations; undefined otherwise. */
export const sqlxReaderToLoad = (files: readonly SourceFile[]): Promise<void> | undefined => (mayEmbedSqlxMigrations(files) ? rustReaderToLoad(files) : undefined);

/** The folders sqlx runs (each with the crates that embed it), read with the Rust reader if it is loaded (else only the crates' default `migrations/`). */
export function plannedSqlxFolders(files: readonly SourceFile[]): Map<string, string[]> {
  const rust = loadedDeployRust();
  return sqlxMigrationFolders(files, rust ? (file) => rust.rustStartupFacts(file) : undefined);
}
