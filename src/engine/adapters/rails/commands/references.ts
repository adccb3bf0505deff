/** add_reference / remove_reference (and their belongs_to aliases). */
import type { OperationInput } from "../../../model.js";
import { referenceParts } from "../reference.js";
import { nameOf } from "../values.js";
import { step, type CommandHandler } from "./context.js";
import { foreignKeyOp } from "./constraints.js";
import { addIndexOp } from "./indexes.js";

const addReference: CommandHandler = (cmd, ctx) => {
  const [table, ref] = cmd.args.map(nameOf);
  if (!table || !ref) return undefined;
  const base = ctx.base(cmd.node);
  const parts = referenceParts(table, ref, cmd.opts, ctx.railsVersion);
  const ops: OperationInput[] = parts.columns.map((column) => ({ kind: "add_column", ...base, table, column }));
  if (parts.index) ops.push(addIndexOp(base, table, parts.index.columns, parts.index.opts));
  if (parts.foreignKey) ops.push(foreignKeyOp(base, table, parts.foreignKey.to, parts.foreignKey.opts));
  // dropping the columns drops their index and foreign key with them
  return [step(ops, [...parts.columns].reverse().map((c) => ({ kind: "drop_column", ...base, table, column: c.name, type: c.type })))];
};

const removeReference: CommandHandler = (cmd, ctx) => {
  const [table, ref] = cmd.args.map(nameOf);
  if (!table || !ref) return undefined;
  const base = ctx.base(cmd.node);
  const parts = referenceParts(table, ref, cmd.opts, ctx.railsVersion);
  const ops: OperationInput[] = [];
  if (parts.foreignKey) ops.push({ kind: "drop_constraint", ...base, table, name: foreignKeyOp(base, table, parts.foreignKey.to, parts.foreignKey.opts).name });
  // the id column's type is what `type:` says; without it Rails' rollback adds a bigint (the revert below), but the
  // column dropped may be a uuid (`t.references ..., type: :uuid`): its type is the history's, not a guess
  const idType = cmd.opts.has("type");
  const typed = (c: (typeof parts.columns)[number]) => c.name !== `${ref}_id` || idType;
  for (const c of [...parts.columns].reverse()) ops.push({ kind: "drop_column", ...base, table, column: c.name, ...(typed(c) ? { type: c.type } : {}) });
  const revert: OperationInput[] = parts.columns.map((column) => ({ kind: "add_column", ...base, table, column }));
  if (parts.index) revert.push(addIndexOp(base, table, parts.index.columns, parts.index.opts));
  if (parts.foreignKey) revert.push(foreignKeyOp(base, table, parts.foreignKey.to, parts.foreignKey.opts));
  return [step(ops, revert)];
};

export const REFERENCE_COMMANDS: Record<string, CommandHandler> = {
  add_reference: addReference,
  add_belongs_to: addReference,
  remove_reference: removeReference,
  remove_belongs_to: removeReference,
};
