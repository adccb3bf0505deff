/**
 * A GENERATED ... STORED column added to a table with rows, without the rewrite, every step as code: a plain column of
 * the same type (instant); a BEFORE INSERT OR UPDATE trigger that sets it from the same generation expression on every
 * write, as the database does for a generated column (a DEFAULT cannot read other columns); and the existing rows
 * filled in batches by a migration of its own, outside a transaction. The trigger evaluates the expression as written
 * over `(SELECT NEW.*)` aliased as the table, so its column references read the new row without being rewritten.
 */
import type { OperationOf } from "../../model.js";
import { triggerExecutes } from "../../database/postgres-syntax.js";
import { alembicBatchedFill, djangoBatchedFillFunction, fillRunnerOf, railsBatchedFill, sqlBatchedFill, sqlFillUnderRunnerTransaction, type BatchedFill } from "../support/batched-fill.js";
import { saType, sqlalchemy2 } from "../support/column-code.js";
import { isDerived } from "../support/derived-down.js";
import { alembicTable, pythonString, rubyString } from "../support/embed-sql.js";
import { derivedName, ident, sym } from "../support/fix.js";
import { renderFix } from "../support/fix-steps.js";
import { railsType } from "../support/rails-fix.js";
import { reindented } from "../support/data-code.js";
import type { RuleContext } from "../support/rule.js";

type AddColumn = OperationOf<"add_column">;

/** The SQL of the fix, shared by the frameworks (Rails and Alembic run it through their own calls). */
export interface GeneratedColumnSql {
  /** ALTER TABLE ... ADD COLUMN, without the generation */
  add: string;
  /** the trigger function and the trigger */
  trigger: string;
  /** what a down that drops the column must drop first: the trigger, then its function */
  dropTrigger: string;
  fill: BatchedFill;
}

const bare = (table: string) => table.split(".").pop()!;

/** The function in the table's schema (the trigger takes the table's). */
const qualified = (table: string, name: string) => (table.includes(".") ? `${ident(table.slice(0, table.lastIndexOf(".")))}.${ident(name)}` : ident(name));

export function generatedColumnSql(ctx: Pick<RuleContext, "postgresVersion">, op: AddColumn, written: string): GeneratedColumnSql {
  // as written, without the blank lines and indentation a heredoc puts around it
  const expr = written.trim();
  const [t, c] = [ident(op.table), ident(op.column.name)];
  const name = derivedName(op.table, [op.column.name], "generated");
  const fn = qualified(op.table, name);
  return {
    add: `ALTER TABLE ${t} ADD COLUMN ${c} ${op.column.type?.text ?? "text"};`,
    trigger: [
      // OR REPLACE and DROP TRIGGER IF EXISTS: a migration that removes the column and adds it back generated again
      // (e-petitions' 20241021142904 after 20240613095954) finds the trigger an earlier fix of this kind created
      `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$`,
      `BEGIN`,
      `  NEW.${c} := (SELECT (${expr}) FROM (SELECT NEW.*) AS ${ident(bare(op.table))});`,
      `  RETURN NEW;`,
      `END $$;`,
      `DROP TRIGGER IF EXISTS ${ident(name)} ON ${t};`,
      `CREATE TRIGGER ${ident(name)} BEFORE INSERT OR UPDATE ON ${t}`,
      `  FOR EACH ROW ${triggerExecutes(ctx.postgresVersion)} ${fn}();`,
    ].join("\n"),
    dropTrigger: `DROP TRIGGER IF EXISTS ${ident(name)} ON ${t};\nDROP FUNCTION IF EXISTS ${fn}();`,
    fill: { table: op.table, assignments: `${c} = (${expr})`, pending: `${c} IS NULL AND (${expr}) IS NOT NULL` },
  };
}

export const GENERATED_INTRO = "a plain column (instant), set from the generation expression by a trigger on every insert and update, as a generated column is";

/** The fix in the migration's language: the column and trigger in its place, the fill as a migration of its own. Undefined when the framework's call cannot be written (no type). */
export function generatedColumnFix(ctx: RuleContext, op: AddColumn, expr: string): string | undefined {
  const sql = generatedColumnSql(ctx, op, expr);
  const fillName = `fill ${bare(op.table)} ${op.column.name}`;
  switch (ctx.framework) {
    case "sql":
      return renderFix(ctx, {
        inPlace: [`-- ${GENERATED_INTRO}`, sql.add, sql.trigger, `-- a down that drops ${op.column.name} drops the trigger and its function first:`, ...sql.dropTrigger.split("\n").map((l) => `--   ${l}`)].join("\n"),
        steps: [{ name: fillName, noTransaction: true, statements: [sqlBatchedFill(sql.fill, fillRunnerOf(ctx.migration), ctx.postgresVersion)], underRunnerTransaction: (runner) => sqlFillUnderRunnerTransaction(sql.fill, runner) }],
      });
    case "rails": {
      if (!op.column.type) return undefined;
      const add = `add_column ${sym(op.table)}, ${sym(op.column.name)}, ${railsType(op.column.type)}  # ${GENERATED_INTRO}`;
      // in `change` the trigger needs its inverse beside it; in `up` the written down must drop it before the column
      const trigger = isDerived(ctx.migration.down)
        ? [`reversible do |dir|`, `  dir.up do`, indent(`execute ${rubyString(sql.trigger)}`, "    "), `  end`, `  dir.down do`, indent(`execute ${rubyString(sql.dropTrigger)}`, "    "), `  end`, `end`]
        : [`execute ${rubyString(sql.trigger)}`, `# and in def down, before it removes ${op.column.name}:`, `execute ${rubyString(sql.dropTrigger)}`];
      return renderFix(ctx, {
        inPlace: [add, ...trigger].join("\n"),
        steps: [{ name: fillName, noTransaction: true, statements: [railsBatchedFill(sql.fill)], down: ["# nothing to undo: the computed values stay"] }],
      });
    }
    case "alembic": {
      const type = op.column.type && saType(op.column.type, sqlalchemy2(ctx.repository));
      if (!type) return undefined;
      const { name, schema } = alembicTable(op.table);
      return renderFix(ctx, {
        inPlace: [
          `# ${GENERATED_INTRO}`,
          `op.add_column(${name}, sa.Column(${pythonString(op.column.name)}, ${type}, nullable=True)${schema})`,
          `op.execute(${pythonString(sql.trigger)})`,
          `# and in downgrade(), before it drops ${op.column.name}:`,
          `op.execute(${pythonString(sql.dropTrigger)})`,
        ].join("\n"),
        steps: [{ name: fillName, noTransaction: true, statements: [alembicBatchedFill(sql.fill)], down: ["# nothing to undo: the computed values stay"] }],
      });
    }
    case "django": {
      const def = op.ormFieldDef;
      if (!op.column.type || !def || !op.ormModel || !op.ormField) return undefined;
      // lower case, as makemigrations writes model_name (Django compares it so)
      const named = `model_name=${pythonString(op.ormModel.toLowerCase())}, name=${pythonString(op.ormField)}`;
      const fn = `fill_${bare(op.table)}_${op.column.name}`.replace(/\W/g, "_");
      return renderFix(ctx, {
        inPlace: [
          `# ${GENERATED_INTRO}; Django's state keeps the GeneratedField as written, so makemigrations sees no change`,
          `migrations.SeparateDatabaseAndState(`,
          `    database_operations=[`,
          `        migrations.RunSQL(`,
          indent(`sql=${pythonString(`${sql.add}\n${sql.trigger}`)},`, "            "),
          indent(`reverse_sql=${pythonString(`${sql.dropTrigger}\nALTER TABLE ${ident(op.table)} DROP COLUMN ${ident(op.column.name)};`)},`, "            "),
          `        ),`,
          `    ],`,
          `    state_operations=[`,
          indent(`migrations.AddField(${named}, field=${reindented(def.trim())}),`, "        "),
          `    ],`,
          `),`,
        ].join("\n"),
        steps: [{ name: fillName, noTransaction: true, definitions: [djangoBatchedFillFunction(fn, sql.fill)], statements: [`migrations.RunPython(${fn}, migrations.RunPython.noop),`] }],
      });
    }
    default:
      return undefined;
  }
}

const indent = (text: string, by: string) => text.split("\n").map((l) => (l ? `${by}${l}` : l)).join("\n");
