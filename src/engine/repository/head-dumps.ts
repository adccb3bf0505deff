/**
 * The schema dump among the repository's files that describes a migration (db/schema.rb or db/structure.sql of its
 * database, a dump the config's `schema_dumps` names), read into its objects once per dump. `lint` has no base
 * branch: the dump it reads is the repository's own, as it stands.
 */
import type { Config } from "../config.js";
import type { DetectedFile } from "../detect.js";
import type { DumpObjects, dumpObjects } from "../review/guards/dump-objects.js";
import type { againstAbsentTables } from "./absent-tables.js";
import type { Database, Migration, ReportedFinding, SourceFile } from "../model.js";
import type { RepositoryView } from "./repository-view.js";
import type { leftoverRailsDumps } from "../review/dumps/leftover-dumps.js";
import { isSchemaFormatSettingsPath } from "./rails-schema-format-paths.js";
import { RailsDatabases } from "./rails-databases.js";
import { schemaDumpOf, type SchemaDumpPath } from "./schema-dump-paths.js";
import { loadOnce } from "../load-once.js";

export type DumpReader = (file: DetectedFile, database?: { name: Database; version?: string }) => DumpObjects | undefined;

// dump-objects reads schema.rb with Prism, and absent-tables decides checks with review's guard code: both loaded
// only when the repository holds a dump (a lint of one SQL file never does, test/cli/startup.test.ts), through the
// analysis's loader as the other optional readers are
let readDump: typeof dumpObjects | undefined;
let absentTables: typeof againstAbsentTables | undefined;
// which of a Rails application's dumps it writes reads config/*.rb and schema.rb with Prism: loaded only for a Rails lint
let leftoverDumps: typeof leftoverRailsDumps | undefined;

/** The schema dumps among the repository's files, with their text. */
export interface RepositoryDump {
  dump: SchemaDumpPath;
  content: string;
}

export function repositoryDumps(files: readonly SourceFile[], config: Pick<Config, "schema_dumps">, paths: readonly string[]): RepositoryDump[] {
  const databases = new RailsDatabases([...paths, ...files.map((f) => f.path)]);
  return files.flatMap((file) => {
    const dump = schemaDumpOf(file.path, config, databases);
    return dump ? [{ dump, content: file.content }] : [];
  });
}

// one after the other, once (Jest's ESM loader fails on one module linked twice at once)
const loadDumpReader = loadOnce(async () => {
  const dumps = await import("../review/guards/dump-objects.js");
  const absent = await import("./absent-tables.js");
  readDump = dumps.dumpObjects;
  absentTables = absent.againstAbsentTables;
});

export function dumpReaderToLoad(dumps: readonly RepositoryDump[]): Promise<void> | undefined {
  if ((readDump && absentTables) || dumps.length === 0) return undefined;
  return loadDumpReader();
}

const loadLeftoverReader = loadOnce(async () => {
  const versions = await import("../review/dumps/dump-versions.js");
  await versions.loadDumpReaders();
  leftoverDumps = (await import("../review/dumps/leftover-dumps.js")).leftoverRailsDumps;
});

/** Rails' dumps among the files: a Rails lint reads which of them the application writes (`withoutLeftoverDumps`). */
export function leftoverReaderToLoad(files: readonly SourceFile[], rails: boolean): Promise<void> | undefined {
  if (leftoverDumps || !rails || !files.some((f) => RailsDatabases.databaseOfDump(f.path) !== undefined)) return undefined;
  return loadLeftoverReader();
}

/**
 * The repository's files without the dumps the application no longer writes (a db/schema.rb left beside the
 * db/structure.sql a `:sql` application writes: review/dumps/leftover-dumps.ts), as the review reads them: every
 * reader of "the dump" (its columns, the objects a check decides on) reads the one the application writes.
 */
export function withoutLeftoverDumps(files: readonly SourceFile[], config: Pick<Config, "schema_dumps">): readonly SourceFile[] {
  if (!leftoverDumps) return files;
  const dumps = files.filter((f) => schemaDumpOf(f.path, config) !== undefined);
  if (dumps.length === 0) return files;
  const leftovers = leftoverDumps(dumps, files.filter((f) => isSchemaFormatSettingsPath(f.path)), config);
  return leftovers.size ? files.filter((f) => !leftovers.has(f.path)) : files;
}

/** Each dump read once, the first time a migration asks for it (a dump is one schema, whichever migration asks first). */
export function readOncePerDump(): (path: string, read: () => DumpObjects | undefined) => DumpObjects | undefined {
  const read = new Map<string, DumpObjects | undefined>();
  return (path, readIt) => {
    if (!read.has(path)) read.set(path, readIt());
    return read.get(path);
  };
}

export function repositoryDumpReader(dumps: readonly RepositoryDump[]): DumpReader {
  const once = readOncePerDump();
  return (file, database) => {
    const found = dumps.find(({ dump }) => dump.covers(file));
    if (!found || !readDump) return undefined;
    const read = readDump;
    return once(found.dump.path, () => read(found.dump.path, found.dump.format, found.content, database));
  };
}

/** `lint`: findings of statements under a check of a table the repository never has (absent-tables.ts); as they are without a dump. */
export function againstRepositoryDump<R extends { finding: ReportedFinding }>(raw: readonly R[], migration: Migration, repository: RepositoryView, dumpOf: () => DumpObjects | undefined): R[] {
  return absentTables ? absentTables(raw, migration, repository, dumpOf) : [...raw];
}
