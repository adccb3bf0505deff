/**
 * The FOREIGN KEY and CHECK constraints the earlier migrations of a folder define, by name, each with the
 * statement that adds it again (`ALTER TABLE t ADD CONSTRAINT name ...`): a down that must recreate a dropped
 * constraint writes it from here. Read from the SQL of CREATE TABLE and ALTER TABLE ... ADD CONSTRAINT (written in
 * a SQL migration or embedded in Ruby/Python), parsed with libpg-query and written back with pgsql-deparser.
 */
import type { Migration, Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { deparse, parseOne } from "../rules/support/sql-text.js";
import type { PgNode } from "../adapters/sql/pg-parser.js";

export interface ConstraintDefinition {
  table: string;
  /** the columns it constrains (a FOREIGN KEY's own columns); dropping one drops the constraint */
  columns: string[];
  /** `ALTER TABLE t ADD CONSTRAINT name ...;`, runnable as it stands */
  sql: string;
}

const TRACKED = new Set(["CONSTR_FOREIGN", "CONSTR_CHECK"]);
const strings = (list: PgNode[] | undefined): string[] => (list ?? []).map((n) => n.String?.sval).filter((s): s is string => typeof s === "string");

/** PostgreSQL's own name for an unnamed foreign key (`orders_user_id_fkey`), when it fits in 63 bytes unshortened. */
function foreignKeyName(table: string, columns: readonly string[]): string | undefined {
  const name = `${table}_${columns.join("_")}_fkey`;
  return columns.length && Buffer.byteLength(name) <= 63 ? name : undefined;
}

function definition(relation: PgNode, constraint: PgNode, columns: string[]): { name: string; definition: ConstraintDefinition } | undefined {
  const table = relation.relname as string;
  const name = (constraint.conname as string | undefined) ?? (constraint.contype === "CONSTR_FOREIGN" ? foreignKeyName(table, columns) : undefined);
  if (!name) return undefined;
  const sql = deparse({
    AlterTableStmt: {
      relation,
      cmds: [{ AlterTableCmd: { subtype: "AT_AddConstraint", def: { Constraint: { ...constraint, conname: name, ...(constraint.contype === "CONSTR_FOREIGN" ? { fk_attrs: columns.map((sval) => ({ String: { sval } })) } : {}) } }, behavior: "DROP_RESTRICT" } }],
      objtype: "OBJECT_TABLE",
    },
  });
  const schema = relation.schemaname ? `${relation.schemaname}.` : "";
  return sql ? { name, definition: { table: `${schema}${table}`, columns, sql: `${sql};` } } : undefined;
}

/** The constraints a CREATE TABLE or ALTER TABLE ... ADD CONSTRAINT statement defines, by name. */
export function definedConstraints(sql: string): Array<{ name: string; definition: ConstraintDefinition }> {
  const node = parseOne(sql);
  const out: Array<{ name: string; definition: ConstraintDefinition } | undefined> = [];
  const create = node?.CreateStmt;
  if (create?.relation) {
    for (const element of create.tableElts ?? []) {
      const column = element.ColumnDef;
      if (column) {
        for (const c of column.constraints ?? []) if (TRACKED.has(c.Constraint?.contype)) out.push(definition(create.relation, c.Constraint, [column.colname]));
      } else if (TRACKED.has(element.Constraint?.contype)) out.push(definition(create.relation, element.Constraint, strings(element.Constraint.fk_attrs)));
    }
  }
  const alter = node?.AlterTableStmt;
  if (alter?.relation && alter.objtype === "OBJECT_TABLE") {
    for (const cmd of alter.cmds ?? []) {
      const c = cmd.AlterTableCmd;
      if (c?.subtype === "AT_AddConstraint" && TRACKED.has(c.def?.Constraint?.contype)) out.push(definition(alter.relation, c.def.Constraint, strings(c.def.Constraint.fk_attrs)));
    }
  }
  return out.filter((d) => d !== undefined);
}

type Timeline = Array<{ position: number; definition: ConstraintDefinition | undefined }>;

/** Per migration set, each constraint name's definitions in position order (undefined once dropped). */
export class ConstraintHistory {
  private readonly sets = new Map<string, Map<string, Timeline>>();

  /** What the up of the migration at `position` of `set` does to constraints. */
  record(set: string, position: number, migration: Migration): void {
    const byName = this.sets.get(set) ?? new Map<string, Timeline>();
    this.sets.set(set, byName);
    const put = (name: string, definition: ConstraintDefinition | undefined) => {
      const list = byName.get(nameKey(name)) ?? [];
      list.push({ position, definition });
      byName.set(nameKey(name), list);
    };
    const current = () => [...byName].flatMap(([name, list]) => (list.at(-1)?.definition ? [{ name, definition: list.at(-1)!.definition! }] : []));
    for (const op of migration.up) this.apply(op, put, current);
  }

  private apply(op: Operation, put: (name: string, definition: ConstraintDefinition | undefined) => void, current: () => Array<{ name: string; definition: ConstraintDefinition }>): void {
    if ((op.kind === "create_table" && !op.temporary && !op.asSelect) || op.kind === "add_constraint") {
      for (const { name, definition } of definedConstraints(op.text)) put(name, definition);
    } else if (op.kind === "drop_constraint" && op.name) put(op.name, undefined);
    else if (op.kind === "drop_table" || op.kind === "rename_table") {
      // a constraint goes with its table (a renamed table's constraints keep their names, on a table of another name)
      const gone = new Set(op.kind === "drop_table" ? op.tables.map(nameKey) : [nameKey(op.table)]);
      for (const { name, definition } of current()) if (gone.has(nameKey(definition.table))) put(name, undefined);
    } else if (op.kind === "drop_column" || op.kind === "rename_column") {
      for (const { name, definition } of current())
        if (nameKey(definition.table) === nameKey(op.table) && definition.columns.some((c) => nameKey(c) === nameKey(op.column))) put(name, undefined);
    }
  }

  /** The definition of constraint `name` as the migrations of `set` before `position` leave it. */
  before(set: string, position: number, name: string): ConstraintDefinition | undefined {
    let found: ConstraintDefinition | undefined;
    for (const entry of this.sets.get(set)?.get(nameKey(name)) ?? []) {
      if (entry.position >= position) break;
      found = entry.definition;
    }
    return found;
  }
}
