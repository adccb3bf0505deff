/**
 * NOT NULL without the scan under the lock, in three migrations (PostgreSQL 12+): a CHECK (column IS NOT NULL)
 * added NOT VALID in this one (instant; new rows are checked from then on); the NULLs the migration meant to fill,
 * filled in batches outside a transaction; then VALIDATE (a scan that lets reads and writes go on), SET NOT NULL
 * (which reads the validated CHECK instead of the table) and the CHECK dropped.
 */
import { separateDatabaseAndState } from "../support/django-separate-state.js";
import type { Operation, OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { carriedStatement, type FixSteps, type MigrationStep } from "../support/fix-steps.js";
import { reindented } from "../support/data-code.js";
import { derivedName, ident, modelName, sym } from "../support/fix.js";
import { alterSubcommandsOf, alterWithSubcommand } from "../support/sql-text.js";
import { alembicTable, pythonString, rubyString } from "../support/embed-sql.js";
import { keywordText, keywordTruthy, literalOf } from "../support/python-call.js";
import { readField } from "../../adapters/python/django-fields.js";
import { unboundNames } from "../support/python-free-names.js";
import { callOutOfLoop, loopArgument, loopBodyNote, loopItems, perItemLookup } from "../support/alembic-loop-item.js";
import { djangoApp } from "../support/django-migration.js";
import { djangoBatchedFillFunction, railsBatchedFill } from "../support/batched-fill.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";
import { repeatable } from "../support/moved-code.js";
import { addCheckNotValid, removeCheck, validateCheck } from "../support/rails-constraint-code.js";
import { inRubySql } from "../support/inside-ruby-sql.js";

type SetNotNull = OperationOf<"set_not_null">;

/** The table and column as the end of the folder's history names them: where the later migrations find them (column-at-head.ts). */
export interface AtHead {
  table: string;
  column: string;
}

const renamedAtHead = (op: SetNotNull, head: AtHead) => nameKey(head.table) !== nameKey(op.table) || nameKey(head.column) !== nameKey(op.column);

/** Names a Django default may use without an import of its own (the migration file's `models`, builtins). */
const DJANGO_BOUND = new Set(["models", "migrations"]);

function sqlSteps(op: SetNotNull, name: string, head: AtHead = op): FixSteps {
  const check = `ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(name)} CHECK (${ident(op.column)} IS NOT NULL) NOT VALID;`;
  const [t, c, n] = [ident(head.table), ident(head.column), ident(name)];
  // a statement of several sub-commands keeps the others in their place, this SET NOT NULL becoming the CHECK
  const inStatement = op.embeddedSql ? undefined : alterWithSubcommand(op.text, (cmd) => cmd.subtype === "AT_SetNotNull" && cmd.name === op.column, () => alterSubcommandsOf(check));
  return {
    inPlace: inStatement ?? check,
    steps: [
      {
        name: `validate ${name}`,
        statements: [
          `ALTER TABLE ${t} VALIDATE CONSTRAINT ${n};`,
          `ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL;  -- PostgreSQL 12+ reads the CHECK instead of the table`,
          `ALTER TABLE ${t} DROP CONSTRAINT ${n};`,
        ],
        down: [`ALTER TABLE ${t} ALTER COLUMN ${c} DROP NOT NULL;`],
      },
    ],
  };
}

/** Rails: change_column_null's fourth argument is the value Rails gives NULL rows first (UPDATE ... WHERE col IS NULL). */
function railsSteps(ctx: RuleContext, op: SetNotNull, name: string, head: AtHead = op): FixSteps {
  const [t, c] = [sym(head.table), sym(head.column)];
  const check = addCheckNotValid(ctx.migration, op.table, `${op.column} IS NOT NULL`, name);
  const checkAtHead = addCheckNotValid(ctx.migration, head.table, `${head.column} IS NOT NULL`, name);
  const call = op.text.trim();
  // change_column (and a change_table block's t.change) with null: false also sets the type, default: and the
  // other options: those stay, without the null: option (govuk-chat's `t.change ..., default: [], null: false`)
  const keepRest = /^(?:change_column|[a-z_]\w*\.change)\s/.test(call) && !call.includes("\n") && rubyReadersLoaded() ? rubyReaders().withoutOption(call, "null") : undefined;
  const fill = /^change_column_null\s/.test(call) && rubyReadersLoaded() ? rubyReaders().argumentText(call, 3) : undefined;
  const steps: MigrationStep[] = [];
  if (fill && fill !== "nil") {
    const update = sqlBatchFillUpdate(head);
    const value = railsFillValue(ctx, op, fill);
    steps.push({
      name: `fill ${head.table} ${head.column}`,
      noTransaction: true,
      locals: value.locals,
      statements: [...value.statements, railsBatchedFill(update).replace(VALUE_MARK, "#{value}")],
      down: ["# nothing to undo: the filled rows keep their value"],
    });
  }
  steps.push({
    name: `validate ${name}`,
    statements: [validateCheck(ctx.migration, head.table, name), `change_column_null ${t}, ${c}, false  # PostgreSQL 12+ reads the CHECK instead of the table`, removeCheck(ctx.migration, head.table, name)],
    down: [checkAtHead, railsNullableAgain(ctx, op, Boolean(fill && fill !== "nil"), head)],
  });
  return { inPlace: keepRest ? `${keepRest}\n${check}` : check, steps };
}

/**
 * The down's way back to a nullable column, only when the column was nullable before: the history defines it so,
 * the migration gives its NULL rows a value (`fills`), or its own rollback relaxes it (Rails inverts
 * change_column_null in `change`). A column of unknown definition may never have been nullable, and a rollback
 * must not relax it.
 */
function railsNullableAgain(ctx: RuleContext, op: SetNotNull, fills: boolean, head: AtHead): string {
  const call = `change_column_null ${sym(head.table)}, ${sym(head.column)}, true`;
  if (fills) return call;
  const down = ctx.migration.down.status === "present" ? ctx.migration.down.ops : [];
  if (down.some((o) => o.kind === "drop_not_null" && o.table === op.table && o.column === op.column)) return call;
  const here = ctx.migration.up.find((o): o is OperationOf<"add_column"> => o.kind === "add_column" && o.table === op.table && o.column.name === op.column);
  const nullable = here ? !here.column.notNull : ctx.repository.columnNotNull(op.table, op.column) === false;
  if (nullable) return call;
  return `# ${call}  # only if ${op.table}.${op.column} was nullable before this migration: migguard found no definition of it in the migrations it read`;
}

/**
 * `value = connection.quote(...)` with change_column_null's fill value, and the assignments of the migration it
 * reads (`current_time = Time.zone.now` earlier in `up`), carried into the new migration; a local bound only where
 * the migration runs the call (a loop's variable, a condition) is unknown there, and the fix says so instead of
 * naming it.
 */
function railsFillValue(ctx: RuleContext, op: SetNotNull, fill: string): { locals: string[]; statements: string[] } {
  const said = `value = connection.quote(${fill})  # the value change_column_null gave NULL rows`;
  const source = ctx.migration.source;
  const bindings = source === undefined ? undefined : rubyReaders().rubyBindingsIn(source)?.(op.loc, fill);
  if (!bindings) return { locals: [], statements: [said] };
  // an assignment that also runs an operation of the migration (`t = execute(...)`) is not repeated
  const repeats = bindings.assignments.every((a) => repeatable(a.lines, ctx.migration.up));
  if (!bindings.unknown.length && !bindings.conditions.length && repeats) return { locals: [...bindings.parameters, ...bindings.assignments.map((a) => a.text)], statements: [said] };
  const names = [...new Set([...bindings.unknown, ...(bindings.conditions.length || !repeats ? ["the locals it reads"] : [])])];
  return {
    locals: [],
    statements: [
      `# the value change_column_null gave NULL rows (${fill}) is known only where the migration runs the call: it reads`,
      `# ${names.join(", ")}, bound there (a loop's or a method's parameter, a condition, a statement that also changes the schema)`,
      // a NULL fill would match the same rows forever: the migration stops until the value is written in
      `fill = nil  # the value for NULL rows of ${op.table}.${op.column}: write it here`,
      `raise ArgumentError, ${rubyString(`write the value for NULL rows of ${op.table}.${op.column} (the migration's change_column_null gave ${fill})`)} if fill.nil?`,
      `value = connection.quote(fill)`,
    ],
  };
}

/** A placeholder the Ruby and Python fills replace with their bound value (never a SQL token). */
const VALUE_MARK = "__migguard_value__";

const sqlBatchFillUpdate = (op: AtHead, value = VALUE_MARK) => ({ table: op.table, assignments: `${ident(op.column)} = ${value}`, pending: `${ident(op.column)} IS NULL` });

/** The AlterField's field keeps a FOREIGN KEY: a ForeignKey, a OneToOneField or a subclass given `to` and `on_delete`, without db_constraint=False. */
function keepsForeignKey(op: SetNotNull): boolean {
  const value = op.ormFieldDef ? literalOf(op.ormFieldDef) : undefined;
  return readField(op.ormField ?? op.column, value)?.relation?.constraint === true;
}

/** What an AlterField changes besides NOT NULL (the other operations read from its line), in words. */
function alterDoesMoreWhat(ctx: RuleContext, op: SetNotNull): string {
  const said = (o: Operation): string => {
    if (o.kind === "add_constraint") return `adds a ${o.constraint.replace(/_/g, " ")} constraint`;
    if (o.kind === "add_index") return "adds an index";
    if (o.kind === "drop_index") return "drops an index";
    if (o.kind === "alter_column_type") return "changes its type";
    return `runs ${o.kind.replace(/_/g, " ")}`;
  };
  const kinds = ctx.migration.up.filter((o) => o !== op && o.loc.line === op.loc.line && o.kind !== "set_default" && o.kind !== "drop_default").map(said);
  return [...new Set(kinds)].join(", ");
}

/** Django: AddConstraintNotValid; the AlterField's default filled in batches; then ValidateConstraint, the AlterField, RemoveConstraint. */
function djangoSteps(ctx: RuleContext, op: SetNotNull, name: string): FixSteps {
  if (op.embeddedSql) return djangoSqlSteps(op, name);
  // CheckConstraint's keyword is condition= from Django 5.1 (check= before, removed in 6.0): the project's version decides
  const atLeast51 = ctx.repository.djangoAtLeast("5.1");
  const checkKeyword = atLeast51 === false ? "check" : "condition";
  const checkNote = atLeast51 === undefined ? "  # condition= is Django 5.1+: before 5.1 it is check=" : "";
  const model = op.ormModel ?? modelName(op.table).toLowerCase();
  const field = op.ormField ?? op.column;
  // the AlterField as written, with the imports and helpers its field reads (a default of uuid.uuid4 needs `import uuid`)
  const carried = carriedStatement(ctx.migration, op);
  const alterField = (carried.statement ?? reindented(op.text.trim())).replace(/,\s*$/, "");
  const steps: MigrationStep[] = [];
  const def = op.ormFieldDef ?? alterField;
  const defaultText = op.fillsNulls ? keywordText(def, "default") : undefined;
  // what the AlterField itself does to the database besides NOT NULL (a type, an index): it then stays as written
  const alterDoesMore = ctx.migration.up.some((o) => o !== op && o.loc.line === op.loc.line && o.kind !== "set_default" && o.kind !== "drop_default");
  if (defaultText !== undefined) {
    const fn = `fill_${op.table.split(".").pop()}_${op.column}`.replace(/[^a-zA-Z0-9_]/g, "_");
    const needs = (unboundNames(defaultText) ?? []).filter((n) => !DJANGO_BOUND.has(n));
    const app = djangoApp(ctx.migration).label;
    // a unique field cannot take one value in every NULL row: a callable default (uuid.uuid4) is called per row
    const unique = keywordTruthy(def, "unique") === true || keywordTruthy(def, "primary_key") === true;
    const perRow = unique && /^[A-Za-z_][\w.]*$/.test(defaultText) && !["True", "False", "None"].includes(defaultText);
    steps.push({
      name: `fill ${op.table} ${op.column}`,
      noTransaction: true,
      definitions: [
        ...carried.definitions,
        ...(needs.length && !carried.definitions.length ? [`# ${needs.join(", ")}: import ${needs.length === 1 ? "it" : "them"} as the migration that had the AlterField does`] : []),
        perRow
          ? [
              `def ${fn}(apps, schema_editor):`,
              `    # ${field} is unique: each NULL row gets its own value of the default (one value for all would collide);`,
              `    # 1000 rows a batch, each committed on its own (atomic = False), until none is left`,
              `    Model = apps.get_model(${pythonString(app)}, ${pythonString(model)})`,
              `    default = ${defaultText}`,
              `    while True:`,
              `        rows = list(Model.objects.filter(${field}__isnull=True)[:1000])`,
              `        if not rows:`,
              `            break`,
              `        for row in rows:`,
              `            row.${field} = default()`,
              `        Model.objects.bulk_update(rows, [${pythonString(field)}])`,
            ].join("\n")
          : djangoBatchedFillFunction(fn, sqlBatchFillUpdate(op, "%s"), {
          setup: [
            `# the value Django's AlterField gives NULL rows: its default, called once when it is a callable`,
            `field = apps.get_model(${pythonString(app)}, ${pythonString(model)})._meta.get_field(${pythonString(field)})`,
            `default = ${defaultText}`,
            `value = field.get_db_prep_save(default() if callable(default) else default, schema_editor.connection)`,
          ],
          params: "[value]",
        }),
        ...(unique && !perRow ? [`# ${field} is unique: the one value above fills at most one NULL row; the others need values of their own, which migguard does not know`] : []),
      ],
      statements: [`migrations.RunPython(${fn}, migrations.RunPython.noop),`],
    });
  }
  // with a default, AlterField runs UPDATE ... WHERE col IS NULL (a scan) under the ALTER's lock; on a relation it
  // drops the FOREIGN KEY and adds it back (BaseDatabaseSchemaEditor._alter_field), which checks every row under
  // that lock: the database side is the SET NOT NULL alone, the AlterField only in Django's state
  const foreignKey = keepsForeignKey(op);
  const alter =
    (defaultText !== undefined || foreignKey) && !alterDoesMore
      ? [
          ...(foreignKey
            ? [`# ${field} is a relation: Django's AlterField would drop its FOREIGN KEY and add it back, checking every row under the lock; the state changes alone`]
            : []),
          ...separateDatabaseAndState(
            [
              `migrations.RunSQL(`,
              `    ${pythonString(`ALTER TABLE ${ident(op.table)} ALTER COLUMN ${ident(op.column)} SET NOT NULL`)},`,
              `    reverse_sql=${pythonString(`ALTER TABLE ${ident(op.table)} ALTER COLUMN ${ident(op.column)} DROP NOT NULL`)},`,
              `),`,
            ],
            alterField,
          ),
        ].join("\n")
      : foreignKey
        ? // what else it changes needs Django's schema editor: the scan under the lock is then not avoided, and the fix says so
          `# ${field} is a relation and this AlterField also ${alterDoesMoreWhat(ctx, op)}: it stays as written, and Django drops its FOREIGN KEY and adds it back,\n# checking every row under the lock: the NOT NULL needs no scan after the CHECK, the FOREIGN KEY still does\n${alterField},`
        : `${alterField},`;
  // AddConstraintNotValid and ValidateConstraint are django.contrib.postgres.operations of Django 4.0+: a project on an
  // older Django (normandy's 2.2) gets the CHECK in SQL, which Django's state never holds, so no RemoveConstraint either
  if (ctx.repository.djangoAtLeast("4.0") === false) {
    const [t, c, n] = [ident(op.table), ident(op.column), ident(name)];
    steps.push({
      name: `validate ${name}`,
      definitions: carried.definitions,
      statements: [
        `migrations.RunSQL(${pythonString(`ALTER TABLE ${t} VALIDATE CONSTRAINT ${n}`)}, reverse_sql=migrations.RunSQL.noop),`,
        alter,
        `migrations.RunSQL(${pythonString(`ALTER TABLE ${t} DROP CONSTRAINT ${n}`)}, reverse_sql=${pythonString(`ALTER TABLE ${t} ADD CONSTRAINT ${n} CHECK (${c} IS NOT NULL) NOT VALID`)}),`,
      ],
    });
    return {
      inPlace: [
        `# AddConstraintNotValid is Django 4.0+ and this project's Django is older: the CHECK in SQL`,
        `migrations.RunSQL(${pythonString(`ALTER TABLE ${t} ADD CONSTRAINT ${n} CHECK (${c} IS NOT NULL) NOT VALID`)}, reverse_sql=${pythonString(`ALTER TABLE ${t} DROP CONSTRAINT ${n}`)}),`,
      ].join("\n"),
      steps,
    };
  }
  steps.push({
    name: `validate ${name}`,
    definitions: ["from django.contrib.postgres.operations import ValidateConstraint", ...carried.definitions],
    statements: [`ValidateConstraint(model_name=${pythonString(model)}, name=${pythonString(name)}),`, alter, `migrations.RemoveConstraint(model_name=${pythonString(model)}, name=${pythonString(name)}),`],
  });
  return {
    inPlace: [
      "from django.contrib.postgres.operations import AddConstraintNotValid",
      `AddConstraintNotValid(model_name=${pythonString(model)}, constraint=models.CheckConstraint(${checkKeyword}=models.Q(${field}__isnull=False), name=${pythonString(name)})),${checkNote}`,
    ].join("\n"),
    steps,
  };
}

/**
 * Django, the table or column renamed by a later migration: the new migration's RunSQL names them as they are then.
 * Django's state gets the AlterField in place (the database only the CHECK), since a later migration's AlterField
 * would name the model or field by a name the state no longer has.
 */
function djangoStepsAtHead(ctx: RuleContext, op: SetNotNull, name: string, head: AtHead): FixSteps {
  if (op.embeddedSql) return djangoSqlSteps(op, name, head);
  const plain = djangoSteps(ctx, op, name);
  const alterDoesMore = ctx.migration.up.some((o) => o !== op && o.loc.line === op.loc.line && o.kind !== "set_default" && o.kind !== "drop_default");
  const fills = op.fillsNulls && keywordText(op.ormFieldDef ?? op.text, "default") !== undefined;
  const carried = carriedStatement(ctx.migration, op);
  const alterField = (carried.statement ?? reindented(op.text.trim())).replace(/,\s*$/, "");
  if (alterDoesMore || fills || keepsForeignKey(op))
    return {
      inPlace: `${plain.inPlace}\n# no migration validates it here: a later migration renames ${op.table}.${op.column} to ${head.table}.${head.column}, and this AlterField ${fills ? "fills NULL rows with its default" : "changes more than NULLs"}, which Django's state under the old names alone can do: validate ${name} and set NOT NULL under the new names after that migration`,
      steps: [],
    };
  const [t, c, n] = [ident(op.table), ident(op.column), ident(name)];
  const sql = djangoSqlSteps(op, name, head);
  return {
    inPlace: separateDatabaseAndState(
      [
        `migrations.RunSQL(`,
        `    ${pythonString(`ALTER TABLE ${t} ADD CONSTRAINT ${n} CHECK (${c} IS NOT NULL) NOT VALID`)},`,
        `    reverse_sql=${pythonString(`ALTER TABLE ${t} DROP CONSTRAINT ${n}`)},`,
        `),`,
      ],
      alterField,
    ).join("\n"),
    steps: sql.steps,
  };
}

/** A SET NOT NULL written in RunSQL: the same steps in SQL. */
function djangoSqlSteps(op: SetNotNull, name: string, head: AtHead = op): FixSteps {
  const sql = sqlSteps(op, name, head);
  const run = (statement: string, reverse: string) => `migrations.RunSQL(${pythonString(statement)}, reverse_sql=${pythonString(reverse)}),`;
  const [t, c, n] = [ident(head.table), ident(head.column), ident(name)];
  return {
    inPlace: run(sql.inPlace.replace(/;$/, ""), `ALTER TABLE ${ident(op.table)} DROP CONSTRAINT ${n}`),
    steps: [
      {
        ...sql.steps[0],
        statements: [
          `migrations.RunSQL(${pythonString(`ALTER TABLE ${t} VALIDATE CONSTRAINT ${n}`)}, reverse_sql=migrations.RunSQL.noop),`,
          run(`ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL`, `ALTER TABLE ${t} ALTER COLUMN ${c} DROP NOT NULL`),
          run(`ALTER TABLE ${t} DROP CONSTRAINT ${n}`, `ALTER TABLE ${t} ADD CONSTRAINT ${n} CHECK (${c} IS NOT NULL) NOT VALID`),
        ],
        down: undefined,
      },
    ],
  };
}

const addCheckSql = (op: SetNotNull) => `ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(derivedName(op.table, [op.column], "not_null"))} CHECK (${ident(op.column)} IS NOT NULL) NOT VALID`;

/**
 * Alembic, a SET NOT NULL of a loop over a literal list: every item runs the body's line, so the CHECK goes in the
 * body over the loop's names (an f-string when each item's names need no quoting and no shortening, else a lookup
 * keyed by the loop variables), never one item's statement. Undefined outside a loop.
 */
function loopBodyCheck(op: SetNotNull, up: readonly Operation[]): string | undefined {
  const note = loopBodyNote(op);
  if (!note) return undefined;
  const items = loopItems(op, up);
  if (!items)
    return `${note}\n# an item's value is computed, so migguard cannot write the body's CHECK for every item: add ${pythonString(addCheckSql(op))} and the like per item, NOT VALID, instead of SET NOT NULL`;
  const [table, column] = [loopArgument(op, 0, "table_name"), loopArgument(op, 1, "column_name")];
  const plain = (name: string) => /^[a-z_][a-z0-9_]*$/.test(name) && ident(name) === name;
  const uniform = items.every(({ op: o }) => plain(o.table) && plain(o.column) && derivedName(o.table, [o.column], "not_null") === `${o.table}_${o.column}_not_null`);
  if (table && column && uniform) {
    const part = (a: { variable: string } | { literal: string }) => ("variable" in a ? `{${a.variable}}` : a.literal);
    const [T, C] = [part(table), part(column)];
    return `${note}\nop.execute(f"ALTER TABLE ${T} ADD CONSTRAINT ${T}_${C}_not_null CHECK (${C} IS NOT NULL) NOT VALID")`;
  }
  return `${note}\nop.execute(${perItemLookup(op, items.map((i) => ({ key: i.key, value: pythonString(addCheckSql(i.op)) })))})`;
}

/** Alembic: the revision's own alter_column (its existing_type and other changes) moves to the last revision. */
function alembicSteps(op: SetNotNull, name: string, up: readonly Operation[], head: AtHead = op): FixSteps {
  const [t, c, n] = [ident(op.table), ident(op.column), ident(name)];
  // in a loop, as this item runs it: the loop's names do not exist in the new revision
  const own = callOutOfLoop(op);
  // the same alter_column renames the column (new_column_name=): after the new revision's upgrade it has the new name,
  // so its downgrade reaches it by that name and renames it back with the NOT NULL it drops
  const renamed = up.find((o): o is OperationOf<"rename_column"> => o.kind === "rename_column" && o.loc.line === op.loc.line && o.text === op.text && nameKey(o.table) === nameKey(op.table) && nameKey(o.column) === nameKey(op.column));
  const renamedLater = renamedAtHead(op, head) && !(renamed && nameKey(head.table) === nameKey(op.table) && nameKey(head.column) === nameKey(renamed.newName));
  if (renamedLater) return alembicStepsAtHead(op, name, up, head);
  const down = renamed
    ? `op.alter_column(${alembicTable(op.table).name}, ${pythonString(renamed.newName)}${alembicTable(op.table).schema}, nullable=True, new_column_name=${pythonString(op.column)})`
    : `op.alter_column(${alembicTable(op.table).name}, ${pythonString(op.column)}${alembicTable(op.table).schema}, nullable=True)`;
  const alter = own && /^op\.alter_column\(/.test(own) ? reindented(own) : `op.alter_column(${alembicTable(op.table).name}, ${pythonString(op.column)}${alembicTable(op.table).schema}, nullable=False)`;
  const addCheck = loopBodyCheck(op, up) ?? `op.execute(${pythonString(`ALTER TABLE ${t} ADD CONSTRAINT ${n} CHECK (${c} IS NOT NULL) NOT VALID`)})`;
  return {
    inPlace: renamed
      ? [
          addCheck,
          `# and in this revision's downgrade, instead of what undoes line ${op.loc.line} (the new revision's downgrade renames ${renamed.newName} back to ${op.column}):`,
          `# op.drop_constraint(${pythonString(name)}, ${alembicTable(op.table).name}${alembicTable(op.table).schema})`,
        ].join("\n")
      : addCheck,
    steps: [
      {
        name: `validate ${name}`,
        statements: [`op.execute(${pythonString(`ALTER TABLE ${t} VALIDATE CONSTRAINT ${n}`)})`, alter, `op.drop_constraint(${pythonString(name)}, ${alembicTable(op.table).name}${alembicTable(op.table).schema})`],
        down: [down],
      },
    ],
  };
}

/**
 * Alembic, the table or column renamed by a later revision: the new revision names them as they are then, so it
 * writes its own alter_column (with the revision's existing_type, which the rename keeps) instead of carrying this one.
 */
function alembicStepsAtHead(op: SetNotNull, name: string, up: readonly Operation[], head: AtHead): FixSteps {
  const here = alembicSteps(op, name, up);
  const [t, c, n] = [ident(head.table), ident(head.column), ident(name)];
  const table = alembicTable(head.table);
  const own = callOutOfLoop(op) ?? "";
  const existingType = /^op\.alter_column\(/.test(own) ? keywordText(own, "existing_type") : undefined;
  const alter = `op.alter_column(${table.name}, ${pythonString(head.column)}${table.schema}${existingType ? `, existing_type=${existingType}` : ""}, nullable=False)`;
  return {
    inPlace: here.inPlace,
    steps: [
      {
        name: `validate ${name}`,
        statements: [`op.execute(${pythonString(`ALTER TABLE ${t} VALIDATE CONSTRAINT ${n}`)})`, alter, `op.drop_constraint(${pythonString(name)}, ${table.name}${table.schema})`],
        down: [`op.alter_column(${table.name}, ${pythonString(head.column)}${table.schema}, nullable=True)`],
      },
    ],
  };
}

/** The steps with the migration as it becomes in place, when its SQL changes in a heredoc. */
const withInPlaceSql = (steps: FixSteps, inPlace: string | undefined): FixSteps => (inPlace ? { ...steps, inPlace } : steps);

/**
 * The fix's steps: the CHECK in place of `op`, under the names it has here; the later migrations under `head`, the
 * names the end of the folder's history gives the table and column (a later migration may rename them).
 */
export function notNullSteps(ctx: RuleContext, op: SetNotNull, name: string, head: AtHead = op): FixSteps {
  switch (ctx.framework) {
    case "sql":
      return sqlSteps(op, name, head);
    case "rails":
      // a statement of a heredoc's SQL: SQL in its place (the CHECK NOT VALID), the later steps in Ruby
      return withInPlaceSql(railsSteps(ctx, op, name, head), inRubySql(ctx.migration, op, sqlSteps(op, name).inPlace, "adds the CHECK NOT VALID in place of SET NOT NULL"));
    case "django":
      return renamedAtHead(op, head) ? djangoStepsAtHead(ctx, op, name, head) : djangoSteps(ctx, op, name);
    case "alembic":
      return alembicSteps(op, name, ctx.migration.up, head);
  }
}
