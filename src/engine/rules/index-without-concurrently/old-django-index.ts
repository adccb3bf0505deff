/**
 * Django's AddIndex built CONCURRENTLY before Django 3.0, which has no AddIndexConcurrently (django.contrib.postgres
 * 3.0+): RunSQL builds the index as Django's schema editor writes it, Django's state keeps the AddIndex as written
 * (SeparateDatabaseAndState). An Index migguard cannot render as SQL (expressions, include, a tablespace, a
 * condition beyond simple lookups) is named in a comment that says where to copy the statement from.
 */
import type { OperationOf } from "../../model.js";
import { pythonString } from "../support/embed-sql.js";
import { separateDatabaseAndState } from "../support/django-separate-state.js";
import { ident } from "../support/fix.js";
import { concurrentBuildRunSql } from "../support/django-index-run-sql.js";
import { keywordText, literalOf } from "../support/python-call.js";
import type { PyValue } from "../../adapters/python/values.js";

/** What a Django before 3.0 needs in place of AddIndexConcurrently, and why. */
export const OLD_DJANGO_INDEX_NOTE = "# AddIndexConcurrently is Django 3.0+ and this project's Django is older:";

/** Keywords of an Index that shape the statement beyond its fields, name and condition. */
const UNRENDERED_KEYWORDS = ["include", "db_tablespace", "expressions"];

const literalStrings = (value: PyValue | undefined): Array<string | undefined> | undefined =>
  value?.kind === "list" ? value.items.map((f) => (f.kind === "str" && !f.unresolved ? f.value : undefined)) : undefined;

/** The column list of a plain Index: each field's column, DESC for a `-field`, its operator class; undefined for anything else. */
function renderedKeys(op: OperationOf<"add_index">): string[] | undefined {
  const index = keywordText(op.text, "index");
  const call = index === undefined ? undefined : literalOf(index);
  if (call?.kind !== "call" || call.args.length > 0 || UNRENDERED_KEYWORDS.some((k) => call.kwargs.has(k))) return undefined;
  const names = literalStrings(call.kwargs.get("fields"));
  // the adapter's columns are the fields' columns in order (the model state's db_column when it has one)
  if (!names?.length || names.some((n) => n === undefined) || names.length !== op.columns.length) return undefined;
  // Django pairs opclasses with fields: `"note" text_pattern_ops`
  const opclasses = call.kwargs.has("opclasses") ? literalStrings(call.kwargs.get("opclasses")) : [];
  if (!opclasses || opclasses.some((o) => o === undefined) || (opclasses.length > 0 && opclasses.length !== names.length)) return undefined;
  return names.map((n, i) => `${ident(op.columns[i])}${opclasses[i] ? ` ${opclasses[i]}` : ""}${n!.startsWith("-") ? " DESC" : ""}`);
}

/** The AddIndex's concurrent build for a Django before 3.0, the AddIndex kept in Django's state. */
export function oldDjangoIndexBuild(op: OperationOf<"add_index">, app: { label: string; name: string }): string {
  const keys = renderedKeys(op);
  const where = op.partial ? op.predicate : "";
  const using = op.method && op.method !== "btree" ? ` USING ${op.method}` : "";
  const name = op.name;
  const database =
    keys && name && where !== undefined
      ? concurrentBuildRunSql(name, `CREATE INDEX CONCURRENTLY ${ident(name)} ON ${ident(op.table)}${using} (${keys.join(", ")})${where ? ` WHERE ${where}` : ""}`)
      : [
          `# migguard could not render this Index as SQL: copy the CREATE INDEX Django prints (python manage.py sqlmigrate ${app.label} ${app.name}),`,
          `# add CONCURRENTLY, and run it here with migrations.RunSQL(..., reverse_sql=${name ? pythonString(`DROP INDEX CONCURRENTLY IF EXISTS ${ident(name)}`) : "a DROP INDEX CONCURRENTLY of it"})`,
        ];
  return [`${OLD_DJANGO_INDEX_NOTE} RunSQL builds the index CONCURRENTLY, Django's state keeps the AddIndex`, ...separateDatabaseAndState(database, op.text)].join("\n");
}
