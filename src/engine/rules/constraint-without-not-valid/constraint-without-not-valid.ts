import type { Operation, OperationOf } from "../../model.js";
import { defineRule } from "../support/rule.js";
import { railsConstraintSteps } from "../support/rails-fix.js";
import { carriedStatement, type FixSteps, type MigrationStep } from "../support/fix-steps.js";
import { renderFix } from "../support/fix-steps.js";
import { derivedName, fixFor, ident, sym } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { embedSql, pythonString, rubyString } from "../support/embed-sql.js";
import { saType } from "../support/column-code.js";
import { withKeyword } from "../support/python-call.js";
import { NOT_VALID_SINCE, alembicNotValidFix, notValidStatements } from "./alembic-not-valid.js";
import { loopBodyNote, loopItems, perItemLookup } from "../support/alembic-loop-item.js";
import { checkExpression, notValidSql } from "../support/sql-text.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";
import { SWAPPABLE_USER_TABLE } from "../../adapters/python/django-fields.js";
import { hasForeignKeyValidation } from "../support/rails-constraint-code.js";
import { railsAtLeast, railsVersionOf } from "../support/rails-version.js";
import { inRubySql } from "../support/inside-ruby-sql.js";
import { KEEPS_LOCK, afterWholeTableUpdate, heldLockSentence } from "../support/held-lock.js";
import { constraintAtHead } from "../support/constraint-at-head.js";
import { withoutGoneFollowUp } from "../support/history-to-head.js";
import { recreatedUnderWholeTableWork, wholeTableStep } from "../support/recreated-constraint.js";

/** What a foreign key references, unless it is the swappable user model whose table the project's settings did not say. */
const knownTable = (table: string | undefined): string | undefined => (table === SWAPPABLE_USER_TABLE ? undefined : table);

/** A comment for a key to the user model whose table is unknown: its SQL is described, no table name invented. */
const USER_TABLE_UNKNOWN = "the table of settings.AUTH_USER_MODEL (the user model the project's settings name, which migguard could not read)";

/** `column` of `table` was added earlier in this up without a default: every existing row holds NULL there. */
function addedEmptyBefore(up: readonly Operation[], table: string, column: string, before: number): boolean {
  return up.slice(0, before).some((op) => op.kind === "add_column" && op.table === table && op.column.name === column && !op.column.default && !op.column.generated);
}

/** The op writes rows of `table`, or may (code that names no table, or a statement migguard cannot read). */
const mayWrite = (op: Operation, table: string): boolean =>
  (op.kind === "dml" && (op.table === undefined || nameKey(op.table) === nameKey(table))) ||
  (op.kind === "data_migration" && (op.writes === undefined || op.writes.some((t) => nameKey(t) === nameKey(table)))) ||
  (op.kind === "raw" && (op.opaque || op.table === undefined || nameKey(op.table) === nameKey(table)));

/**
 * A foreign key on columns this migration added without a default, with nothing written to the table since, in
 * the transaction that still holds the ADD COLUMN's ACCESS EXCLUSIVE lock. Every value is NULL, so no row can fail,
 * and NOT VALID would not shorten any lock wait: the table is already blocked and the referenced table takes the
 * same SHARE ROW EXCLUSIVE lock with or without NOT VALID. What validation still costs is one sequential scan that
 * finds nothing (PostgreSQL 15, 3M rows / 289 MB: 1.35 s, against 0.4 ms for NOT VALID or for REFERENCES declared
 * with the column, which PostgreSQL does not validate at all).
 * "dominated": the same transaction then reads or writes every row of the table under that lock anyway (a backfill
 * UPDATE of the new column: 77 s on the same table; SET NOT NULL's scan): the scan is a fraction of a lock held
 * longer for another step, which carries the finding. "scan": only the scan, still reported.
 */
function emptyForeignKey(ctx: RuleContext, op: Extract<Operation, { kind: "add_constraint" }>, index: number): "dominated" | "scan" | undefined {
  const up = ctx.migration.up;
  if (op.constraint !== "foreign_key" || op.columns.length === 0 || !ctx.facts.holdsAccessExclusiveBefore(op.table, index)) return undefined;
  for (const column of op.columns) {
    const added = up.findIndex((o, i) => i < index && o.kind === "add_column" && nameKey(o.table) === nameKey(op.table) && nameKey(o.column.name) === nameKey(column));
    if (added === -1 || !addedEmptyBefore(up, op.table, column, index)) return undefined;
    if (up.slice(added + 1, index).some((o) => mayWrite(o, op.table))) return undefined;
  }
  // later in the same transaction (the lock taken before is still held when the later step starts)
  const later = up.some((o, i) => i > index && wholeTableStep(o, op.table) && ctx.facts.holdsAccessExclusiveBefore(op.table, i));
  return later ? "dominated" : "scan";
}

/**
 * Django's foreign key, as Django creates it (DEFERRABLE INITIALLY DEFERRED), NOT VALID; the next migration validates it
 * and gives Django's state the field with its constraint back (state only: the database has it already).
 */
function djangoForeignKeySteps(
  op: { table: string; ormModel?: string; ormField?: string; ormFieldDef?: string },
  name: string,
  column: string,
  references: string | undefined,
  field: (def: string) => string,
  definitions: string[],
  /** the table and name the validating migration, after the folder's newest, finds the constraint under */
  atHead: { table: string; name: string } = { table: op.table, name },
): FixSteps {
  const withoutConstraint = op.ormFieldDef && withKeyword(op.ormFieldDef, "db_constraint", "False");
  const fieldName = op.ormField ?? column.replace(/_id$/, "");
  const addKey = references
    ? [
        "migrations.RunSQL(",
        `    ${pythonString(`ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${ident(column)}) REFERENCES ${ident(references)} DEFERRABLE INITIALLY DEFERRED NOT VALID`)},`,
        `    reverse_sql=${pythonString(`ALTER TABLE ${ident(op.table)} DROP CONSTRAINT ${ident(name)}`)},`,
        "),",
      ]
    : [
        `# then, in a migrations.RunSQL: ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${ident(column)}) REFERENCES`,
        `# ${USER_TABLE_UNKNOWN}, DEFERRABLE INITIALLY DEFERRED NOT VALID; reverse_sql: ALTER TABLE ${ident(op.table)} DROP CONSTRAINT ${ident(name)}`,
      ];
  const inPlace = [
    ...(withoutConstraint && op.ormModel ? ["# the field without its database constraint, then the constraint NOT VALID:", field(withoutConstraint)] : ["# the constraint NOT VALID (instant):"]),
    ...addKey,
  ].join("\n");
  const validate = `migrations.RunSQL(${pythonString(`ALTER TABLE ${ident(atHead.table)} VALIDATE CONSTRAINT ${ident(atHead.name)}`)}, reverse_sql=migrations.RunSQL.noop),`;
  const state =
    withoutConstraint && op.ormModel && op.ormFieldDef
      ? [
          "# Django's state gets the field with its constraint back; the database has it already",
          "migrations.SeparateDatabaseAndState(",
          "    state_operations=[",
          `        migrations.AlterField(model_name=${pythonString(op.ormModel)}, name=${pythonString(fieldName)}, field=${op.ormFieldDef.trim().replace(/\n/g, "\n        ")}),`,
          "    ],",
          "),",
        ]
      : [];
  // the field's definition may read the migration's imports (django.db.models.deletion)
  return { inPlace, steps: [{ name: `validate ${name}`, definitions: state.length ? definitions : [], statements: [validate, ...(state.length ? [state.join("\n")] : [])] }] };
}

/** The migration's own AddConstraint(...) as AddConstraintNotValid(...), re-indented to stand on its own. */
function djangoNotValid(text: string): string | undefined {
  const call = text.trim();
  const head = /^(migrations\.)?AddConstraint\(/.exec(call);
  if (!head || !call.endsWith(")")) return undefined;
  const lines = `AddConstraintNotValid(${call.slice(head[0].length)}`.split("\n");
  const closing = lines.length > 1 ? (/^ */.exec(lines[lines.length - 1])?.[0].length ?? 0) : 0;
  return lines.map((line, i) => (i === 0 ? line : line.slice(Math.min(closing, /^ */.exec(line)?.[0].length ?? 0)))).join("\n");
}

/**
 * A create_foreign_key / create_check_constraint in a loop over a literal list (pagure 317a285e04a8's nine hook
 * tables): the loop's body runs for every item, so its replacement adds each item's own constraint NOT VALID,
 * never one item's statement. Undefined outside a loop, or when an item's SQL cannot be written.
 */
function alembicLoopBody(ctx: RuleContext, op: OperationOf<"add_constraint">): string | undefined {
  const note = loopBodyNote(op);
  const items = note ? loopItems(op, ctx.migration.up) : undefined;
  if (!note || !items?.length) return undefined;
  const sqlOf = (o: OperationOf<"add_constraint">) => {
    const name = o.name ?? derivedName(o.table, o.columns, o.constraint === "foreign_key" ? "fkey" : "check");
    const sql = notValidStatements(o, name, ctx.migration.source);
    return "add" in sql ? sql.add : undefined;
  };
  const values = items.map((i) => ({ key: i.key, value: sqlOf(i.op) }));
  if (values.some((v) => v.value === undefined)) return undefined;
  return `${note}\nop.execute(${perItemLookup(op, values.map((v) => ({ key: v.key, value: pythonString(v.value!) })))})`;
}

export default defineRule({
  meta: {
    id: "constraint-without-not-valid",
    fixReplacesOperation: true,
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "error",
    title: "Foreign key or CHECK constraint validated while holding a lock",
    why:
      "ADD CONSTRAINT ... FOREIGN KEY / CHECK checks every existing row while it holds its lock: SHARE ROW EXCLUSIVE " +
      "on both tables of a foreign key (writes blocked), ACCESS EXCLUSIVE for a CHECK (everything blocked). " +
      "Adding it NOT VALID is instant; VALIDATE CONSTRAINT later checks the rows under a lock that allows reads and writes.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "add_constraint")) {
      if (op.notValid || op.usingIndex || !tableWithRows(ctx, op.table, index)) continue;
      if (op.constraint !== "foreign_key" && op.constraint !== "check" && op.constraint !== "not_null") continue;
      const emptyKey = emptyForeignKey(ctx, op, index);
      if (emptyKey === "dominated") continue;
      // a key this transaction dropped and adds back, with a whole pass over the table between or after (every row
      // rewritten, the primary key rebuilt): the drop holds ACCESS EXCLUSIVE on both tables until commit, so the scan
      // blocks nothing not blocked already and is a fraction of that window; NOT VALID would leave unchecked the rows
      // the pass rewrote (recreated-constraint.ts). Re-added with no such pass (a key's ON DELETE changed), it is reported
      if (op.constraint === "foreign_key" && recreatedUnderWholeTableWork(ctx, op, index) !== undefined) continue;
      // an earlier UPDATE of every row under the transaction's ACCESS EXCLUSIVE lock (a backfill): the table is closed
      // for that whole write anyway, and a CHECK's scan adds a fraction of it; a key's scan still blocks the referenced
      // table's writes on its own, so its finding keeps its severity with what the held lock does said right
      const updated = afterWholeTableUpdate(ctx, op.table, index, { work: "check" }, op.columns[0]);
      const alongside = updated && op.constraint === "foreign_key" ? ` Writes to ${op.referencesTable ?? "the referenced table"} wait (SHARE ROW EXCLUSIVE) for this check's scan alone, which NOT VALID, validated in a later migration, avoids.` : "";
      // an earlier statement of the transaction holds ACCESS EXCLUSIVE on the table: what the check's scan keeps closed
      const held = updated ? updated.sentence + alongside : heldLockSentence(ctx, op, op.table, index, {
        work: "check",
        effect: op.constraint === "foreign_key" ? `blocks reads of ${op.table} as well as writes for its whole duration` : KEEPS_LOCK,
        fix: "adding it NOT VALID and validating it in a later migration",
      });
      const t = ident(op.table);
      const name = op.name ?? derivedName(op.table, op.columns, op.constraint === "foreign_key" ? "fkey" : "check");
      // the statement as written, NOT VALID (its CHECK expression, its REFERENCES columns), when it is one statement
      const written = op.embeddedSql || ctx.framework === "sql" ? notValidSql(op.text, op.name ? undefined : name) : undefined;
      const check = (op.embeddedSql || ctx.framework === "sql" ? checkExpression(op.text) : undefined) ?? op.expression;
      // what the constraint's SQL needs and the migration does not say: no SQL is written then, the fix says it
      const unread =
        op.constraint === "foreign_key" && op.referencesTable === SWAPPABLE_USER_TABLE
          ? USER_TABLE_UNKNOWN
          : op.constraint === "foreign_key" && (!op.referencesTable || !op.columns.length)
          ? "the table or columns of its foreign key"
          : op.constraint === "foreign_key" && op.unreadOptions?.length
          ? `its ${op.unreadOptions.join(", ")} (set when the migration runs)`
          : op.constraint === "check" && check === undefined
            ? "its CHECK expression"
            : undefined;
      // the key as written: its referenced columns and every option (ON DELETE / ON UPDATE, MATCH, DEFERRABLE):
      // re-adding it without them would change what the key does (pagure 317a285e04a8 adds it for its CASCADE)
      const referenced = op.referencesColumns?.length ? ` (${op.referencesColumns.map(ident).join(", ")})` : "";
      const body =
        op.constraint === "foreign_key"
          ? `FOREIGN KEY (${op.columns.map(ident).join(", ")}) REFERENCES ${ident(op.referencesTable ?? "")}${referenced}${op.keyClauses ? ` ${op.keyClauses}` : ""}`
          : op.constraint === "check"
            ? `CHECK (${check})`
            : `NOT NULL ${op.columns.map(ident).join(", ")}`;
      const what = op.constraint === "foreign_key" ? `foreign key${op.referencesTable ? ` to ${op.referencesTable}` : ""}` : op.constraint === "check" ? "CHECK constraint" : "NOT NULL constraint";
      // a CHECK on columns this migration just added, empty: no row can fail, but PostgreSQL still scans them all
      const onEmptyColumns = op.constraint === "check" && op.columns.length > 0 && op.columns.every((c) => addedEmptyBefore(ctx.migration.up, op.table, c, index));
      const addSql = written ?? (unread ? undefined : `ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} ${body} NOT VALID`);
      const unreadNote = (prefix: string) => `${prefix} migguard could not read ${unread} on line ${op.loc.line}: add it as written there, with NOT VALID, then validate it in the next migration`;
      // the validating migration runs after the folder's newest: the names there, or none when a later one drops it
      const head = constraintAtHead(ctx, op.table, name, index);
      const atHead = "gone" in head ? { table: op.table, name } : head;
      const renamed = atHead.table !== op.table || atHead.name !== name;
      const validateSql = `ALTER TABLE ${ident(atHead.table)} VALIDATE CONSTRAINT ${ident(atHead.name)}`;
      const validate = (statement: string): MigrationStep => ({ name: `validate ${name}`, statements: [statement], down: ctx.framework === "rails" ? ["# nothing to undo: validating only checked the rows"] : undefined });
      const constraintSteps = (): FixSteps => {
        switch (ctx.framework) {
          case "sql":
            return { inPlace: addSql ? `${addSql};` : unreadNote("--"), steps: [validate(`${validateSql};`)] };
          case "rails": {
            // a statement of a heredoc's SQL stays SQL there; an execute of it alone is replaced by one
            if (op.embeddedSql && written) return { inPlace: inRubySql(ctx.migration, op, written.replace(/;?\s*$/, ";"), "adds the constraint NOT VALID") ?? `execute ${rubyString(written)}`, steps: [validate(`execute ${rubyString(validateSql)}`)] };
            // a Rails without validate: false for this constraint (foreign keys 5.2+, CHECKs 6.1+): the SQL its call sends, NOT VALID
            const helperless = op.constraint === "foreign_key" ? !hasForeignKeyValidation(ctx.migration) : op.constraint === "check" && !railsAtLeast(ctx.migration, 6.1);
            const own = op.sql && op.name && !/\bNOT VALID\b/i.test(op.sql) ? `${op.sql.trim().replace(/;$/, "")} NOT VALID` : addSql;
            if (helperless && own)
              return {
                inPlace: `# Rails ${railsVersionOf(ctx.migration).toFixed(1)} cannot add this ${what} unvalidated (validate: false is Rails ${op.constraint === "check" ? "6.1" : "5.2"}+): its SQL, NOT VALID\nexecute ${rubyString(own)}`,
                steps: [validate(`execute ${rubyString(validateSql)}`)],
              };
            // validate_foreign_key / validate_check_constraint find the constraint on the table as it is named then
            return railsConstraintSteps(op, check, atHead);
          }
          case "django":
            if (op.embeddedSql && written)
              return {
                inPlace: `migrations.RunSQL(${pythonString(written)}, reverse_sql=${pythonString(`ALTER TABLE ${t} DROP CONSTRAINT ${ident(name)}`)}),`,
                steps: [validate(`migrations.RunSQL(${pythonString(validateSql)}, reverse_sql=migrations.RunSQL.noop),`)],
              };
            if (op.constraint === "foreign_key") {
              if (!knownTable(op.referencesTable) || !op.columns[0]) return { inPlace: unreadNote("#"), steps: [validate(`migrations.RunSQL(${pythonString(validateSql)}, reverse_sql=migrations.RunSQL.noop),`)] };
              const column = op.columns[0];
              const field = (def: string) => `migrations.AlterField(model_name=${pythonString(op.ormModel ?? op.table)}, name=${pythonString(op.ormField ?? column.replace(/_id$/, ""))}, field=${def}),`;
              return djangoForeignKeySteps(op, name, column, op.referencesTable!, field, carriedStatement(ctx.migration, op).definitions, atHead);
            }
            // AddConstraintNotValid and ValidateConstraint are Django 4.0+: an older project's (normandy's 2.2) gets the SQL
            const notValidOp = ctx.repository.djangoAtLeast("4.0") === false ? undefined : djangoNotValid(op.text);
            const oldDjango = !notValidOp && djangoNotValid(op.text) !== undefined;
            if (!notValidOp && !addSql)
              return {
                inPlace: oldDjango
                  ? `# this project's Django is older than 4.0, which has no AddConstraintNotValid, and migguard could not write ${unread} in SQL: in place of line ${op.loc.line},\n# a migrations.RunSQL of ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} CHECK with the condition written in SQL and NOT VALID at its end, then validate it in the next migration`
                  : unreadNote("#"),
                steps: [validate(`migrations.RunSQL(${pythonString(validateSql)}, reverse_sql=migrations.RunSQL.noop),`)] };
            const validateOp = op.ormModel && notValidOp && !renamed;
            return {
              inPlace: [...(notValidOp ? ["from django.contrib.postgres.operations import AddConstraintNotValid"] : []), `${notValidOp ?? `migrations.RunSQL(${pythonString(addSql!)}, reverse_sql=${pythonString(`ALTER TABLE ${t} DROP CONSTRAINT ${ident(name)}`)})`},`].join("\n"),
              steps: [
                {
                  name: `validate ${name}`,
                  definitions: validateOp ? ["from django.contrib.postgres.operations import ValidateConstraint"] : [],
                  statements: [validateOp ? `ValidateConstraint(model_name=${pythonString(op.ormModel!)}, name=${pythonString(name)}),` : `migrations.RunSQL(${pythonString(validateSql)}, reverse_sql=migrations.RunSQL.noop),`],
                },
              ],
            };
          case "alembic": {
            const own = alembicNotValidFix(op, name, ctx.repository.sqlalchemyAtLeast(NOT_VALID_SINCE), ctx.migration.source, { add: addSql, unread: unreadNote("#"), validate: validateSql }, ctx.migration.alembicTransactions?.targetMetadata, ctx.migration.revision);
            return { inPlace: (own.add && alembicLoopBody(ctx, op)) || own.inPlace, steps: [validate(`op.execute(${pythonString(renamed ? validateSql : own.validate)})`)] };
          }
        }
      };
      ctx.report({
        op,
        // an empty new column's key still scans the whole table, and the referenced table's writes wait for that scan
        // (SHARE ROW EXCLUSIVE, taken with or without NOT VALID, held to commit): a lock that grows with the table, an
        // error (judged a real hazard on dispatch; PGlite, 200k rows: 77 ms against 0.3 ms NOT VALID)
        severity: updated && op.constraint !== "foreign_key" && !emptyKey ? updated.severity : onEmptyColumns && !emptyKey ? "warning" : undefined,
        message: emptyKey
          ? `Adding a foreign key${op.referencesTable ? ` to ${op.referencesTable}` : ""} on ${op.table} without NOT VALID scans every row of ${op.table}, although none can fail: ${op.columns.join(", ")} ${op.columns.length === 1 ? "was" : "were"} added empty earlier in this transaction. For the whole scan (PostgreSQL 15: about 1.4 s per 3M rows) ${op.table} stays under the ADD COLUMN's ACCESS EXCLUSIVE lock and ${op.referencesTable ?? "the referenced table"} under SHARE ROW EXCLUSIVE, so writes to ${op.referencesTable ? `${op.referencesTable} wait` : "it wait"} as long as ${op.table} takes to read. NOT VALID takes the same locks without the scan; REFERENCES declared with the column is not validated at all.`
          : onEmptyColumns
          ? `Adding a CHECK constraint on ${op.table} without NOT VALID scans every row under an ACCESS EXCLUSIVE lock, although none can fail: ${op.columns.join(", ")} ${op.columns.length === 1 ? "was" : "were"} added empty just before. Quick on a small table; on a large one the table is blocked for the whole scan.${held}`
          : `Adding a ${what} on ${op.table} without NOT VALID checks every row while ${op.constraint === "foreign_key" ? "writes to both tables are blocked" : "the table is locked"}.${held}`,
        fix: renderFix(ctx, withoutGoneFollowUp(constraintSteps(), head, ctx.framework, "validates it")),
      });
    }
    // a new column with an inline REFERENCES (Django's AddField of a ForeignKey, ADD COLUMN ... REFERENCES):
    // without a default every row holds NULL, so PostgreSQL checks nothing (3M rows: about 1 ms, no scan); the
    // referenced table's SHARE ROW EXCLUSIVE lock lasts as briefly as the column's own ACCESS EXCLUSIVE one
    for (const { op, index } of upOps(ctx, "add_column")) {
      const ref = op.column.references;
      if (!ref || ref.notValid || !tableWithRows(ctx, op.table, index)) continue;
      if (!op.column.default) continue;
      const fk = ident(derivedName(op.table, [op.column.name], "fkey"));
      const type = op.column.type?.text ?? "bigint";
      const withDefault = op.column.default ? ` DEFAULT ${op.column.default.expr}` : "";
      const fkName = derivedName(op.table, [op.column.name], "fkey");
      const addSql = [
        `ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column.name)} ${type}${withDefault};${op.column.type ? "" : "  -- the type of the referenced key"}`,
        `ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${fk} FOREIGN KEY (${ident(op.column.name)}) REFERENCES ${ident(ref.table)}${ref.column ? ` (${ident(ref.column)})` : ""} NOT VALID;`,
      ].join("\n");
      const validateSql = `ALTER TABLE ${ident(op.table)} VALIDATE CONSTRAINT ${fk}`;
      const addedColumnSteps = (): FixSteps => {
        const validate = (statement: string): MigrationStep => ({ name: `validate ${fkName}`, statements: [statement], down: ctx.framework === "rails" ? ["# nothing to undo: validating only checked the rows"] : undefined });
        switch (ctx.framework) {
          case "sql":
            return { inPlace: addSql, steps: [validate(`${validateSql};`)] };
          case "rails":
            return { inPlace: embedSql("rails", addSql), steps: [validate(`validate_foreign_key ${sym(op.table)}, name: ${rubyString(fkName)}`)] };
          case "alembic":
            return { inPlace: embedSql("alembic", addSql), steps: [validate(`op.execute(${pythonString(validateSql)})`)] };
          case "django": {
            const references = knownTable(ref.table);
            if (!op.ormFieldDef || !op.ormModel)
              return {
                inPlace: references
                  ? embedSql("django", addSql)
                  : `# migguard could not read ${USER_TABLE_UNKNOWN}: add the column of line ${op.loc.line} without its constraint, then the constraint NOT VALID, and validate it in the next migration`, steps: [validate(`migrations.RunSQL(${pythonString(validateSql)}, reverse_sql=migrations.RunSQL.noop),`)],
              };
            const field = (def: string) => `migrations.AddField(model_name=${pythonString(op.ormModel!)}, name=${pythonString(op.ormField ?? op.column.name.replace(/_id$/, ""))}, field=${def}),`;
            return djangoForeignKeySteps({ ...op, table: op.table }, fkName, op.column.name, references, field, carriedStatement(ctx.migration, op).definitions);
          }
        }
      };
      ctx.report({
        op,
        message: `Adding ${op.table}.${op.column.name} with a default and a foreign key to ${ref.table} checks every row while writes to both tables are blocked.${heldLockSentence(ctx, op, op.table, index, { work: "check", effect: KEEPS_LOCK, fix: "adding the column without its key, then the key NOT VALID and validating it in a later migration" })}`,
        fix: renderFix(ctx, addedColumnSteps()),
      });
    }
  },
});
