/**
 * Django's documented recipe for adding a unique field to a table with rows ("Migrations that add unique fields"):
 * AddField and AlterField call a callable default once for all existing rows, so the field is added nullable and not
 * unique, a RunPython gives each row its own value, and a later migration makes it the field as written.
 */
import type { Migration, OperationOf } from "../../model.js";
import { djangoApp } from "./django-migration.js";
import { pythonString } from "./embed-sql.js";
import { keywordText, withKeyword, withoutKeyword } from "./python-call.js";

/** Django: the field added nullable and not unique, each row given its own value by the default callable, then the field as written. */
export function djangoUniqueFieldFix(op: OperationOf<"add_column">, migration: Pick<Migration, "path" | "djangoLabel">): string | undefined {
  const def = op.ormFieldDef;
  if (!def) return undefined;
  const model = op.ormModel ?? op.table;
  const field = op.ormField ?? op.column.name;
  const app = djangoApp(migration).label;
  const written = keywordText(def, "default");
  const callable = written !== undefined && /^[A-Za-z_][\w.]*$/.test(written) && !["True", "False", "None"].includes(written) ? written : undefined;
  const loose = withKeyword(withoutKeyword(withoutKeyword(def, "unique") ?? def, "default") ?? def, "null", "True");
  return [
    `# 1. add the field nullable and not unique (existing rows stay NULL):`,
    `migrations.AddField(model_name=${pythonString(model)}, name=${pythonString(field)}, field=${loose}),`,
    ...(callable
      ? [
          `# 2. give each row its own value (a function of the migration module, with atomic = False on a large table):`,
          `def fill_${field}(apps, schema_editor):`,
          `    Model = apps.get_model(${pythonString(app)}, ${pythonString(model)})`,
          `    for row in Model.objects.filter(${field}__isnull=True).iterator():`,
          `        row.${field} = ${callable}()`,
          `        row.save(update_fields=[${pythonString(field)}])`,
          ``,
          ``,
          `migrations.RunPython(fill_${field}, reverse_code=migrations.RunPython.noop),`,
        ]
      : [`# 2. give each row its own value (a RunPython): the constant default ${written ?? ""} cannot`]),
    `# 3. in a later migration, the field as written:`,
    `migrations.AlterField(model_name=${pythonString(model)}, name=${pythonString(field)}, field=${def}),`,
  ].join("\n");
}
