/**
 * Production against the schema the engine's model builds (Rails' db/schema.rb, Django's migrations): tables,
 * columns with their type and nullability, and (when the model names them exactly, as schema.rb does)
 * indexes. A type is compared as far as the model knows it: a timestamp without a precision in the model is
 * the framework's default (Rails 7 writes `timestamp(6)`), not a difference.
 */
import type { TypeRef } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import type { ModelSchema, ModelSource } from "./model-schema.js";

export interface ModelDifference {
  change: "only in production" | "only in migrations" | "differs";
  kind: "table" | "column" | "index";
  /** `orders`, `orders.note`, `index_orders_on_user_id` */
  name: string;
  production?: string;
  migrations?: string;
  /** where the migrations make it */
  at?: ModelSource;
}

export interface ModelComparison {
  /** compare indexes by name (only when the model has their real names) */
  indexes: boolean;
  /** tables that belong to what was built (Django: the apps under PATH); production's others are not compared */
  inScope: (table: string) => boolean;
  ignored: (kind: string, name: string) => boolean;
}

const DEFAULT_PRECISION = new Set(["timestamp", "timestamptz", "time", "timetz", "interval"]);

export const typeText = (type: TypeRef): string => `${type.name}${type.mods.length ? `(${type.mods.join(",")})` : ""}${type.array ? "[]" : ""}`;

function sameType(production: TypeRef, model: TypeRef): boolean {
  if (production.name !== model.name || production.array !== model.array) return false;
  if (model.mods.length === 0 && DEFAULT_PRECISION.has(model.name)) return true;
  return production.mods.join(",") === model.mods.join(",");
}

const describe = (type: TypeRef | undefined, notNull: boolean | undefined) => [type ? typeText(type) : undefined, notNull ? "not null" : undefined].filter(Boolean).join(" ");

export function compareModels(production: ModelSchema, built: ModelSchema, options: ModelComparison): ModelDifference[] {
  const out: ModelDifference[] = [];
  for (const [key, table] of built.tables) {
    if (options.ignored("table", table.name)) continue;
    const there = production.tables.get(key);
    if (!there) {
      out.push({ change: "only in migrations", kind: "table", name: table.name, at: table.at });
      continue;
    }
    for (const [columnKey, column] of table.columns) {
      const name = `${table.name}.${column.name}`;
      if (options.ignored("column", name)) continue;
      const other = there.columns.get(columnKey);
      if (!other) out.push({ change: "only in migrations", kind: "column", name, migrations: describe(column.type, column.notNull), at: column.at });
      else {
        const typeDiffers = column.type && other.type && !sameType(other.type, column.type);
        const nullDiffers = column.notNull !== undefined && other.notNull !== undefined && column.notNull !== other.notNull;
        if (typeDiffers || nullDiffers)
          out.push({ change: "differs", kind: "column", name, production: describe(other.type, other.notNull), migrations: describe(column.type ?? other.type, column.notNull), at: column.at });
      }
    }
    for (const [columnKey, column] of there.columns) {
      const name = `${table.name}.${column.name}`;
      if (!table.columns.has(columnKey) && !options.ignored("column", name)) out.push({ change: "only in production", kind: "column", name, production: describe(column.type, column.notNull) });
    }
  }
  for (const [key, table] of production.tables) {
    if (!built.tables.has(key) && options.inScope(table.name) && !options.ignored("table", table.name)) out.push({ change: "only in production", kind: "table", name: table.name });
  }
  if (options.indexes) {
    const scoped = (table: string) => built.tables.has(nameKey(table));
    for (const [key, index] of built.indexes) {
      if (options.ignored("index", index.name)) continue;
      const there = production.indexes.get(key);
      const shape = (i: { unique: boolean; columns: string[] }) => `${i.unique ? "unique " : ""}(${i.columns.join(", ")})`;
      if (!there) out.push({ change: "only in migrations", kind: "index", name: index.name, migrations: shape(index), at: index.at });
      else {
        // an expression's text differs between the framework and the catalogs: compare plain columns only
        const plain = [...index.columns, ...there.columns].every((c) => /^[A-Za-z_][A-Za-z0-9_$]*$/.test(c));
        if (there.unique !== index.unique || (plain && there.columns.map(nameKey).join(",") !== index.columns.map(nameKey).join(",")))
          out.push({ change: "differs", kind: "index", name: index.name, production: shape(there), migrations: shape(index), at: index.at });
      }
    }
    for (const [key, index] of production.indexes)
      if (!built.indexes.has(key) && scoped(index.table) && !options.ignored("index", index.name)) out.push({ change: "only in production", kind: "index", name: index.name, production: `on ${index.table} ${index.unique ? "unique " : ""}(${index.columns.join(", ")})` });
  }
  return out;
}
