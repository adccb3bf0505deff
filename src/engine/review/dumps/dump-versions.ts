/** The migration versions a schema dump says it contains. */
import type { DumpFormat } from "../../repository/schema-dump-paths.js";
import { newestVersion } from "../../migration-versions.js";
import type { schemaRbDumper as readDumper, schemaRbItems as readItems, schemaRbShape as readShape, schemaRbVersions } from "./schema-rb.js";
import { structureSqlVersions } from "./structure-sql.js";
import type { DumpItem } from "./dump-items.js";

// schema.rb is read with Prism: loaded by the review (loadReviewEngine), not by the rule catalogue, which
// imports this module through the review rules and serves lints that never parse Ruby
let readSchemaRb: typeof schemaRbVersions | undefined;
let readSchemaRbShape: typeof readShape | undefined;
let readSchemaRbItems: typeof readItems | undefined;
let readSchemaRbDumper: typeof readDumper | undefined;
export async function loadDumpReaders(): Promise<void> {
  const module = await import("./schema-rb.js");
  readSchemaRb ??= module.schemaRbVersions;
  readSchemaRbShape ??= module.schemaRbShape;
  readSchemaRbItems ??= module.schemaRbItems;
  readSchemaRbDumper ??= module.schemaRbDumper;
}

/** schema.rb's tables, columns, indexes and version in a canonical order (see schema-rb.ts), read with Prism once loaded. */
export function schemaRbShape(content: string): string | undefined {
  if (!readSchemaRbShape) throw new Error("the schema.rb reader is not loaded: call loadReviewEngine() first");
  return readSchemaRbShape(content);
}

/** schema.rb's items (dump-items.ts), read with Prism once loaded. */
export function schemaRbItems(content: string): DumpItem[] | undefined {
  if (!readSchemaRbItems) throw new Error("the schema.rb reader is not loaded: call loadReviewEngine() first");
  return readSchemaRbItems(content);
}

/** The Rails format a schema.rb names (`ActiveRecord::Schema[7.0]`), read with Prism once loaded. */
export function schemaRbDumper(content: string): string | undefined {
  if (!readSchemaRbDumper) throw new Error("the schema.rb reader is not loaded: call loadReviewEngine() first");
  return readSchemaRbDumper(content);
}

/** schema.rb's tables, columns and indexes without its version (the shape's first line): what the dump describes. */
export const shapeTables = (shape: string): string => shape.slice(shape.indexOf("\n") + 1);

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
  if (format === "schema.rb" && !readSchemaRb) throw new Error("the schema.rb reader is not loaded: call loadReviewEngine() first");
  const read = format === "schema.rb" ? readSchemaRb!(content) : structureSqlVersions(content);
  return { ...read, newest: read.newest ?? newestVersion(read.versions) };
}
