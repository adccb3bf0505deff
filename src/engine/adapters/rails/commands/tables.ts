/** create_table (with `force:` and `as:`), create/drop_join_table, drop_table, rename_table, change_table. */
import type { OperationInput } from "../../../model.js";
import { parseEmbeddedSql } from "../../sql/index.js";
import { columnSpec } from "../column-spec.js";
import { foreignKeyColumn } from "../inflections.js";
import { readTableDefinition } from "../table-definition.js";
import { nameOf, Options } from "../values.js";
import { irreversible, step, type CommandHandler, type OpBase } from "./context.js";
import { append } from "../../../append.js";

/** CREATE TABLE ... AS <query>: the table the query copies from (a backup made before a drop). */
function copiedFrom(table: string, query: string): string | undefined {
  const { ops } = parseEmbeddedSql(`CREATE TABLE "${table.replace(/"/g, '""')}" AS ${query}`, { line: 1, inTransaction: false });
  const op = ops[0];
  return op?.kind === "create_table" ? op.copiedFrom : undefined;
}

const createTable: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table) return undefined;
  const base = ctx.base(cmd.node);
  const def = readTableDefinition(table, cmd.opts, cmd.block, ctx);
  const ops: OperationInput[] = [];
  const force = cmd.opts.get("force");
  // force: true / :cascade drops an existing table of that name first
  if (force && !(force.kind === "bool" && !force.value) && force.kind !== "nil")
    ops.push({ kind: "drop_table", ...base, tables: [table], ifExists: true, cascade: force.kind === "sym" && force.value === "cascade" });
  const as = nameOf(cmd.opts.get("as"));
  ops.push({
    kind: "create_table",
    ...base,
    table,
    columns: def.columns,
    constraints: def.constraints,
    ifNotExists: cmd.opts.flag("if_not_exists") === true,
    temporary: cmd.opts.flag("temporary") === true,
    asSelect: as !== undefined,
    copiedFrom: as !== undefined ? copiedFrom(table, as) : undefined,
    ...(def.columnsUnread ? { columnsUnread: true } : {}),
  });
  append(ops, def.indexes);
  return [step(ops, [{ kind: "drop_table", ...base, tables: [table] }])];
};

/** Rails' find_join_table_name: sorted names, a shared prefix written once (music_artists + music_records -> music_artists_records). */
export function joinTableName(a: string, b: string): string {
  const [first, second] = [a, b].sort();
  const shared = /^(.*_)(.+)\0\1(.+)$/.exec(`${first}\0${second}`);
  return shared ? `${shared[1]}${shared[2]}_${shared[3]}` : `${first}_${second}`;
}

function joinTable(base: OpBase, a: string, b: string, opts: Options, railsVersion: number): Extract<OperationInput, { kind: "create_table" }> {
  const table = opts.name("table_name") ?? joinTableName(a, b);
  const columnOpts = new Options(new Map([["null", { kind: "bool", value: false }]]));
  const type = { kind: "sym" as const, value: railsVersion >= 5.1 ? "bigint" : "integer" };
  return { kind: "create_table", ...base, table, columns: [a, b].map((t) => columnSpec(foreignKeyColumn(t), type, columnOpts, railsVersion)) };
}

const createJoinTable: CommandHandler = (cmd, ctx) => {
  const [a, b] = cmd.args.map(nameOf);
  if (!a || !b) return undefined;
  const base = ctx.base(cmd.node);
  const op = joinTable(base, a, b, cmd.opts, ctx.railsVersion);
  return [step([op], [{ kind: "drop_table", ...base, tables: [op.table] }])];
};

const dropJoinTable: CommandHandler = (cmd, ctx) => {
  const [a, b] = cmd.args.map(nameOf);
  if (!a || !b) return undefined;
  const base = ctx.base(cmd.node);
  const op = joinTable(base, a, b, cmd.opts, ctx.railsVersion);
  return [step([{ kind: "drop_table", ...base, tables: [op.table] }], [op])];
};

const dropTable: CommandHandler = (cmd, ctx) => {
  const tables = cmd.args.map(nameOf);
  if (tables.length === 0 || tables.some((t) => !t)) return undefined;
  const names = tables as string[];
  const base = ctx.base(cmd.node);
  const force = cmd.opts.get("force");
  const op: OperationInput = { kind: "drop_table", ...base, tables: names, ifExists: cmd.opts.flag("if_exists") === true, cascade: force?.kind === "sym" && force.value === "cascade" };
  // CommandRecorder#invert_drop_table
  const options = cmd.opts.without("if_exists");
  let revert: OperationInput[] | ReturnType<typeof irreversible>;
  if (names.length > 1) revert = irreversible(cmd, ctx, "drop_table is only reversible if given a single table name");
  else if (options.size === 0 && !cmd.block) revert = irreversible(cmd, ctx, "drop_table is only reversible if given options or a block (can be empty) describing the table");
  else {
    const def = readTableDefinition(names[0], options, cmd.block, ctx);
    revert = [{ kind: "create_table", ...base, table: names[0], columns: def.columns, constraints: def.constraints }, ...def.indexes];
  }
  return [step([op], revert)];
};

const renameTable: CommandHandler = (cmd, ctx) => {
  const [from, to] = cmd.args.map(nameOf);
  if (!from || !to) return undefined;
  const base = ctx.base(cmd.node);
  return [step([{ kind: "rename_table", ...base, table: from, newName: to }], [{ kind: "rename_table", ...base, table: to, newName: from }])];
};

/** change_table: every `t.*` call is recorded (and inverted) as the migration-level command it stands for. */
const changeTable: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table || !cmd.block) return undefined;
  return ctx.tableBlock(cmd.block, table);
};

export const TABLE_COMMANDS: Record<string, CommandHandler> = {
  create_table: createTable,
  create_join_table: createJoinTable,
  drop_join_table: dropJoinTable,
  drop_table: dropTable,
  rename_table: renameTable,
  change_table: changeTable,
};
