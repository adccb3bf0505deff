/**
 * The body of `create_table :t do |t| ... end` (and of `drop_table` with a block, which Rails needs to
 * recreate the table on rollback): columns, references, timestamps, indexes and constraints, as Rails'
 * TableDefinition collects them. Indexes and foreign keys of a new table are created right after it.
 */
import { CallNode, ElseNode, IfNode, StatementsNode, UnlessNode, type BlockNode, type Node } from "@ruby/prism";
import type { ColumnSpec, ConstraintType, OperationInput } from "../../model.js";
import { blockParams } from "./block-params.js";
import { callArgs, localName } from "./call-args.js";
import { columnSpec, timestampColumns } from "./column-spec.js";
import { foreignKeyOp } from "./commands/constraints.js";
import { checkConstraint } from "./check-constraint-sql.js";
import type { CommandContext } from "./commands/context.js";
import { addIndexOp } from "./commands/indexes.js";
import { foreignKeyColumn } from "./inflections.js";
import { referenceParts } from "./reference.js";
import { isHash, nameOf, namesOf, Options, type RubyValue } from "./values.js";

export interface TableDefinition {
  columns: ColumnSpec[];
  constraints: Array<{ type: ConstraintType; columns: string[]; sql?: string; name?: string; expression?: string }>;
  /** indexes Rails creates right after CREATE TABLE */
  indexes: OperationInput[];
  /** the block holds a statement this reader does not follow (a plugin's t.attachment, a helper, a loop): it may add columns not listed */
  columnsUnread?: boolean;
}

/** `t.string`, `t.integer`, ...: the column types TableDefinition defines a method for. */
export const COLUMN_METHODS = new Set([
  "string", "text", "integer", "bigint", "float", "decimal", "numeric", "datetime", "timestamp", "timestamptz", "time", "date",
  "binary", "blob", "boolean", "json", "jsonb", "uuid", "inet", "cidr", "macaddr", "hstore", "citext", "ltree", "tsvector", "xml",
  "money", "interval", "oid", "point", "line", "lseg", "box", "path", "polygon", "circle", "daterange", "numrange", "tsrange",
  "tstzrange", "int4range", "int8range", "primary_key", "serial", "bigserial", "bit", "bit_varying", "enum", "virtual",
]);

function primaryKeyColumns(tableOpts: Options, railsVersion: number): ColumnSpec[] {
  const id = tableOpts.get("id");
  if (id?.kind === "bool" && !id.value) return [];
  const pk = namesOf(tableOpts.get("primary_key")) ?? ["id"];
  if (pk.length > 1) return []; // composite: the columns are defined in the block
  const type: RubyValue = id?.kind === "sym" || id?.kind === "str" ? id : { kind: "sym", value: "primary_key" };
  const spec = columnSpec(pk[0], type, new Options(), railsVersion);
  return [{ ...spec, primaryKey: true, notNull: true, serial: spec.serial || (type.kind === "sym" && type.value === "primary_key") }];
}

/**
 * The columns paperclip's t.attachment adds for an attachment `x`: x_file_name and x_content_type strings, x_updated_at a
 * datetime; x_file_size an integer in older paperclips and a bigint in newer ones, which version ran the migration
 * is not known: no type (a fix that needs it says so).
 */
const PAPERCLIP_COLUMNS: ReadonlyArray<[string, string | undefined]> = [
  ["file_name", "string"],
  ["content_type", "string"],
  ["file_size", undefined],
  ["updated_at", "datetime"],
];

export function readTableDefinition(table: string, tableOpts: Options, block: BlockNode | null, ctx: CommandContext): TableDefinition {
  const def: TableDefinition = { columns: primaryKeyColumns(tableOpts, ctx.railsVersion), constraints: [], indexes: [] };
  const composite = namesOf(tableOpts.get("primary_key"));
  if (composite && composite.length > 1) def.constraints.push({ type: "primary_key", columns: composite });
  const param = blockParams(block)[0];
  if (!block || !param) return def;

  const addColumn = (spec: ColumnSpec, node: Node, index: RubyValue | undefined) => {
    def.columns.push(spec);
    if (index && index.kind !== "nil" && !(index.kind === "bool" && !index.value))
      def.indexes.push(addIndexOp(ctx.base(node), table, [spec.name], isHash(index) ? new Options(index.entries) : new Options()));
  };

  const visit = (node: Node | null): void => {
    if (!node) return;
    if (node instanceof StatementsNode) return node.body.forEach(visit);
    if (node instanceof IfNode) return [node.statements, node.subsequent].forEach(visit);
    if (node instanceof UnlessNode) return [node.statements, node.elseClause].forEach(visit);
    if (node instanceof ElseNode) return visit(node.statements);
    if (!(node instanceof CallNode) || localName(node.receiver) !== param) {
      def.columnsUnread = true;
      return;
    }
    const { args, opts } = callArgs(node, ctx.env, ctx.src);
    const method = node.name;
    if (method === "column") {
      const name = nameOf(args[0]);
      if (name) addColumn(columnSpec(name, args[1], opts, ctx.railsVersion), node, opts.get("index"));
      else def.columnsUnread = true;
    } else if (COLUMN_METHODS.has(method)) {
      const type: RubyValue = { kind: "sym", value: method === "blob" ? "binary" : method };
      for (const name of args.map(nameOf)) if (name) addColumn(columnSpec(name, type, opts, ctx.railsVersion), node, opts.get("index"));
      if (args.some((a) => !nameOf(a))) def.columnsUnread = true;
    } else if (method === "references" || method === "belongs_to") {
      for (const ref of args.map(nameOf)) {
        if (!ref) {
          def.columnsUnread = true;
          continue;
        }
        const parts = referenceParts(table, ref, opts, ctx.railsVersion);
        const id = parts.columns[parts.columns.length - 1];
        if (parts.foreignKey) id.references = { table: parts.foreignKey.to, notValid: parts.foreignKey.opts.flag("validate") === false, sql: foreignKeyOp(ctx.base(node), table, parts.foreignKey.to, parts.foreignKey.opts).sql };
        def.columns.push(...parts.columns);
        if (parts.index) def.indexes.push(addIndexOp(ctx.base(node), table, parts.index.columns, parts.index.opts));
      }
    } else if (method === "attachment") {
      // paperclip's t.attachment (Paperclip::Schema::COLUMNS): each name's four columns
      for (const name of args.map(nameOf)) {
        if (!name) {
          def.columnsUnread = true;
          continue;
        }
        for (const [suffix, type] of PAPERCLIP_COLUMNS) def.columns.push(columnSpec(`${name}_${suffix}`, type ? { kind: "sym", value: type } : undefined, opts, ctx.railsVersion));
      }
    } else if (method === "timestamps") {
      def.columns.push(...timestampColumns(opts, ctx.railsVersion));
    } else if (method === "index") {
      const columns = namesOf(args[0]);
      if (columns) def.indexes.push(addIndexOp(ctx.base(node), table, columns, opts));
    } else if (method === "check_constraint") {
      const expression = nameOf(args[0]);
      const check = expression === undefined ? undefined : checkConstraint(table, expression, opts);
      def.constraints.push({ type: "check", columns: [], ...(check ? { name: check.name, expression, sql: check.sql } : {}) });
    } else if (method === "foreign_key") {
      const to = nameOf(args[0]);
      if (to) {
        const fk = foreignKeyOp(ctx.base(node), table, to, opts);
        def.constraints.push({ type: "foreign_key", columns: fk.columns ?? [foreignKeyColumn(to)], sql: fk.sql });
      }
    } else if (method === "unique_constraint") {
      def.constraints.push({ type: "unique", columns: namesOf(args[0]) ?? [] });
    } else if (method === "exclusion_constraint") {
      def.constraints.push({ type: "exclusion", columns: [] });
    } else def.columnsUnread = true;
  };
  visit(block.body);
  return def;
}
