/**
 * The schema as the engine's model sees it: tables, their columns (type and nullability when known) and
 * indexes, built by applying migrations' operations in order, or read from a production snapshot. Coarser
 * than the catalogs (no defaults, constraints, views or functions), it is what `drift` can compare when the
 * migrations are Ruby or Python: Rails' db/schema.rb read by the Rails adapter, or Django's migrations.
 */
import { parseStatements } from "../adapters/sql/pg-parser.js";
import type { Migration, Operation, TypeRef } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { typeFromText } from "../types.js";
import { columnShape } from "./production.js";
import type { SchemaObject } from "./snapshot-file.js";

/** Where the model got an object from, for a finding's location. */
export interface ModelSource {
  path: string;
  line: number;
  statement: string;
}

export interface ModelColumn {
  name: string;
  type?: TypeRef;
  notNull?: boolean;
  at?: ModelSource;
}

export interface ModelIndex {
  name: string;
  table: string;
  /** column names, or expressions as written */
  columns: string[];
  unique: boolean;
  at?: ModelSource;
}

export interface ModelTable {
  name: string;
  columns: Map<string, ModelColumn>;
  at?: ModelSource;
}

const sourceOf = (migration: Migration, op: Operation): ModelSource => ({ path: migration.path, line: op.loc.line, statement: op.text });

export class ModelSchema {
  readonly tables = new Map<string, ModelTable>();
  readonly indexes = new Map<string, ModelIndex>();
  /** statements the model cannot follow (raw SQL, data code that may change the schema): the comparison may miss what they do */
  readonly unmodelled: ModelSource[] = [];

  private table(name: string): ModelTable | undefined {
    return this.tables.get(nameKey(name));
  }

  private dropIndexesOf(table: string, column?: string): void {
    for (const [key, index] of this.indexes)
      if (nameKey(index.table) === nameKey(table) && (column === undefined || index.columns.some((c) => nameKey(c) === nameKey(column)))) this.indexes.delete(key);
  }

  /** Apply one migration's up. */
  apply(migration: Migration): this {
    for (const op of migration.up) {
      const at = sourceOf(migration, op);
      switch (op.kind) {
        case "create_table": {
          const columns = new Map<string, ModelColumn>();
          for (const c of op.columns) columns.set(nameKey(c.name), { name: c.name, type: c.type, notNull: c.notNull || c.primaryKey, at });
          this.tables.set(nameKey(op.table), { name: op.table, columns, at });
          break;
        }
        case "drop_table":
          for (const t of op.tables) {
            this.tables.delete(nameKey(t));
            this.dropIndexesOf(t);
          }
          break;
        case "rename_table": {
          const table = this.table(op.table);
          if (!table) break;
          this.tables.delete(nameKey(op.table));
          this.tables.set(nameKey(op.newName), { ...table, name: op.newName });
          for (const index of this.indexes.values()) if (nameKey(index.table) === nameKey(op.table)) index.table = op.newName;
          break;
        }
        case "add_column":
        case "redefine_column":
          this.table(op.table)?.columns.set(nameKey(op.column.name), { name: op.column.name, type: op.column.type, notNull: op.column.notNull || op.column.primaryKey, at });
          break;
        case "drop_column":
          this.table(op.table)?.columns.delete(nameKey(op.column));
          this.dropIndexesOf(op.table, op.column);
          break;
        case "rename_column": {
          const table = this.table(op.table);
          const column = table?.columns.get(nameKey(op.column));
          if (!table || !column) break;
          table.columns.delete(nameKey(op.column));
          table.columns.set(nameKey(op.newName), { ...column, name: op.newName, at });
          for (const index of this.indexes.values())
            if (nameKey(index.table) === nameKey(op.table)) index.columns = index.columns.map((c) => (nameKey(c) === nameKey(op.column) ? op.newName : c));
          break;
        }
        case "alter_column_type": {
          const column = this.table(op.table)?.columns.get(nameKey(op.column));
          if (column) Object.assign(column, { type: op.type, at });
          break;
        }
        case "set_not_null":
        case "drop_not_null": {
          const column = this.table(op.table)?.columns.get(nameKey(op.column));
          if (column) Object.assign(column, { notNull: op.kind === "set_not_null", at });
          break;
        }
        case "add_index":
          if (op.name) this.indexes.set(nameKey(op.name), { name: op.name, table: op.table, columns: op.columns, unique: op.unique, at });
          break;
        case "drop_index":
          for (const name of op.names) this.indexes.delete(nameKey(name));
          if (op.names.length === 0 && op.table) {
            const columns = op.columns.map(nameKey).join(",");
            for (const [key, index] of this.indexes) if (nameKey(index.table) === nameKey(op.table) && index.columns.map(nameKey).join(",") === columns) this.indexes.delete(key);
          }
          break;
        case "rename_object":
          if (op.objectType === "index") {
            const index = this.indexes.get(nameKey(op.name));
            if (index) {
              this.indexes.delete(nameKey(op.name));
              this.indexes.set(nameKey(op.newName), { ...index, name: op.newName });
            }
          }
          break;
        case "raw":
          if (op.table || op.statement === "DO") this.unmodelled.push(at);
          break;
        default:
          break;
      }
    }
    return this;
  }
}

/** The tables, columns and indexes of a production snapshot, in the model's terms. */
export function productionModel(objects: readonly SchemaObject[]): ModelSchema {
  const schema = new ModelSchema();
  const member = (o: SchemaObject) => (o.parent && o.name.startsWith(`${o.parent}.`) ? o.name.slice(o.parent.length + 1) : o.name).replace(/^"|"$/g, "");
  // an index that backs a primary key or unique constraint is the constraint's, which the model does not compare
  const constraintIndexes = new Set(objects.filter((o) => o.kind === "constraint" && o.parent).map((o) => `${nameKey(o.parent!)}.${nameKey(member(o))}`));
  for (const o of objects) if (o.kind === "table") schema.tables.set(nameKey(o.name), { name: o.name.replace(/^public\./, ""), columns: new Map() });
  for (const o of objects) {
    if (o.kind === "column" && o.parent) {
      const shape = columnShape(o.definition);
      schema.tables.get(nameKey(o.parent))?.columns.set(nameKey(member(o)), { name: member(o), type: catalogType(shape.type), notNull: shape.notNull });
    } else if (o.kind === "index" && o.parent) {
      const index = indexOf(o.definition);
      const name = o.name.slice(o.name.lastIndexOf(".") + 1).replace(/"/g, "");
      if (constraintIndexes.has(`${nameKey(o.parent)}.${nameKey(name)}`)) continue;
      if (index) schema.indexes.set(nameKey(o.name), { name, table: o.parent.replace(/^public\./, ""), ...index });
    }
  }
  return schema;
}

/** format_type's spelling (`timestamp(6) with time zone`, `character varying(40)[]`) as a TypeRef. */
export function catalogType(text: string): TypeRef {
  const array = text.endsWith("[]");
  const bare = array ? text.replace(/(\[\])+$/, "") : text;
  // the modifiers sit inside the name for some types: move them to the end, where typeFromText reads them
  const m = /^(.*?)\(([\d, ]+)\)(.*)$/.exec(bare);
  const moved = m ? `${m[1]}${m[3]}(${m[2]})` : bare;
  return typeFromText(`${moved}${array ? "[]" : ""}`);
}

interface PgIndexParam {
  IndexElem?: { name?: string; expr?: unknown };
}

/** `CREATE UNIQUE INDEX x ON public.t USING btree (a, lower(b))`: uniqueness and the plain columns (an expression stays as `(expr)`). */
function indexOf(definition: string): { columns: string[]; unique: boolean } | undefined {
  const [statement] = parseStatements(definition).statements;
  const node = statement?.stmt.IndexStmt as { unique?: boolean; indexParams?: PgIndexParam[] } | undefined;
  if (!node) return undefined;
  return { unique: Boolean(node.unique), columns: (node.indexParams ?? []).map((p) => p.IndexElem?.name ?? "(expression)") };
}
