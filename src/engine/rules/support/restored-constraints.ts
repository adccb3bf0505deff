/**
 * Constraints the up drops that the down adds back under another name (open-event-server's 9105f9e64cdc drops
 * email_notification_user_id_fkey, and its downgrade creates the same key on email_notifications.user_id, ON DELETE
 * CASCADE, as email_notifications_user_id_fkey, on a table it then renames back). A constraint is its definition:
 * its table, kind, columns, and for a FOREIGN KEY the referenced table and columns and its actions; for a CHECK its
 * expression. The down rules pair them by that, not by name: the dropped one is restored, and the down's one is not a
 * leftover of the up. Tables are compared under the names they have once the down has run (its later renames
 * applied) against the names the history gives the dropped constraint's tables when the migration starts.
 */
import type { Migration, Operation, OperationOf } from "../../model.js";
import type { PgNode } from "../../adapters/sql/pg-parser.js";
import { rangeVarName } from "../../adapters/sql/pg-operations.js";
import { nameKey } from "./facts.js";
import { deparse, parseOne } from "./sql-text.js";
import type { RuleContext } from "./rule.js";
import { definedKeys, frameworkSql, keysOfStatement, type KeyDefinition } from "../../repository/constraint-history.js";

/** What makes two constraints the same, table names resolved. */
interface Definition {
  table: string;
  shape: string;
}

const names = (list: PgNode[] | undefined) => (list ?? []).map((n) => nameKey(n.String?.sval ?? "")).join(",");

/** The constraint `ALTER TABLE t ADD CONSTRAINT ...` adds, with its table and referenced table named by `resolve`. */
function definitionOf(sql: string, resolve: (table: string) => string | undefined): Definition | undefined {
  const stmt = parseOne(sql)?.AlterTableStmt;
  const cmds: PgNode[] = stmt?.cmds ?? [];
  const constraint = cmds.length === 1 ? cmds[0]?.AlterTableCmd?.def?.Constraint : undefined;
  if (!stmt || !constraint) return undefined;
  const table = resolve(rangeVarName(stmt.relation));
  if (table === undefined) return undefined;
  const kind: string = constraint.contype;
  const common = [kind, names(constraint.keys), String(Boolean(constraint.deferrable)), String(Boolean(constraint.initdeferred))];
  if (kind === "CONSTR_FOREIGN") {
    const referenced = resolve(rangeVarName(constraint.pktable));
    if (referenced === undefined) return undefined;
    // PostgreSQL's defaults: NO ACTION ('a'), MATCH SIMPLE ('s')
    return { table, shape: [...common, names(constraint.fk_attrs), referenced, names(constraint.pk_attrs), constraint.fk_upd_action ?? "a", constraint.fk_del_action ?? "a", constraint.fk_matchtype ?? "s"].join("|") };
  }
  if (kind === "CONSTR_CHECK") {
    const expression = constraint.raw_expr ? deparse(constraint.raw_expr) : undefined;
    return expression === undefined ? undefined : { table, shape: [...common, expression].join("|") };
  }
  if (kind === "CONSTR_UNIQUE" || kind === "CONSTR_PRIMARY") return { table, shape: common.join("|") };
  return undefined;
}

/** The SQL of a down's ADD CONSTRAINT: a framework call's, or the statement itself in a SQL migration. */
const sqlOf = (ctx: RuleContext, op: OperationOf<"add_constraint">) => op.sql ?? (ctx.framework === "sql" && !op.embeddedSql ? op.text : undefined);

/** A constraint an earlier migration defined: its ADD CONSTRAINT as written, and its tables under their names since. */
interface Defined {
  sql: string;
  /** the written name of its table and of the table it references -> the name each has now */
  tables: Map<string, string>;
}

/**
 * The constraints an earlier migration's statement defines, read (parsed and written back) once per statement: every
 * migration whose down adds a constraint back reads the statements of the whole folder before it. Only read here.
 */
const frameworkKeys = new WeakMap<Operation, ReturnType<typeof definedKeys>>();
function keysDefinedBy(migration: Migration, op: Operation): ReadonlyArray<{ name: string; definition: KeyDefinition }> {
  let framework = frameworkKeys.get(op);
  if (!framework) frameworkKeys.set(op, (framework = frameworkSql(op).flatMap((text) => definedKeys(text))));
  return migration.framework === "sql" && !op.embeddedSql ? [...keysOfStatement(op), ...framework] : framework;
}

/**
 * The constraints named `wanted` (nameKey'd) as the earlier migrations of the folder leave them, followed through the
 * renames of their tables and of the tables they reference (the history's constraint timelines forget a constraint
 * whose table is renamed: open-event-server's email_notification became email_notifications after its key was made).
 */
function definedEarlier(ctx: RuleContext, wanted: ReadonlySet<string>): Map<string, Defined> {
  const found = new Map<string, Defined>();
  const current = (d: Defined, written: string) => d.tables.get(nameKey(written)) ?? nameKey(written);
  for (const migration of ctx.repository.earlierInFolder) {
    for (const op of migration.up) {
      if (op.kind === "create_table" || op.kind === "add_constraint" || op.kind === "add_column") {
        for (const { name, definition } of keysDefinedBy(migration, op)) {
          if (!wanted.has(nameKey(name))) continue;
          const tables = new Map([[nameKey(definition.table), nameKey(definition.table)]]);
          if (definition.references) tables.set(nameKey(definition.references.table), nameKey(definition.references.table));
          found.set(nameKey(name), { sql: definition.sql, tables });
        }
      } else if (op.kind === "drop_constraint" && op.name && found.has(nameKey(op.name))) found.delete(nameKey(op.name));
      else if (op.kind === "drop_table") {
        for (const [name, d] of found) if ([...d.tables.values()].some((t) => op.tables.some((dropped) => nameKey(dropped) === t))) found.delete(name);
      } else if (op.kind === "rename_table")
        for (const d of found.values()) for (const [written, now] of d.tables) if (now === nameKey(op.table)) d.tables.set(written, nameKey(op.newName));
    }
  }
  return found;
}

/**
 * The answer for each migration as one analysis sees it (its repository view): both down rules ask, and each answer
 * reads the SQL of every earlier migration of the folder again.
 */
const restoredFound = new WeakMap<RuleContext["repository"], ReadonlyMap<string, string>>();

/**
 * The up's DROP CONSTRAINTs whose constraint the down adds back under another name: each dropped name (nameKey'd)
 * with the name the down gives it. Empty without a readable down, or when the history does not define the dropped one.
 */
export function constraintsRestoredUnderOtherNames(ctx: RuleContext): ReadonlyMap<string, string> {
  let restored = restoredFound.get(ctx.repository);
  if (!restored) restoredFound.set(ctx.repository, (restored = restoredUnderOtherNames(ctx)));
  return restored;
}

function restoredUnderOtherNames(ctx: RuleContext): Map<string, string> {
  const restored = new Map<string, string>();
  const { down, up } = ctx.migration;
  if (down.status !== "present") return restored;
  const downOps = down.ops;
  // the name a table the down names at `index` has once the down has run
  const afterDown = (table: string, index: number): string => {
    let name = nameKey(table);
    for (let i = index + 1; i < downOps.length; i++) {
      const op = downOps[i];
      if (op.kind === "rename_table" && nameKey(op.table) === name) name = nameKey(op.newName);
    }
    return name;
  };
  const added = downOps.flatMap((op, index) => {
    if (op.kind !== "add_constraint" || !op.name) return [];
    const sql = sqlOf(ctx, op);
    const definition = sql === undefined ? undefined : definitionOf(sql, (t) => afterDown(t, index));
    return definition ? [{ name: nameKey(op.name), definition }] : [];
  });
  const drops = up.flatMap((op, index) => (op.kind === "drop_constraint" && op.name ? [{ op, index, name: nameKey(op.name) }] : []));
  if (added.length === 0 || drops.length === 0) return restored;
  const earlier = definedEarlier(ctx, new Set(drops.map((d) => d.name)));
  for (const { op, index, name } of drops) {
    const defined = earlier.get(name);
    // the dropped constraint must be the one of this table, as the migration names it when it starts
    const table = nameKey(ctx.repository.tableAtStart(op.table, index));
    if (!defined || ![...defined.tables.values()].includes(table)) continue;
    const definition = definitionOf(defined.sql, (t) => defined.tables.get(nameKey(t)) ?? nameKey(t));
    if (!definition || definition.table !== table) continue;
    const same = added.find((a) => a.name !== name && a.definition.table === definition.table && a.definition.shape === definition.shape);
    if (same) restored.set(name, same.name);
  }
  return restored;
}
