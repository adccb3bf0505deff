import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { typeChangeCost } from "../../types.js";

/**
 * A column redefined without its previous definition at hand (Django AlterField when the app's earlier
 * migrations are not part of the review): what the new definition may switch on is each a known hazard.
 */
export default defineRule({
  meta: {
    id: "unverified-column-change",
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "warning",
    title: "Column redefined without its previous definition",
    why:
      "Django's AlterField runs only what differs from the previous definition: a new type rewrites the table, unique=True " +
      "builds a unique index under an ACCESS EXCLUSIVE lock, null=False scans the table, db_index=True builds an index that " +
      "blocks writes. Without the app's earlier migrations migguard cannot tell which of these happen; review them, or lint " +
      "the whole migrations folder so the previous definition is known.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "redefine_column")) {
      if (!tableWithRows(ctx, op.table, index)) continue;
      const c = op.column;
      const model = op.ormModel ?? "...";
      const field = op.ormField ?? c.name;
      // the previous definition is known (its null, unique, index and default changes are their own operations):
      // only the column type the new field class gives is unknown
      if (op.unknownClass) {
        const { fieldClass, fromType } = op.unknownClass;
        ctx.report({
          op,
          message: `${op.table}.${c.name} becomes a ${fieldClass}, a field class whose column type migguard does not know: if it is not the column's type ${fromType ? `(${fromType}) ` : ""}the AlterField rewrites the table under an ACCESS EXCLUSIVE lock.`,
          fix: fixFor(ctx.framework, {
            sql: "-- compare the new column type with the current one: a different type is a rewrite",
            django: () => `
              # check the column type ${fieldClass} gives with \`manage.py sqlmigrate\`: ${fromType ? `the same type (${fromType}) is no change in the database; ` : ""}a different
              # type rewrites the table: add a new field of it, backfill it in batches, switch the code, remove ${model}.${field}`,
          }),
        });
        continue;
      }
      const risks: string[] = [];
      // to text or a wider varchar is usually free; to most other types from anything else is a rewrite
      if (c.type && typeChangeCost(undefined, c.type).rewrite === true) risks.push(`a change to ${c.type.text} rewrites the table under an ACCESS EXCLUSIVE lock`);
      if (c.unique) risks.push("adding unique=True builds a unique index while reads and writes wait");
      // most fields are NOT NULL; a default next to it is the sign of a null=True -> NOT NULL change (it fills the NULLs)
      if (c.notNull && !c.primaryKey && c.default) risks.push("going from null=True to NOT NULL scans every row under an ACCESS EXCLUSIVE lock");
      if (op.indexed) risks.push("adding db_index=True builds an index that blocks writes");
      if (c.references) risks.push(`adding the foreign key to ${c.references.table} validates every row`);
      if (risks.length === 0) continue;
      ctx.report({
        op,
        message: `${op.table}.${c.name} is redefined, but its previous definition is not in this review. If this changes it, ${risks.join("; ")}.`,
        fix: fixFor(ctx.framework, {
          sql: "-- compare with the column's current definition; split a type change, NOT NULL or UNIQUE into the safe multi-step forms",
          django: () => `
            # lint the app's whole migrations folder so the previous definition of ${model}.${field} is known, or check \`manage.py sqlmigrate\`.
            # unique=True on a live table: build the index first, then attach it (atomic = False):
            #   AddIndexConcurrently(model_name="${model}", index=models.Index(fields=["${field}"], name="${op.table}_${c.name}_uniq"))  # UniqueConstraint via RunSQL ... USING INDEX
            # null=False: AddConstraintNotValid(CheckConstraint(condition=Q(${field}__isnull=False), ...)), ValidateConstraint, then AlterField
            # a new type: add a new field, backfill it in batches, switch the code, remove the old field`,
        }),
      });
    }
  },
});
