/**
 * Where Java code reaches one table's column (java-syntax.ts reads the files): a persistent field of a JPA entity that
 * maps the table (its `@Table(name = ...)`, else its class name as Hibernate or Spring Boot name it: `OAuth2TokenData`
 * for oauth2tokendata or o_auth2_token_data), by its `@Column(name = ...)` or its name; a bean accessor of that field
 * called on a variable declared with the entity's type (`token.getScope()`); SQL text on the table, or JPQL on the
 * entity, that names the column. A field or accessor of the same name on any other class, and comments, are not this
 * column: Dataverse's OAuth2 providers' requested `scope` beside the dropped oauth2tokendata.scope.
 */
import type { SourceFile } from "../model.js";
import { usageAt, type Usage } from "./usage-search.js";
import { javaFacts, type JavaClass } from "./java-syntax.js";
import { mappedTable } from "./java-table-uses.js";
import { columnOfTableAt, isEveryTablesName, sqlOnTable } from "./table-context.js";
import { escapeRegExp } from "../regexp.js";
import { tableColumnRefs } from "./sql-column-owner.js";

const fold = (name: string) => name.replace(/[_"`]/g, "").toLowerCase();

/** The entity maps the table: its @Table name (without schema or quotes), else its entity or class name in either naming. */
const mapsTable = (entity: JavaClass, table: string) => fold(mappedTable(entity)) === fold(table);

const entitiesByFiles = new WeakMap<readonly SourceFile[], Map<string, JavaClass[]>>();

/** The JPA entities that map `table` across the application's Java files, read once per file list and table. */
function tableEntities(javaFiles: readonly SourceFile[], table: string): JavaClass[] {
  let byTable = entitiesByFiles.get(javaFiles);
  if (!byTable) entitiesByFiles.set(javaFiles, (byTable = new Map()));
  let entities = byTable.get(table);
  if (!entities) byTable.set(table, (entities = javaFiles.flatMap((f) => javaFacts(f)?.classes.filter((c) => c.entity && mapsTable(c, table)) ?? [])));
  return entities;
}

/**
 * The usages of `table`'s column (any of `columns`, as written in SQL) in `candidates`, judged against every Java file
 * of the application (`javaFiles`, where the entities are). `quoted`: SQL can name the table only quoted.
 */
export function javaColumnUsages(javaFiles: readonly SourceFile[], candidates: readonly SourceFile[], table: string, columns: readonly string[], quoted = false): Usage[] {
  const entities = tableEntities(javaFiles, table);
  const entityNames = new Set(entities.map((e) => e.name));
  // JPQL names an entity by its @Entity(name = ...), else its class name
  const jpqlNames = new Set(entities.map((e) => e.entityName ?? e.name));
  const folded = new Set(columns.map(fold));
  // the entity's fields that map the column: by @Column's name, else by the field's name (camelCase or as written)
  const fieldNames = new Set(entities.flatMap((e) => e.fields.filter((f) => !f.transient && (f.column !== undefined ? folded.has(fold(f.column)) : folded.has(fold(f.name)))).map((f) => f.name)));
  const accessors = new Set([...fieldNames].flatMap((n) => ["get", "set", "is"].map((p) => p + n[0].toUpperCase() + n.slice(1))));
  const sqlWord = new RegExp(`(?<![\\w$])(?:${columns.map(escapeRegExp).join("|")})(?![\\w$])`, "i");
  const jpqlWord = fieldNames.size ? new RegExp(`\\.\\s*(?:${[...fieldNames].map(escapeRegExp).join("|")})(?![\\w$])`) : undefined;
  const jpqlEntity = jpqlNames.size ? new RegExp(`\\b(?:FROM|JOIN|UPDATE)\\s+(?:${[...jpqlNames].map(escapeRegExp).join("|")})\\b`, "i") : undefined;
  const everyTables = columns.every(isEveryTablesName);
  const out: Usage[] = [];
  for (const file of candidates) {
    const facts = javaFacts(file);
    if (!facts) continue;
    const lines = new Set<number>();
    for (const entity of facts.classes.filter((c) => c.entity && mapsTable(c, table)))
      for (const field of entity.fields) if (fieldNames.has(field.name) && !field.transient) lines.add(field.line);
    for (const call of facts.calls) {
      const type = facts.types.get(call.object);
      if (type && entityNames.has(type) && accessors.has(call.method)) lines.add(call.line);
    }
    for (const string of facts.strings) {
      const lineOf = (at: number) => string.line + (string.text.slice(0, at).match(/\n/g)?.length ?? 0);
      // SQL on the table: each reference whose alias (or FROM) is this table's, not a joined table's (`teav.storedby`
      // beside `join trackedentity te`, sql-column-owner.ts); as text when the scanner cannot read it
      const refs = sqlOnTable(string.text, table, quoted) && sqlWord.test(string.text) ? tableColumnRefs(string.text, table, columns, quoted) : undefined;
      if (refs) {
        for (const ref of refs) lines.add(lineOf(ref.at));
        if (refs.length) continue;
      }
      // a column every table has (`id`) only tied to the table in the SQL, not any joined table's (table-context.ts)
      const sql = refs ? -1 : everyTables ? columnOfTableAt(string.text, table, columns, quoted) : sqlOnTable(string.text, table, quoted) ? string.text.search(sqlWord) : -1;
      const jpql = sql === -1 && jpqlEntity?.test(string.text) && jpqlWord ? string.text.search(jpqlWord) : -1;
      const at = sql !== -1 ? sql : jpql;
      if (at !== -1) lines.add(lineOf(at));
    }
    for (const line of [...lines].sort((a, b) => a - b)) out.push(usageAt(file, line));
  }
  return out;
}
