/**
 * The migration runner a Node project's package.json names: the `postgres-migrations` package runs plain
 * `NNNN-name.sql` files, each in a transaction of its own (adapters/sql/layouts/postgres-migrations.ts).
 */
import { POSTGRES_MIGRATIONS_PACKAGE } from "../adapters/sql/layouts/postgres-migrations.js";
import { nodeManifests } from "../deploy/node-scripts.js";
import type { SourceFile } from "../model.js";
import { dirOf } from "../paths.js";
import { isWithin } from "./fact-paths.js";

/** Whether the nearest package.json above `path` (among `files`, read as JSON) depends on postgres-migrations. */
export function runsOnPostgresMigrations(path: string, files: readonly SourceFile[]): boolean {
  const nearest = nodeManifests(files)
    .filter((m) => isWithin(dirOf(m.path), path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return nearest !== undefined && nearest.dependencies.has(POSTGRES_MIGRATIONS_PACKAGE);
}
