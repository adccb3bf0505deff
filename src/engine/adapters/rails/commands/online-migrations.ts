/**
 * The NOT NULL helpers of the online_migrations gem (add_not_null_constraint, validate_not_null_constraint,
 * remove_not_null_constraint): a CHECK (column IS NOT NULL) named `<table>_<column>_null` unless `name:` says
 * otherwise, added NOT VALID with `validate: false`. Read as the CHECK constraints they are, so a later
 * `remove_check_constraint` by that name finds its expression, and a SET NOT NULL after the validation is seen
 * as guarded.
 */
import type { OperationInput } from "../../../model.js";
import { checkConstraint } from "../check-constraint-sql.js";
import { ident } from "../foreign-key-sql.js";
import { nameOf, type Options } from "../values.js";
import { irreversible, step, type CommandHandler, type OpBase } from "./context.js";

/** online_migrations' default name: `"#{table_name}_#{column_name}_null"`. */
const notNullName = (table: string, column: string, opts: Options) => opts.name("name") ?? `${table.split(".").pop()}_${column}_null`;

function notNullCheck(base: OpBase, table: string, column: string, opts: Options): Extract<OperationInput, { kind: "add_constraint" }> {
  const { name, expression, sql } = checkConstraint(table, `${ident(column)} IS NOT NULL`, opts, notNullName(table, column, opts));
  return { kind: "add_constraint", ...base, table, constraint: "check", columns: [column], name, notValid: opts.flag("validate") === false, expression, sql };
}

const addNotNullConstraint: CommandHandler = (cmd, ctx) => {
  const [table, column] = cmd.args.map(nameOf);
  if (!table || !column) return undefined;
  const base = ctx.base(cmd.node);
  const op = notNullCheck(base, table, column, cmd.opts);
  return [step([op], [{ kind: "drop_constraint", ...base, table, name: op.name }])];
};

/** Validating again on rollback is harmless (online_migrations records nothing to undo). */
const validateNotNullConstraint: CommandHandler = (cmd, ctx) => {
  const [table, column] = cmd.args.map(nameOf);
  if (!table || !column) return undefined;
  return [step([{ kind: "validate_constraint", ...ctx.base(cmd.node), table, name: notNullName(table, column, cmd.opts) }], [])];
};

const removeNotNullConstraint: CommandHandler = (cmd, ctx) => {
  const [table, column] = cmd.args.map(nameOf);
  if (!table) return undefined;
  const base = ctx.base(cmd.node);
  const name = column ? notNullName(table, column, cmd.opts) : cmd.opts.name("name");
  return [
    step(
      [{ kind: "drop_constraint", ...base, table, name }],
      column ? [notNullCheck(base, table, column, cmd.opts.without("if_exists"))] : irreversible(cmd, ctx, "remove_not_null_constraint is only reversible if given the column"),
    ),
  ];
};

export const ONLINE_MIGRATIONS_COMMANDS: Record<string, CommandHandler> = {
  add_not_null_constraint: addNotNullConstraint,
  validate_not_null_constraint: validateNotNullConstraint,
  remove_not_null_constraint: removeNotNullConstraint,
};
