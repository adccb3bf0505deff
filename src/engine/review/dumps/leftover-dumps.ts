/**
 * Rails dumps nothing writes any more: db:migrate dumps in one format, the application's schema_format
 * (repository/rails-schema-format.ts), so a db/schema.rb left beside the db/structure.sql a `:sql` application
 * writes (or the other way round) is a leftover. Read neither as the dump a migration should update nor as the
 * schema the migrations build: every rule that reads "the dump" reads the one the application writes.
 * Without a setting the history says which: the dump whose version is far behind the other's stopped being written
 * (a dump still written falls behind by a change that forgot it, days or weeks: that is a finding, not a leftover).
 */
import type { Config } from "../../config.js";
import type { SourceFile } from "../../model.js";
import { compareVersions } from "../../migration-versions.js";
import { RailsDatabases } from "../../repository/rails-databases.js";
import { railsSchemaFormat } from "../../repository/rails-schema-format.js";
import { isConfiguredDump, schemaDumpOf, type SchemaDumpPath } from "../../repository/schema-dump-paths.js";
import { dumpVersions } from "./dump-versions.js";

export interface DumpCandidate {
  path: string;
  /** its content where the change leaves it (head, else base); undefined when not read */
  content?: string;
}

/** The application folder of a Rails dump's database key (`x/db/cache` -> `x`, `db/` -> ""). */
const applicationOf = (database: string) => RailsDatabases.primaryOf(database).replace(/\/?db\/$/, "");

/** Leftover dumps among `dumps`, each with why. `settings`: config/application.rb and config/environments/*.rb at head. */
export function leftoverRailsDumps(dumps: readonly DumpCandidate[], settings: readonly SourceFile[], config: Pick<Config, "schema_dumps">): Map<string, string> {
  const rails = dumps.flatMap((candidate) => {
    const dump = schemaDumpOf(candidate.path, config);
    const database = RailsDatabases.databaseOfDump(candidate.path);
    // a dump the config names is the project's own word: kept whatever its format
    if (!dump || database === undefined || isConfiguredDump(candidate.path, config.schema_dumps)) return [];
    return [{ ...candidate, dump, database }];
  });
  const out = new Map<string, string>();
  const formats = new Map<string, ReturnType<typeof railsSchemaFormat>>();
  for (const candidate of rails) {
    const application = applicationOf(candidate.database);
    if (!formats.has(application)) formats.set(application, railsSchemaFormat(settings, application));
    const setting = formats.get(application);
    if (setting && setting.format !== candidate.dump.format)
      out.set(candidate.path, `${setting.path} sets schema_format = ${setting.value}: db:migrate writes ${setting.format === "structure.sql" ? "structure.sql" : "schema.rb"}, not ${candidate.path}`);
  }
  // no setting: of a database's two dumps, the one whose version is behind the other's is no longer written
  const byDatabase = new Map<string, typeof rails>();
  for (const candidate of rails) if (!formats.get(applicationOf(candidate.database))) byDatabase.set(candidate.database, [...(byDatabase.get(candidate.database) ?? []), candidate]);
  for (const pair of byDatabase.values()) {
    const rb = pair.find((c) => c.dump.format === "schema.rb");
    const sql = pair.find((c) => c.dump.format === "structure.sql");
    if (!rb || !sql) continue;
    const rbVersion = versionOf(rb.dump, rb.content);
    const sqlVersion = versionOf(sql.dump, sql.content);
    if (rbVersion === undefined || sqlVersion === undefined) continue;
    const order = compareVersions(rbVersion, sqlVersion);
    if (order === 0 || !farApart(rbVersion, sqlVersion)) continue;
    const [stale, current] = order < 0 ? [rb, sql] : [sql, rb];
    const [staleVersion, currentVersion] = order < 0 ? [rbVersion, sqlVersion] : [sqlVersion, rbVersion];
    out.set(stale.path, `${stale.path} records version ${staleVersion}, behind ${current.path}'s ${currentVersion}: db:migrate writes ${current.path}`);
  }
  return out;
}

/** How far apart two dumps may fall while both are still written: a change or two that forgot one. */
const STILL_WRITTEN_DAYS = 180;

/** Two timestamp versions (YYYYMMDDHHMMSS) more than STILL_WRITTEN_DAYS apart; other versions never are. */
function farApart(a: string, b: string): boolean {
  const dateOf = (v: string) => {
    const m = /^(\d{4})(\d{2})(\d{2})\d{6}$/.exec(v.replace(/_/g, ""));
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
  };
  const [x, y] = [dateOf(a), dateOf(b)];
  return x !== undefined && y !== undefined && Math.abs(x - y) > STILL_WRITTEN_DAYS * 86_400_000;
}

function versionOf(dump: SchemaDumpPath, content: string | undefined): string | undefined {
  if (content === undefined) return undefined;
  try {
    return dumpVersions(dump.format, content).newest;
  } catch {
    return undefined;
  }
}
