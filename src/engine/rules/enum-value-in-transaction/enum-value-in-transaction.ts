import { dataCode } from "../support/data-code.js";
import type { Operation } from "../../model.js";
import { defineRule } from "../support/rule.js";
import { fixFor, sqlString } from "../support/fix.js";
import { upOps } from "../support/scope.js";

/** The same label added to (or named in) another enum type is not a use of this type's new value. */
const ofAnotherEnum = (later: Operation, type: string): boolean => later.kind === "alter_enum" && later.type !== type;

export default defineRule({
  meta: {
    id: "enum-value-in-transaction",
    category: "transaction",
    severity: "error",
    title: "New enum value used in the transaction that adds it",
    why:
      "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block at all. From 12 on it can, " +
      "but the new value cannot be used until the transaction commits (\"unsafe use of new value\"): the migration fails.",
    postgres: "ADD VALUE inside a transaction needs PostgreSQL 12+",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "alter_enum")) {
      if (op.action !== "add_value" || !op.inTransaction) continue;
      if (ctx.postgresVersion < 12) {
        ctx.report({
          op,
          message: `ALTER TYPE ${op.type} ADD VALUE cannot run inside a transaction block on PostgreSQL ${ctx.postgresVersion}.`,
          fix: fixFor(ctx.framework, {
            sql: "-- run ALTER TYPE ... ADD VALUE in its own migration, outside a transaction",
            // the migration's own statement, alone in a migration of its own
            rails: () => `disable_ddl_transaction!  # with this statement alone in its migration\n${dataCode("rails", op)}`,
            django: () => "atomic = False  # on the Migration, with the RunSQL alone",
            alembic: () => `with op.get_context().autocommit_block():\n    ${dataCode("alembic", op).replace(/\n/g, "\n    ")}`,
          }),
        });
        continue;
      }
      const literal = sqlString(op.value);
      const user = ctx.migration.up
        .slice(index + 1)
        .find((later) => later.inTransaction && later.text.includes(literal) && !(later.kind === "transaction_control") && !ofAnotherEnum(later, op.type));
      const committed = user && ctx.migration.up.slice(index + 1, ctx.facts.indexOf(user)).some((o) => o.kind === "transaction_control" && o.action === "commit");
      if (!user || committed) continue;
      ctx.report({
        op: user,
        message: `Enum value ${literal} is used in the same transaction that adds it (line ${op.loc.line}); PostgreSQL rejects this with "unsafe use of new value".`,
        fix: fixFor(ctx.framework, {
          sql: `-- add the value in one migration:\nALTER TYPE ${op.type} ADD VALUE IF NOT EXISTS ${literal};\n-- and use it in the next one`,
        }),
      });
    }
  },
});
