/**
 * Views of the scenic gem (`create_view`, `update_view`, `replace_view`, `drop_view`): each version of a view is
 * a file, `db/views/<name>_v<NN>.sql`, and the migration names the version. The definition an operation carries
 * is that file's path, so two migrations that build the same version of a view compare equal; `sql_definition:`
 * given as `Scenic::Definition.new(:name, N).to_sql` names the same file, a literal string is its own definition.
 * `materialized: { no_data: true }` only leaves the view unpopulated: it is the same object.
 */
import { CallNode, ConstantPathNode, ConstantReadNode } from "@ruby/prism";
import type { OperationInput } from "../../../model.js";
import type { RubySource } from "../ruby-source.js";
import { evaluate, nameOf, type Options, type RubyValue } from "../values.js";
import { irreversible, step, type Command, type CommandContext, type CommandHandler, type OpBase } from "./context.js";

/** scenic's Scenic::Definition#path: the version zero-padded to two digits. */
const viewFile = (name: string, version: number) => `db/views/${name}_v${String(version).padStart(2, "0")}.sql`;

const versionOf = (value: RubyValue | undefined): number | undefined => (value?.kind === "int" ? value.value : undefined);

/** `Scenic::Definition.new(:name, 3).to_sql`: the file scenic reads it from. */
function scenicDefinition(value: RubyValue, src: RubySource): string | undefined {
  if (value.kind !== "code" || !(value.node instanceof CallNode) || value.node.name !== "to_sql") return undefined;
  const created = value.node.receiver;
  if (!(created instanceof CallNode) || created.name !== "new") return undefined;
  const owner = created.receiver;
  if (!(owner instanceof ConstantPathNode || owner instanceof ConstantReadNode) || src.textOf(owner).replace(/^::/, "") !== "Scenic::Definition") return undefined;
  const [name, version] = (created.arguments_?.arguments_ ?? []).map((n) => evaluate(n, new Map(), src));
  const view = name && nameOf(name);
  const number = versionOf(version);
  return view !== undefined && number !== undefined ? viewFile(view, number) : undefined;
}

/** What the view is built from, when the call says it (undefined: computed at run time). */
function definition(name: string, opts: Options, src: RubySource, versionKey = "version"): string | undefined {
  const sql = opts.get("sql_definition");
  if (sql) {
    if (sql.kind === "str") return `sql:${sql.value.replace(/\s+/g, " ").trim()}`;
    return scenicDefinition(sql, src);
  }
  const version = versionOf(opts.get(versionKey));
  return version !== undefined ? viewFile(name, version) : undefined;
}

const materialized = (opts: Options) => {
  const value = opts.get("materialized");
  return value !== undefined && value.kind !== "nil" && !(value.kind === "bool" && !value.value);
};

function create(base: OpBase, name: string, opts: Options, def: string | undefined, orReplace = false): OperationInput {
  return { kind: "create_object", ...base, objectType: materialized(opts) ? "materialized_view" : "view", name, orReplace, ...(def ? { definition: def } : {}) };
}

const drop = (base: OpBase, name: string, opts: Options): OperationInput => ({
  kind: "drop_object",
  ...base,
  objectType: materialized(opts) ? "materialized_view" : "view",
  names: [name],
  ifExists: false,
});

const createView: CommandHandler = (cmd, ctx) => {
  const name = nameOf(cmd.args[0]);
  if (!name) return undefined;
  const base = ctx.base(cmd.node);
  return [step([create(base, name, cmd.opts, definition(name, cmd.opts, ctx.src))], [drop(base, name, cmd.opts)])];
};

/** The earlier version to rebuild on rollback (`revert_to_version:`), or why Rails cannot. */
function rebuild(cmd: Command, ctx: CommandContext, name: string, base: OpBase) {
  const earlier = definition(name, cmd.opts.without("sql_definition"), ctx.src, "revert_to_version");
  return cmd.opts.has("revert_to_version") ? [create(base, name, cmd.opts, earlier)] : irreversible(cmd, ctx, `${cmd.name} is only reversible if given a :revert_to_version`);
}

const dropView: CommandHandler = (cmd, ctx) => {
  const name = nameOf(cmd.args[0]);
  if (!name) return undefined;
  const base = ctx.base(cmd.node);
  return [step([drop(base, name, cmd.opts)], rebuild(cmd, ctx, name, base))];
};

/** update_view drops the view and creates the new version (a materialized view is rebuilt and repopulated). */
const updateView: CommandHandler = (cmd, ctx) => {
  const name = nameOf(cmd.args[0]);
  if (!name) return undefined;
  const base = ctx.base(cmd.node);
  const back = rebuild(cmd, ctx, name, base);
  return [step([drop(base, name, cmd.opts), create(base, name, cmd.opts, definition(name, cmd.opts, ctx.src))], Array.isArray(back) ? [drop(base, name, cmd.opts), ...back] : back)];
};

/** replace_view: CREATE OR REPLACE VIEW with the new version (plain views only). */
const replaceView: CommandHandler = (cmd, ctx) => {
  const name = nameOf(cmd.args[0]);
  if (!name) return undefined;
  const base = ctx.base(cmd.node);
  const earlier = definition(name, cmd.opts.without("sql_definition"), ctx.src, "revert_to_version");
  return [
    step(
      [create(base, name, cmd.opts, definition(name, cmd.opts, ctx.src), true)],
      cmd.opts.has("revert_to_version") ? [create(base, name, cmd.opts, earlier, true)] : irreversible(cmd, ctx, "replace_view is only reversible if given a :revert_to_version"),
    ),
  ];
};

export const VIEW_COMMANDS: Record<string, CommandHandler> = {
  create_view: createView,
  drop_view: dropView,
  update_view: updateView,
  replace_view: replaceView,
};
