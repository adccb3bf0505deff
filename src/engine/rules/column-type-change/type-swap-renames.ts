/**
 * The enum swap Prisma (and hand-written SQL) writes around a type change: CREATE TYPE "T_new", ALTER COLUMN ... TYPE
 * "T_new", then ALTER TYPE "T" RENAME TO "T_old", ALTER TYPE "T_new" RENAME TO "T", DROP TYPE "T_old". With the
 * column converted by a swap instead, the column keeps the old type until the swap: in the migration's place the
 * DROP TYPE fails (the column depends on it), and left out the column ends typed "T_new", which the ORM's schema
 * does not declare. So those statements go after the swap's rename, generated from the operations.
 */
import type { Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import { ident } from "../support/fix.js";
import type { RuleContext } from "../support/rule.js";
import { calleeOf, keywordText, literalOf } from "../support/python-call.js";

export interface TypeSwapRenames {
  /** the migration's lines that move (to say so in its place) */
  lines: number[];
  /** the statements, in the migration's order, to run after the swap */
  sql: string[];
  /** what they are, said where they are deleted */
  what: string;
}

/**
 * The statements that move for `op` when it is the migration's own type change (found by its line, table and column).
 * `oldType`: the column's type before it (the operation's existing_type, or the history's), when known.
 */
export function typeSwapRenamesOf(up: readonly Operation[], op: OperationOf<"alter_column_type">, oldType?: string, alembic = false): TypeSwapRenames | undefined {
  const at = up.findIndex((o) => o.kind === "alter_column_type" && o.loc.line === op.loc.line && nameKey(o.table) === nameKey(op.table) && nameKey(o.column) === nameKey(op.column));
  return at >= 0 ? typeSwapRenames(up, at, op, oldType, alembic) : undefined;
}

/** The column's type before the change, as the operation (Alembic's existing_type, Django's state) or the history knows it. */
export const oldTypeOf = (ctx: RuleContext, op: OperationOf<"alter_column_type">): string | undefined => (op.fromType ?? ctx.repository.columnDefinition(op.table, op.column)?.type)?.name;

function typeSwapRenames(up: readonly Operation[], index: number, op: OperationOf<"alter_column_type">, oldType: string | undefined, alembic: boolean): TypeSwapRenames | undefined {
  const later = up.slice(index + 1);
  const isTypeRename = (o: Operation): o is OperationOf<"rename_object"> => o.kind === "rename_object" && o.objectType === "type";
  // "T_new" renamed to the name the ORM declares
  const toFinal = later.find((o) => isTypeRename(o) && nameKey(o.name) === nameKey(op.type.name)) as OperationOf<"rename_object"> | undefined;
  if (!toFinal) return dropOfRenamedOldType(up.slice(0, index), later, op) ?? cascadeDropOfOldType(later, op) ?? (oldType ? dropOfOldType(later, op, oldType, alembic) : undefined);
  const final = nameKey(toFinal.newName);
  // the old "T" renamed out of the way, and dropped under its new name
  const aside = later.find((o) => isTypeRename(o) && nameKey(o.name) === final) as OperationOf<"rename_object"> | undefined;
  const dropped = aside ? later.find((o): o is OperationOf<"drop_object"> => o.kind === "drop_object" && o.objectType === "type" && o.names.some((n) => nameKey(n) === nameKey(aside.newName))) : undefined;
  const moved = [aside, toFinal, dropped].filter((o): o is NonNullable<typeof o> => o !== undefined).sort((a, b) => up.indexOf(a) - up.indexOf(b));
  return {
    lines: moved.map((o) => o.loc.line),
    sql: moved.map((o) => (o.kind === "rename_object" ? `ALTER TYPE ${ident(o.name)} RENAME TO ${ident(o.newName)};` : `DROP TYPE ${o.names.map(ident).join(", ")};`)),
    what: "the type renames and DROP TYPE",
  };
}

/**
 * Prisma's enum-to-text change (ghostfolio 20210921151004): ALTER COLUMN ... TYPE TEXT, then DROP TYPE "Currency"
 * CASCADE. Run in the migration's place while the column still has its old type (the swap converts it later), the
 * CASCADE drops the old column the trigger and the fill still read. A later DROP TYPE ... CASCADE of another type
 * than the new one moves after the swap: if the column was of that type it is gone by then, and if it was not,
 * dropping the type later changes nothing for it.
 */
function cascadeDropOfOldType(later: readonly Operation[], op: OperationOf<"alter_column_type">): TypeSwapRenames | undefined {
  const drop = later.find((o): o is OperationOf<"drop_object"> => o.kind === "drop_object" && o.objectType === "type" && o.cascade && !o.names.some((n) => nameKey(n) === nameKey(op.type.name)));
  if (!drop) return undefined;
  return { lines: [drop.loc.line], sql: [`DROP TYPE ${drop.ifExists ? "IF EXISTS " : ""}${drop.names.map(ident).join(", ")} CASCADE;`], what: "a DROP TYPE ... CASCADE, which would drop the column still of that type" };
}

/**
 * The other order of the enum swap (bodhi 190ba571c7d2): ALTER TYPE "T" RENAME TO "T_old" before the type change,
 * CREATE TYPE "T", ALTER COLUMN ... TYPE "T", then DROP TYPE "T_old". The column has "T_old" until the swap, so the
 * DROP in the migration's place fails (the column depends on it): it moves after the swap.
 */
function dropOfRenamedOldType(earlier: readonly Operation[], later: readonly Operation[], op: OperationOf<"alter_column_type">): TypeSwapRenames | undefined {
  const aside = [...earlier].reverse().find((o): o is OperationOf<"rename_object"> => o.kind === "rename_object" && o.objectType === "type" && nameKey(o.name.split(".").pop()!) === nameKey(op.type.name.split(".").pop()!));
  if (!aside) return undefined;
  const old = nameKey(aside.newName.split(".").pop()!);
  const drop = later.find((o): o is OperationOf<"drop_object"> => o.kind === "drop_object" && o.objectType === "type" && o.names.some((n) => nameKey(n.split(".").pop()!) === old));
  if (!drop) return undefined;
  return {
    lines: [drop.loc.line],
    sql: [`DROP TYPE ${drop.ifExists ? "IF EXISTS " : ""}${drop.names.map(ident).join(", ")}${drop.cascade ? " CASCADE" : ""};`],
    what: drop.cascade ? "a DROP TYPE ... CASCADE, which would drop the column still of that type" : "the DROP TYPE of the old type, which fails while the column has it",
  };
}

/**
 * An enum column changed to another type (varchar), then the old enum dropped (dstack bc8ca4a505c6: instances.backend
 * from backendtype to varchar, then `sa.Enum(..., name="backendtype").drop(op.get_bind())`). The swap keeps the old
 * column, of the old type, until its contract step: in the migration's place the DROP fails ("cannot drop type
 * backendtype because other objects depend on it"), so it moves after the swap's DROP COLUMN. A DROP TYPE in SQL
 * (op.execute, RunSQL, execute) or SQLAlchemy's Enum(...).drop(bind), which sends DROP TYPE on PostgreSQL.
 */
function dropOfOldType(later: readonly Operation[], op: OperationOf<"alter_column_type">, oldType: string, alembic: boolean): TypeSwapRenames | undefined {
  const old = nameKey(oldType.split(".").pop()!);
  if (nameKey(op.type.name.split(".").pop()!) === old) return undefined;
  for (const o of later) {
    if (o.kind === "drop_object" && o.objectType === "type" && !o.cascade && o.names.some((n) => nameKey(n.split(".").pop()!) === old))
      return { lines: [o.loc.line], sql: [`DROP TYPE ${o.ifExists ? "IF EXISTS " : ""}${o.names.map(ident).join(", ")};`], what: "the DROP TYPE of the old type, which fails while the column has it" };
    // SQLAlchemy's call only in an Alembic revision: another framework's raw text is not Python (nor is its parser loaded)
    const dropped = o.kind === "raw" && alembic ? sqlalchemyEnumDrop(o.text) : undefined;
    if (dropped && nameKey(dropped.name) === old)
      return { lines: [o.loc.line], sql: [`DROP TYPE ${dropped.checkFirst ? "IF EXISTS " : ""}${ident(dropped.name)};`], what: `the ${dropped.callee}(...).drop() of the old type, which fails while the column has it` };
  }
  return undefined;
}

const ENUM_CALLEE = (callee: string) => /(^|\.)(Enum|ENUM)$/.test(callee);

/** `sa.Enum(..., name="x").drop(bind[, checkfirst=True])`: the enum's name, read from the call with Python's grammar. */
function sqlalchemyEnumDrop(text: string): { name: string; callee: string; checkFirst: boolean } | undefined {
  const outer = calleeOf(text);
  if (!outer?.endsWith(".drop")) return undefined;
  const name = literalOf(keywordText(text, "name", ENUM_CALLEE) ?? "");
  if (name?.kind !== "str" || name.unresolved) return undefined;
  const checkFirst = literalOf(keywordText(text, "checkfirst") ?? "False");
  const callee = /^[\w.]+/.exec(outer)?.[0] ?? "Enum";
  return { name: name.value, callee, checkFirst: checkFirst?.kind === "bool" && checkFirst.value };
}
