/** Column commands: add/remove/rename/change a column, its NULL-ness, its default, timestamps. */
import type { OperationInput } from "../../../model.js";
import { columnDefault } from "../column-default.js";
import { columnType } from "../column-types.js";
import { columnSpec, timestampColumns } from "../column-spec.js";
import { sqlTypeChange } from "../sql-fragments.js";
import { CallNode, HashNode, KeywordHashNode } from "@ruby/prism";
import { evaluate, nameOf, Options, truthy, type RubyValue } from "../values.js";
import { irreversible, step, type Command, type CommandContext, type CommandHandler, type OpBase } from "./context.js";

const addColumn: CommandHandler = (cmd, ctx) => {
  const [tableArg, columnArg, type] = cmd.args;
  const table = nameOf(tableArg);
  const column = nameOf(columnArg);
  if (!table || !column) return undefined;
  const spec = columnSpec(column, type, cmd.opts, ctx.railsVersion);
  const base = ctx.base(cmd.node);
  return [
    step(
      [{ kind: "add_column", ...base, table, column: spec, ifNotExists: cmd.opts.flag("if_not_exists") === true }],
      [{ kind: "drop_column", ...base, table, column, type: spec.type }],
    ),
  ];
};

const removeColumn: CommandHandler = (cmd, ctx) => {
  const [tableArg, columnArg, type] = cmd.args;
  const table = nameOf(tableArg);
  const column = nameOf(columnArg);
  if (!table || !column) return undefined;
  const base = ctx.base(cmd.node);
  const spec = columnSpec(column, type, cmd.opts, ctx.railsVersion);
  const typed = type !== undefined && type.kind !== "hash";
  return [
    step(
      [{ kind: "drop_column", ...base, table, column, ifExists: cmd.opts.flag("if_exists") === true, type: typed ? spec.type : undefined }],
      // CommandRecorder#invert_remove_column: the type must be the third positional argument
      typed ? [{ kind: "add_column", ...base, table, column: spec }] : irreversible(cmd, ctx, "remove_column is only reversible if given a type"),
    ),
  ];
};

const removeColumns: CommandHandler = (cmd, ctx) => {
  const [tableArg, ...columnArgs] = cmd.args;
  const table = nameOf(tableArg);
  const columns = columnArgs.flatMap((c) => (c.kind === "array" ? c.items : [c])).map(nameOf);
  if (!table || columns.length === 0 || columns.some((c) => c === undefined)) return undefined;
  const base = ctx.base(cmd.node);
  const type = cmd.opts.get("type");
  const specs = (columns as string[]).map((c) => columnSpec(c, type, cmd.opts.without("type"), ctx.railsVersion));
  return [
    step(
      specs.map((s) => ({ kind: "drop_column", ...base, table, column: s.name, ifExists: cmd.opts.flag("if_exists") === true, type: type ? s.type : undefined })),
      type ? specs.map((s) => ({ kind: "add_column", ...base, table, column: s })) : irreversible(cmd, ctx, "remove_columns is only reversible if given a type: option"),
    ),
  ];
};

const renameColumn: CommandHandler = (cmd, ctx) => {
  const [table, from, to] = cmd.args.map(nameOf);
  if (!table || !from || !to) return undefined;
  const base = ctx.base(cmd.node);
  return [step([{ kind: "rename_column", ...base, table, column: from, newName: to }], [{ kind: "rename_column", ...base, table, column: to, newName: from }])];
};

/** Rails' PostgreSQL change_column: ALTER COLUMN TYPE, then the default and NULL-ness when the options name them. */
const changeColumn: CommandHandler = (cmd, ctx) => {
  const [tableArg, columnArg, type] = cmd.args;
  const table = nameOf(tableArg);
  const column = nameOf(columnArg);
  if (!table || !column || !type) return undefined;
  const base = ctx.base(cmd.node);
  const using = nameOf(cmd.opts.get("using"));
  const target =
    type.kind === "str"
      ? sqlTypeChange(type.value, using)
      : { type: columnType(type, cmd.opts, ctx.railsVersion).type, using };
  const ops: OperationInput[] = [];
  if (target.type) ops.push({ kind: "alter_column_type", ...base, table, column, type: target.type, using: target.using });
  if (cmd.opts.has("default")) ops.push(defaultOp(base, table, column, cmd.opts.get("default")));
  if (cmd.opts.has("null")) {
    const nullable = cmd.opts.flag("null");
    if (nullable === false) ops.push({ kind: "set_not_null", ...base, table, column });
    else if (nullable === true) ops.push({ kind: "drop_not_null", ...base, table, column });
  }
  return [step(ops, irreversible(cmd, ctx, "change_column is not reversible: Rails' command recorder has no inverse for it"))];
};

function defaultOp(base: OpBase, table: string, column: string, value: RubyValue | undefined): OperationInput {
  const def = columnDefault(value);
  return def ? { kind: "set_default", ...base, table, column, default: def } : { kind: "drop_default", ...base, table, column };
}

const changeColumnNull: CommandHandler = (cmd, ctx) => {
  const [tableArg, columnArg, nullArg, fill] = cmd.args;
  const table = nameOf(tableArg);
  const column = nameOf(columnArg);
  const nullable = truthy(nullArg);
  if (!table || !column || nullable === undefined) return undefined;
  const base = ctx.base(cmd.node);
  const ops: OperationInput[] = [];
  // with a default, Rails first runs UPDATE t SET c = <default> WHERE c IS NULL
  if (!nullable && fill && fill.kind !== "nil") ops.push({ kind: "dml", ...base, verb: "update", table, hasWhere: true, columns: [column], viaCode: true });
  const set = (notNull: boolean): OperationInput => ({ kind: notNull ? "set_not_null" : "drop_not_null", ...base, table, column });
  ops.push(set(!nullable));
  return [step(ops, [set(nullable)])];
};

const changeColumnDefault: CommandHandler = (cmd, ctx) => {
  const [tableArg, columnArg, change] = cmd.args;
  const table = nameOf(tableArg);
  const column = nameOf(columnArg);
  if (!table || !column) return undefined;
  const base = ctx.base(cmd.node);
  // Rails takes the third argument whole (default_or_changes): a hash with from:/to: (braced or as trailing keywords,
  // which the command reads as its options) names the change; any other hash is the new default itself (caesar's
  // `change_column_default :subjects, :metadata, {}` sets '{}', it does not drop the default)
  const written = change ?? trailingHash(cmd, ctx);
  const changes = written?.kind === "hash" ? new Options(written.entries) : new Options();
  const fromTo = changes.has("from") && changes.has("to");
  // one of from:/to: alone is a slip for both (Rails would take the hash as the default): its to:, if any, is the intent
  const partial = changes.has("from") || changes.has("to");
  const to = partial ? changes.get("to") : written;
  return [
    step(
      [defaultOp(base, table, column, to)],
      fromTo ? [defaultOp(base, table, column, changes.get("from"))] : irreversible(cmd, ctx, "change_column_default is only reversible if given a :from and :to option"),
    ),
  ];
};

/** The call's last argument when it is a hash (the command's options), as Ruby wrote it: `{}` included. */
function trailingHash(cmd: Command, ctx: CommandContext): RubyValue | undefined {
  const args = cmd.node instanceof CallNode ? cmd.node.arguments_?.arguments_ ?? [] : [];
  const last = args[args.length - 1];
  return last instanceof HashNode || last instanceof KeywordHashNode ? evaluate(last, ctx.env, ctx.src) : undefined;
}

const addTimestamps: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table) return undefined;
  const base = ctx.base(cmd.node);
  const columns = timestampColumns(cmd.opts, ctx.railsVersion);
  return [
    step(
      columns.map((column) => ({ kind: "add_column", ...base, table, column })),
      columns.map((c) => ({ kind: "drop_column", ...base, table, column: c.name, type: c.type })),
    ),
  ];
};

const removeTimestamps: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table) return undefined;
  const base = ctx.base(cmd.node);
  const columns = timestampColumns(cmd.opts, ctx.railsVersion);
  return [
    step(
      columns.map((c) => ({ kind: "drop_column", ...base, table, column: c.name, type: c.type })),
      columns.map((column) => ({ kind: "add_column", ...base, table, column })),
    ),
  ];
};

export const COLUMN_COMMANDS: Record<string, CommandHandler> = {
  add_column: addColumn,
  remove_column: removeColumn,
  remove_columns: removeColumns,
  rename_column: renameColumn,
  change_column: changeColumn,
  change_column_null: changeColumnNull,
  change_column_default: changeColumnDefault,
  add_timestamps: addTimestamps,
  remove_timestamps: removeTimestamps,
};
