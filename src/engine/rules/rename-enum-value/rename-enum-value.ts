import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { upOps } from "../support/scope.js";
import { hasSyntax } from "../../database/postgres-syntax.js";

export default defineRule({
  meta: {
    id: "rename-enum-value",
    category: "breaking-change",
    hazard: "old-code",
    // the new code names what the rename creates: served before the migration, it fails too
    newCodeFailsToo: true,
    severity: "warning",
    title: "Renaming an enum value breaks the running code",
    why: "Running code still writes and compares the old label: inserts with it fail and queries filtering on it return nothing.",
  },
  check(ctx) {
    for (const { op } of upOps(ctx, "alter_enum")) {
      if (op.action !== "rename_value") continue;
      ctx.report({
        op,
        message: `Renaming enum value '${op.neighbor}' of ${op.type} to '${op.value}' breaks code that still uses '${op.neighbor}'.`,
        fix: fixFor(ctx.framework, {
          // before PostgreSQL 12 ADD VALUE cannot run inside a transaction block at all
          sql: `${hasSyntax(ctx.postgresVersion, "addEnumValueInTransaction") ? "" : `-- in a migration of its own, outside a transaction (PostgreSQL ${ctx.postgresVersion} cannot add an enum value inside one):\n`}ALTER TYPE ${op.type} ADD VALUE IF NOT EXISTS '${op.value}';\n-- migrate rows and code to '${op.value}', and stop using '${op.neighbor}' (enum values cannot be dropped)`,
        }),
      });
    }
  },
});
