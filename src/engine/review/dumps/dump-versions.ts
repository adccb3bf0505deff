/** The migration versions a schema dump says it contains. */
import type { DumpFormat } from "../classify.js";
import { newestVersion } from "../versions.js";
import { schemaRbVersions } from "./schema-rb.js";
import { structureSqlVersions } from "./structure-sql.js";

export interface DumpVersions {
  /** every version recorded (schema.rb: one; structure.sql: the schema_migrations rows) */
  versions: string[];
  newest?: string;
  /** line of the version (schema.rb's define, structure.sql's INSERT) */
  line?: number;
  /** why no version could be read */
  problem?: string;
}

export function dumpVersions(format: DumpFormat, content: string): DumpVersions {
  const read = format === "schema.rb" ? schemaRbVersions(content) : structureSqlVersions(content);
  return { ...read, newest: read.newest ?? newestVersion(read.versions) };
}
