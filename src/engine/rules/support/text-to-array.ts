/**
 * A text column turned into an array of text (Django's AlterField from a CharField to an ArrayField of it).
 * Django's PostgreSQL backend writes `ALTER COLUMN c TYPE t[] USING c::t[]`, and PostgreSQL reads each text value
 * as an array literal: every non-NULL value not written `{...}` stops the ALTER with "malformed array literal"
 * (manage.get.gov 0191: `email::varchar(320)[]` on the addresses an importer had stored). NULLs pass.
 */
import type { TypeRef } from "../../model.js";
import { pythonString } from "./embed-sql.js";
import { STRING_TYPES } from "../../assignment-casts.js";
import { canonicalTypeName } from "../../types.js";

/** `col` as the array's one element, NULL kept NULL: the conversion that runs where Django's cast stops. */
export const asOneElement = (col: string, to: TypeRef): string => `CASE WHEN ${col} IS NULL THEN NULL ELSE ARRAY[${col}]::${to.text} END`;

/** A scalar string type (`name` too) becoming an array: the cast Django writes reads each value as an array literal. */
export const castsTextToArray = (from: TypeRef | undefined, to: TypeRef): from is TypeRef => !!from && !from.array && to.array && STRING_TYPES.has(canonicalTypeName(from.name));

/**
 * Django: the same column change with a cast that keeps each value as the array's one element (NULL stays NULL),
 * Django's state told by the AlterField as written. A list kept in one text value ("a, b") needs the project's own
 * separator, which migguard does not know: the comment says so.
 */
export function djangoArrayCastFix(table: string, column: string, to: TypeRef, from: TypeRef, alterField: string, ident: (name: string) => string): string {
  const t = ident(table);
  const c = ident(column);
  const up = `ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${to.text} USING ${asOneElement(c, to)}`;
  // back to one value: the elements joined, as the text held them before when each row had one
  const down = `ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${from.text} USING array_to_string(${c}, ',')`;
  return [
    `# each ${column} becomes a one-element array (NULL stays NULL); a value that holds several (a list kept as text)`,
    `# needs splitting by the project's own separator instead, string_to_array(${column}, ...): migguard does not know it`,
    `migrations.SeparateDatabaseAndState(`,
    `    database_operations=[`,
    `        migrations.RunSQL(${pythonString(up)}, reverse_sql=${pythonString(down)}),`,
    `    ],`,
    `    state_operations=[`,
    `        ${alterField.trim().replace(/,$/, "").replace(/\n/g, "\n        ")},`,
    `    ],`,
    `),`,
  ].join("\n");
}
