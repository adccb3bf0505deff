/**
 * The name PostgreSQL gives an index or constraint the statement does not name (makeObjectName in
 * src/backend/commands/indexcmds.c): `<table>_<columns>_<label>`, and when that passes 63 bytes PostgreSQL shortens
 * the longer of the table part and the columns part, one byte at a time, so the label stays whole:
 * `hydra_oauth2_trusted_jwt_bearer_issue_issuer_subject_key_id_key`, never the 63-byte prefix `..._key_id_ke`.
 * An unnamed CHECK takes its column only when it reads exactly one (`orders_total_check`), else `<table>_check`.
 * A name already taken gets a number appended (`_check1`), which only the catalog knows.
 */

/** NAMEDATALEN - 1: the longest identifier PostgreSQL keeps */
const MAX_BYTES = 63;

/** The first `bytes` bytes of `text`, cut at a character boundary (pg_mbcliplen). */
function clip(text: string, bytes: number): string {
  // the usual case, nothing to cut: the loop below measures every prefix (a hot spot of the 800-file bench)
  if (Buffer.byteLength(text) <= bytes) return text;
  let out = "";
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * `<name><suffix>` within 63 bytes, the suffix kept whole and the name cut: numbered candidates (`_new2`, `_new3`)
 * stay distinct however long the name (a 63-byte index name cut back to itself never becomes free).
 */
export const suffixedName = (name: string, suffix: string): string => clip(name, MAX_BYTES - Buffer.byteLength(suffix)) + suffix;

/** A temporary name a fix builds from an existing one (`<index>_new`), cut to 63 characters once it passes 63 bytes. */
export const temporaryName = (name: string): string => (Buffer.byteLength(name) > MAX_BYTES ? name.slice(0, MAX_BYTES) : name);

/** makeObjectName(name1, name2, label): name2 undefined for `<table>_<label>`. */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  const overhead = (label ? Buffer.byteLength(label) + 1 : 0) + (name2 !== undefined ? 1 : 0);
  const available = MAX_BYTES - overhead;
  let chars1 = Buffer.byteLength(name1);
  let chars2 = name2 !== undefined ? Buffer.byteLength(name2) : 0;
  while (chars1 + chars2 > available) {
    if (chars1 > chars2) chars1--;
    else chars2--;
  }
  return [clip(name1, chars1), ...(name2 !== undefined ? [clip(name2, chars2)] : []), ...(label ? [label] : [])].join("_");
}

/** The columns part of the name (ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition): joined by `_`, stopping once 64 bytes are reached. */
function columnsPart(columns: readonly string[]): string | undefined {
  let out: string | undefined;
  for (const column of columns) {
    out = out === undefined ? column : `${out}_${column}`;
    if (Buffer.byteLength(out) >= MAX_BYTES + 1) break;
  }
  return out;
}

/**
 * PostgreSQL's name for an unnamed index or constraint of `table` (schema dropped) on `columns`, with `label`
 * (`idx`, `key`, `fkey`, `pkey`, `check`, `excl`, `seq`); no columns for `<table>_<label>`.
 */
export function postgresDefaultName(table: string, columns: readonly string[], label: string): string {
  const relation = table.split(".").pop() ?? table;
  // PostgreSQL names a primary key by its table alone: callers pass no columns for it (a fix's new key index, built
  // beside the old key, passes its columns to get a name of its own)
  if (columns.length === 0) return makeObjectName(relation, undefined, label);
  const distinct = [...new Set(columns)];
  const parts = label === "check" ? (distinct.length === 1 ? distinct : []) : columns;
  return makeObjectName(relation, columnsPart(parts), label);
}

/**
 * PostgreSQL's name for an index or constraint of `table` on `columns` that must not take a name already used
 * (ChooseRelationName): the default name, else the label numbered (`_key1`, `_key2`, ...) until `taken` says no.
 */
export function freePostgresName(table: string, columns: readonly string[], label: string, taken: (name: string) => boolean): string {
  for (let pass = 0; ; pass++) {
    const name = postgresDefaultName(table, columns, pass === 0 ? label : `${label}${pass}`);
    if (!taken(name)) return name;
  }
}
