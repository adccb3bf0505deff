/** Extensions, enum types, schemas and comments. */
import type { OperationInput } from "../../../model.js";
import { nameOf, Options } from "../values.js";
import { irreversible, step, type CommandHandler, type OpBase } from "./context.js";

type ObjectType = "extension" | "type" | "schema";
// enable_extension runs CREATE EXTENSION IF NOT EXISTS
const create = (base: OpBase, objectType: ObjectType, name: string): OperationInput => ({ kind: "create_object", ...base, objectType, name, ifNotExists: objectType === "extension" });
const drop = (base: OpBase, objectType: ObjectType, name: string, ifExists = false): OperationInput => ({ kind: "drop_object", ...base, objectType, names: [name], ifExists });

const straight =
  (objectType: ObjectType, creates: boolean): CommandHandler =>
  (cmd, ctx) => {
    const name = nameOf(cmd.args[0]);
    if (!name) return undefined;
    const base = ctx.base(cmd.node);
    const ifExists = cmd.opts.flag("if_exists") === true;
    return [step([creates ? create(base, objectType, name) : drop(base, objectType, name, ifExists)], [creates ? drop(base, objectType, name) : create(base, objectType, name)])];
  };

const dropEnum: CommandHandler = (cmd, ctx) => {
  const name = nameOf(cmd.args[0]);
  if (!name) return undefined;
  const base = ctx.base(cmd.node);
  return [step([drop(base, "type", name, cmd.opts.flag("if_exists") === true)], cmd.args[1] ? [create(base, "type", name)] : irreversible(cmd, ctx, "drop_enum is only reversible if given a list of enum values"))];
};

const addEnumValue: CommandHandler = (cmd, ctx) => {
  const [type, value] = cmd.args.map(nameOf);
  if (!type || value === undefined) return undefined;
  return [
    step(
      [{ kind: "alter_enum", ...ctx.base(cmd.node), type, action: "add_value", value, neighbor: cmd.opts.name("before") ?? cmd.opts.name("after"), ifNotExists: cmd.opts.flag("if_not_exists") === true }],
      irreversible(cmd, ctx, "add_enum_value is not reversible: PostgreSQL cannot drop an enum value"),
    ),
  ];
};

const renameEnumValue: CommandHandler = (cmd, ctx) => {
  const type = nameOf(cmd.args[0]);
  const changes = cmd.args[1]?.kind === "hash" ? new Options(cmd.args[1].entries) : cmd.opts;
  const [from, to] = [changes.name("from"), changes.name("to")];
  if (!type || from === undefined || to === undefined) return undefined;
  const base = ctx.base(cmd.node);
  return [
    step(
      // the model's rename_value: `value` is the new name, `neighbor` the old one
      [{ kind: "alter_enum", ...base, type, action: "rename_value", value: to, neighbor: from }],
      [{ kind: "alter_enum", ...base, type, action: "rename_value", value: from, neighbor: to }],
    ),
  ];
};

const renameEnum: CommandHandler = (cmd, ctx) => {
  const name = nameOf(cmd.args[0]);
  if (!name) return undefined;
  const base = ctx.base(cmd.node);
  return [step([{ kind: "raw", ...base, statement: "ALTER TYPE" }], [{ kind: "raw", ...base, statement: "ALTER TYPE" }])];
};

/** change_column_comment / change_table_comment: reversible only with from:/to: */
const comment =
  (targetArgs: number): CommandHandler =>
  (cmd, ctx) => {
    const table = nameOf(cmd.args[0]);
    if (!table) return undefined;
    const base = ctx.base(cmd.node);
    const target = cmd.args[targetArgs];
    const changes = target?.kind === "hash" ? new Options(target.entries) : cmd.opts;
    const raw: OperationInput = { kind: "raw", ...base, statement: "COMMENT", table };
    return [step([raw], changes.has("from") && changes.has("to") ? [raw] : irreversible(cmd, ctx, `${cmd.name} is only reversible if given a :from and :to option`))];
  };

export const OBJECT_COMMANDS: Record<string, CommandHandler> = {
  enable_extension: straight("extension", true),
  disable_extension: straight("extension", false),
  create_enum: straight("type", true),
  drop_enum: dropEnum,
  add_enum_value: addEnumValue,
  rename_enum_value: renameEnumValue,
  rename_enum: renameEnum,
  create_schema: straight("schema", true),
  drop_schema: straight("schema", false),
  change_column_comment: comment(2),
  change_table_comment: comment(1),
};
