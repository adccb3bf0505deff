/**
 * The options of a Rails foreign key that change what PostgreSQL enforces (on_delete:, on_update:, deferrable:,
 * primary_key:), read back from the SQL the adapter wrote for it (AddConstraint.sql): a fix that adds the key again
 * with validate: false must add the same key, not one without its ON DELETE CASCADE.
 */
import { parseOne } from "./sql-text.js";

/** PostgreSQL's action codes (pg_constraint.confdeltype) as Rails names them; SET DEFAULT has no Rails name. */
const RAILS_ACTIONS: Record<string, string> = { c: ":cascade", n: ":nullify", r: ":restrict" };

/** `, on_delete: :cascade, deferrable: :deferred` for the key `sql` adds; "" when it adds none or migguard cannot read it. */
export function railsForeignKeyOptions(sql: string | undefined): string {
  if (!sql) return "";
  const cmd = parseOne(sql)?.AlterTableStmt?.cmds?.[0]?.AlterTableCmd;
  const c = cmd?.subtype === "AT_AddConstraint" ? cmd.def?.Constraint : undefined;
  if (c?.contype !== "CONSTR_FOREIGN") return "";
  const options: string[] = [];
  const primaryKey: string[] = (c.pk_attrs ?? []).map((k: { String?: { sval?: string } }) => k.String?.sval);
  if (primaryKey.length === 1 && primaryKey[0] !== "id") options.push(`primary_key: :${primaryKey[0]}`);
  if (RAILS_ACTIONS[c.fk_del_action]) options.push(`on_delete: ${RAILS_ACTIONS[c.fk_del_action]}`);
  if (RAILS_ACTIONS[c.fk_upd_action]) options.push(`on_update: ${RAILS_ACTIONS[c.fk_upd_action]}`);
  if (c.deferrable) options.push(`deferrable: ${c.initdeferred ? ":deferred" : ":immediate"}`);
  return options.map((o) => `, ${o}`).join("");
}
