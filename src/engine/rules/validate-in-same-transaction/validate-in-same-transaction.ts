import { defineRule } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { pythonString } from "../support/embed-sql.js";
import { nameKey } from "../support/facts.js";
import { railsValidateFix } from "../support/rails-fix.js";
import { tableWithRows, upOps } from "../support/scope.js";
import type { Operation } from "../../model.js";
import { anyBetween, positionsBy } from "../support/positions.js";

const commit = (op: Operation) => (op.kind === "transaction_control" && op.action === "commit" ? "commit" : undefined);

export default defineRule({
  meta: {
    id: "validate-in-same-transaction",
    fixReplacesOperation: true,
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "error",
    title: "NOT VALID and VALIDATE CONSTRAINT in one transaction",
    why:
      "Adding a constraint NOT VALID takes a strong lock that is held until the transaction commits. Validating it in " +
      "the same transaction scans every row while that lock is still held, so NOT VALID buys nothing: run VALIDATE in a separate migration.",
  },
  check(ctx) {
    const addedNotValid = new Map<string, { index: number; added: Extract<Operation, { kind: "add_constraint" }> }>();
    upOps(ctx, "add_constraint").forEach(({ op, index }) => {
      if (op.notValid && op.name && op.inTransaction) addedNotValid.set(`${nameKey(op.table)}.${nameKey(op.name)}`, { index, added: op });
    });
    for (const { op } of upOps(ctx, "validate_constraint")) {
      if (!op.name || !op.inTransaction || !addedNotValid.has(`${nameKey(op.table)}.${nameKey(op.name)}`)) continue;
      // a COMMIT between the two ends the first transaction
      const { index: addedAt, added } = addedNotValid.get(`${nameKey(op.table)}.${nameKey(op.name)}`)!;
      const at = ctx.facts.indexOf(op);
      const committed = anyBetween(positionsBy(ctx.migration.up, commit).get("commit"), addedAt, at);
      // a table created here, emptied, or proven empty (a NOT NULL column without a default in the same transaction) has no rows to scan
      if (committed || !tableWithRows(ctx, op.table, at)) continue;
      ctx.report({
        op,
        message: `Constraint ${op.name} is validated in the same transaction that added it NOT VALID, so the table stays locked during the full validation scan.`,
        fix: fixFor(ctx.framework, {
          sql: `-- move this statement to the next migration:\nALTER TABLE ${ident(op.table)} VALIDATE CONSTRAINT ${ident(op.name)};`,
          rails: () => railsValidateFix(op, added),
          // ValidateConstraint finds the table by its model; SQL that validated it (RunSQL) names the table itself
          django: () =>
            op.ormModel && !op.embeddedSql
              ? `# next migration:\nfrom django.contrib.postgres.operations import ValidateConstraint\nValidateConstraint(model_name=${pythonString(op.ormModel)}, name=${pythonString(op.name!)}),`
              : `# next migration:\nmigrations.RunSQL(${pythonString(`ALTER TABLE ${ident(op.table)} VALIDATE CONSTRAINT ${ident(op.name!)}`)}, reverse_sql=migrations.RunSQL.noop),`,
          alembic: () => `# next revision:\nop.execute("ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${op.name}")`,
        }),
      });
    }
  },
});
