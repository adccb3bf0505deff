/**
 * Foreign keys and CHECK / UNIQUE / EXCLUDE constraints. `validate: false` is NOT VALID; the names Rails
 * generates (fk_rails_…, chk_rails_…) are computed so a later validate_* matches the constraint it validates.
 */
import type { OperationInput } from "../../../model.js";
import { foreignKeyColumn } from "../inflections.js";
import { checkConstraintName, foreignKeyName } from "../rails-names.js";
import { nameOf, namesOf, type Options } from "../values.js";
import { foreignKeySql, railsKeyOptions } from "../foreign-key-sql.js";
import { checkConstraint } from "../check-constraint-sql.js";
import { irreversible, step, type CommandHandler, type OpBase } from "./context.js";

/** The add_foreign_key operation (shared with references and t.foreign_key). */
export function foreignKeyOp(base: OpBase, from: string, to: string, opts: Options): Extract<OperationInput, { kind: "add_constraint" }> {
  const column = opts.name("column") ?? foreignKeyColumn(to);
  const name = opts.name("name") ?? foreignKeyName(from, column);
  return {
    kind: "add_constraint",
    ...base,
    table: from,
    constraint: "foreign_key",
    columns: [column],
    referencesTable: to,
    ...railsKeyOptions(opts),
    name,
    notValid: opts.flag("validate") === false,
    sql: foreignKeySql(from, to, column, name, opts),
  };
}

function foreignKeyNameFor(from: string, to: string | undefined, opts: Options): string | undefined {
  const named = opts.name("name");
  if (named) return named;
  const column = opts.name("column") ?? (to ? foreignKeyColumn(to) : undefined);
  return column ? foreignKeyName(from, column) : undefined;
}

const addForeignKey: CommandHandler = (cmd, ctx) => {
  const [from, to] = cmd.args.map(nameOf);
  if (!from || !to) return undefined;
  const base = ctx.base(cmd.node);
  const op = foreignKeyOp(base, from, to, cmd.opts);
  return [step([op], [{ kind: "drop_constraint", ...base, table: from, name: op.name }])];
};

const removeForeignKey: CommandHandler = (cmd, ctx) => {
  const from = nameOf(cmd.args[0]);
  if (!from) return undefined;
  const to = nameOf(cmd.args[1]) ?? cmd.opts.name("to_table");
  const base = ctx.base(cmd.node);
  // by its target alone Rails drops the key of `from` that references `to`, whatever its column (ActiveRecord's
  // foreign_key_for compares only the options given): its name is what the history or the migration shows
  // (removed-foreign-keys.ts), not the one the default column would give
  const byReference = to !== undefined && !cmd.opts.name("name") && !cmd.opts.name("column");
  // by its column (no name:) Rails drops the key on that column whatever its name (a key added before the column was
  // renamed keeps the old column's fk_rails_ name): the history names it (removed-foreign-key-history.ts)
  const column = cmd.opts.name("name") ? undefined : cmd.opts.name("column");
  const dropped = byReference ? { referencesTable: to } : { name: foreignKeyNameFor(from, to, cmd.opts), ...(column ? { columns: [column] } : {}) };
  return [
    step(
      [{ kind: "drop_constraint", ...base, table: from, ...dropped, ifExists: cmd.opts.flag("if_exists") === true }],
      to ? [foreignKeyOp(base, from, to, cmd.opts.without("if_exists"))] : irreversible(cmd, ctx, "remove_foreign_key is only reversible if given a second table"),
    ),
  ];
};

/** Validating again on rollback is harmless, so Rails' recorder lets it through: nothing to undo. */
const validateForeignKey: CommandHandler = (cmd, ctx) => {
  const from = nameOf(cmd.args[0]);
  if (!from) return undefined;
  const to = nameOf(cmd.args[1]) ?? cmd.opts.name("to_table");
  const byReference = to !== undefined && !cmd.opts.name("name") && !cmd.opts.name("column");
  return [step([{ kind: "validate_constraint", ...ctx.base(cmd.node), table: from, name: foreignKeyNameFor(from, to, cmd.opts), ...(byReference ? { referencesTable: to } : {}) }], [])];
};

const addCheckConstraint: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  const expression = nameOf(cmd.args[1]);
  if (!table || expression === undefined) return undefined;
  const base = ctx.base(cmd.node);
  const check = checkConstraint(table, expression, cmd.opts);
  return [
    step(
      [{ kind: "add_constraint", ...base, table, constraint: "check", name: check.name, notValid: cmd.opts.flag("validate") === false, expression, sql: check.sql }],
      [{ kind: "drop_constraint", ...base, table, name: check.name }],
    ),
  ];
};

const removeCheckConstraint: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table) return undefined;
  const expression = nameOf(cmd.args[1]);
  const name = cmd.opts.name("name") ?? (expression !== undefined ? checkConstraintName(table, expression) : undefined);
  const base = ctx.base(cmd.node);
  return [
    step(
      [{ kind: "drop_constraint", ...base, table, name, ifExists: cmd.opts.flag("if_exists") === true }],
      expression !== undefined
        ? [{ kind: "add_constraint", ...base, table, constraint: "check", name, notValid: cmd.opts.flag("validate") === false, expression, sql: checkConstraint(table, expression, cmd.opts.without("if_exists")).sql }]
        : irreversible(cmd, ctx, "remove_check_constraint is only reversible if given an expression"),
    ),
  ];
};

const validateCheckConstraint: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table) return undefined;
  const expression = cmd.opts.name("expression");
  const name = cmd.opts.name("name") ?? (expression !== undefined ? checkConstraintName(table, expression) : undefined);
  return [step([{ kind: "validate_constraint", ...ctx.base(cmd.node), table, name }], [])];
};

const validateConstraint: CommandHandler = (cmd, ctx) => {
  const [table, name] = cmd.args.map(nameOf);
  if (!table) return undefined;
  return [step([{ kind: "validate_constraint", ...ctx.base(cmd.node), table, name }], [])];
};

const addUniqueConstraint: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table) return undefined;
  const usingIndex = cmd.opts.name("using_index");
  const columns = namesOf(cmd.args[1]) ?? [];
  const base = ctx.base(cmd.node);
  const name = cmd.opts.name("name");
  return [
    step(
      [{ kind: "add_constraint", ...base, table, constraint: "unique", columns, name, usingIndex }],
      usingIndex ? irreversible(cmd, ctx, "add_unique_constraint is not reversible if given a using_index") : [{ kind: "drop_constraint", ...base, table, name }],
    ),
  ];
};

const removeUniqueConstraint: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table) return undefined;
  const columns = namesOf(cmd.args[1]);
  const base = ctx.base(cmd.node);
  const name = cmd.opts.name("name");
  return [
    step(
      [{ kind: "drop_constraint", ...base, table, name }],
      columns?.length ? [{ kind: "add_constraint", ...base, table, constraint: "unique", columns, name }] : irreversible(cmd, ctx, "remove_unique_constraint is only reversible if given a column_name"),
    ),
  ];
};

const addExclusionConstraint: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table) return undefined;
  const base = ctx.base(cmd.node);
  const name = cmd.opts.name("name");
  return [step([{ kind: "add_constraint", ...base, table, constraint: "exclusion", name }], [{ kind: "drop_constraint", ...base, table, name }])];
};

const removeExclusionConstraint: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table) return undefined;
  const base = ctx.base(cmd.node);
  const name = cmd.opts.name("name");
  return [
    step(
      [{ kind: "drop_constraint", ...base, table, name }],
      cmd.args.length >= 2 ? [{ kind: "add_constraint", ...base, table, constraint: "exclusion", name }] : irreversible(cmd, ctx, "remove_exclusion_constraint is only reversible if given an expression"),
    ),
  ];
};

export const CONSTRAINT_COMMANDS: Record<string, CommandHandler> = {
  add_foreign_key: addForeignKey,
  remove_foreign_key: removeForeignKey,
  validate_foreign_key: validateForeignKey,
  add_check_constraint: addCheckConstraint,
  remove_check_constraint: removeCheckConstraint,
  validate_check_constraint: validateCheckConstraint,
  validate_constraint: validateConstraint,
  add_unique_constraint: addUniqueConstraint,
  remove_unique_constraint: removeUniqueConstraint,
  add_exclusion_constraint: addExclusionConstraint,
  remove_exclusion_constraint: removeExclusionConstraint,
};
