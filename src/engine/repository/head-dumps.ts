/**
 * The schema dump among the repository's files that describes a migration (db/schema.rb or db/structure.sql of its
 * database, a dump the config's `schema_dumps` names), read into its objects once per dump. `lint` has no base
 * branch: the dump it reads is the repository's own, as it stands.
 */
import type { Config } from "../config.js";
import type { DetectedFile } from "../detect.js";
import type { Database, SourceFile } from "../model.js";
import { dumpObjects, type DumpObjects } from "../review/guards/dump-objects.js";
import { RailsDatabases } from "./rails-databases.js";
import { schemaDumpOf } from "./schema-dump-paths.js";

export type DumpReader = (file: DetectedFile, database?: { name: Database; version?: string }) => DumpObjects | undefined;

export function repositoryDumpReader(files: readonly SourceFile[], config: Pick<Config, "schema_dumps">, paths: readonly string[]): DumpReader {
  const databases = new RailsDatabases([...paths, ...files.map((f) => f.path)]);
  const dumps = files.flatMap((file) => {
    const dump = schemaDumpOf(file.path, config, databases);
    return dump ? [{ dump, content: file.content }] : [];
  });
  const read = new Map<string, DumpObjects | undefined>();
  return (file, database) => {
    const found = dumps.find(({ dump }) => dump.covers(file));
    if (!found) return undefined;
    if (!read.has(found.dump.path)) read.set(found.dump.path, dumpObjects(found.dump.path, found.dump.format, found.content, database));
    return read.get(found.dump.path);
  };
}
