/**
 * A foreign key that turns a plain integer field into a relation (Django's AlterField from a PositiveIntegerField to
 * a ForeignKey: ralph's trade_marks 0013, replay 47) also changes the column's type on MySQL: PositiveIntegerField is
 * `int unsigned`, the key's column the referenced id's `int`. That change copies the table whatever
 * foreign_key_checks says (MariaDB: "Cannot change column type INPLACE"), so a fix that switches the checks off to
 * add the key in place would promise what the same statement breaks: the fix runs the whole statement online.
 */
import type { OperationOf } from "../../model.js";
import { djangoApp } from "../support/django-migration.js";
import type { RuleContext } from "../support/rule.js";

/** Django's field classes MySQL stores as unsigned integers (a key to an AutoField or BigAutoField is signed). */
const UNSIGNED = new Set(["PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField"]);

/** The column's type before, in MySQL's words, when the key's column certainly differs from it; undefined otherwise. */
export function retypedByKey(op: OperationOf<"add_constraint">): string | undefined {
  const before = op.plainFieldBefore?.split(".").pop();
  return before && UNSIGNED.has(before) ? `${before} (an unsigned integer on MySQL)` : undefined;
}

/** Why the key copies the table anyway, for the message. */
export const retypedWhy = (op: OperationOf<"add_constraint">, before: string): string =>
  `the same statement also turns ${op.table}.${op.columns.join(", ")} from ${before} into the key's signed integer, a type change MySQL makes only by copying the table, whatever foreign_key_checks says`;

export function retypedKeyFix(ctx: RuleContext, op: OperationOf<"add_constraint">, before: string): string {
  const { label, name } = djangoApp(ctx.migration);
  return [
    `# switching foreign_key_checks off would not keep this in place: the column's type changes too (${before} to the key's signed integer), which copies ${op.table} anyway.`,
    `# Run the whole operation online, outside the deploy: pt-online-schema-change copies the table in the background and keeps its foreign keys`,
    `# (--alter-foreign-keys-method); gh-ost takes no table with foreign keys. Its --alter is the ALTER TABLE clauses that`,
    `#   python manage.py sqlmigrate ${label} ${name}`,
    `# prints for this operation (the column's new type and name, and the key); then keep this migration as the record that it ran (\`migrate --fake\`).`,
    `# Or run it as written where ${op.table} can go without writes while it is copied.`,
  ].join("\n");
}
