/**
 * Where Java code reaches one table (java-syntax.ts reads the files), for a SQL migration that drops it. Java names
 * a table in these ways only:
 * - SQL text on it in a string literal (`"SELECT * FROM history"`, JDBC, MyBatis' `@Select`, a native query), or the
 *   table's specific name alone in a string (`withTableName("checksum_history")`);
 * - a class mapped to it: `@Entity` with `@Table(name = ...)`, `@Entity(name = ...)`, or without either its class
 *   name as Hibernate or Spring Boot map it (`WorkflowItem` for workflowitem or workflow_item); Spring Data's
 *   `@Table("x")`; a `@JoinTable`, `@CollectionTable` or `@SecondaryTable` naming it; and every reference to such a
 *   class (`History h`, `new History()`, `History.class`, imports);
 * - JPQL or HQL on such an entity (`FROM History h`).
 * A local, parameter, field or method named like the table (`List<MostRecentChecksum> history`, `getHistory()`) is
 * none of these: DSpace's checker names `history` a hundred times beside its dropped history table. Nor is a class or
 * interface of the table's name that is not mapped, when the project maps its tables with annotations: DSpace's
 * `WorkflowItem` is an interface, whose entity `XmlWorkflowItem` maps cwf_workflowitem. In Java without any mapped
 * class (plain JDBC rows, jOOQ's generated `History` and `HISTORY`, Spring Data JDBC's unannotated entities), a
 * class or constant of the table's name is how the code reaches it, and counts.
 */
import type { SourceFile } from "../model.js";
import { usageAt, type Usage } from "./usage-search.js";
import { javaFacts, type JavaClass, type JavaFacts } from "./java-syntax.js";
import { isCommonName, sqlOnTable } from "./table-context.js";
import { escapeRegExp } from "../regexp.js";

/** A name as Hibernate's and Spring Boot's naming compare it to a table: no underscores or quotes, any case. */
const fold = (name: string) => name.replace(/[_"`]/g, "").toLowerCase();
/** Without its schema: `public.history` -> history. */
const unqualified = (name: string) => name.split(".").pop() ?? name;

/** The class is mapped to a table by its annotations (JPA's `@Entity`, Spring Data's `@Table`). */
const isMapped = (c: JavaClass) => c.entity || c.tableAnnotated;

/** The table a mapped class maps: its @Table name, else its entity name, else its class name (in either naming). */
export const mappedTable = (c: JavaClass): string => unqualified(c.table ?? c.entityName ?? c.name);

/**
 * The string reads as SQL: a statement's keyword as a word beside others. A configuration key
 * (`"versioning.item.history.view"`) has the shape of a qualified column `history.view` but no keyword or space.
 */
const readsAsSql = (text: string) => /\s/.test(text.trim()) && /(?<![\w$.])(?:SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|WHERE|INTO|TABLE|VALUES|RETURNING)(?![\w$.])/i.test(text);

export interface JavaTableSearch {
  usages: Usage[];
  /** candidates the grammar could not read: the caller searches them as text (never silently passed) */
  unread: SourceFile[];
}

interface ProjectMapping {
  facts: Map<SourceFile, JavaFacts>;
  /** the classes mapped by annotations, across the project */
  mapped: JavaClass[];
}

const mappings = new WeakMap<readonly SourceFile[], ProjectMapping>();

/** Every Java file's facts and mapped classes, read once per file list. */
function projectMapping(javaFiles: readonly SourceFile[]): ProjectMapping {
  let mapping = mappings.get(javaFiles);
  if (!mapping) {
    const facts = new Map<SourceFile, JavaFacts>();
    for (const file of javaFiles) {
      const read = javaFacts(file);
      if (read) facts.set(file, read);
    }
    mapping = { facts, mapped: [...facts.values()].flatMap((f) => f.classes.filter(isMapped)) };
    mappings.set(javaFiles, mapping);
  }
  return mapping;
}

/**
 * The usages of `table` in the application's Java files (`javaFiles`, where the entities are too). `forms`: other names code gives the table (its singular, its model class), which a class of an
 * unmapped project may carry. `quoted`: SQL can name the table only quoted. `only`: the files to search, when not all
 * of `javaFiles` (a review judges one file at a time).
 */
export function javaTableUsages(javaFiles: readonly SourceFile[], table: string, forms: readonly string[] = [], quoted = false, only?: readonly SourceFile[]): JavaTableSearch {
  const { mapped } = projectMapping(javaFiles);
  const entities = mapped.filter((c) => fold(mappedTable(c)) === fold(table));
  // only a file that holds one of the names (an entity's class need not share the table's: XmlWorkflowItem) is read further
  const needles = new RegExp([...new Set([table, ...forms, ...entities.map((e) => e.name)])].filter(Boolean).map(escapeRegExp).join("|"), "i");
  const candidates = (only ?? javaFiles).filter((f) => needles.test(f.content));
  // the classes whose references reach the table: its entities, or in a project that maps none, any class (or jOOQ's constant) of its names
  const folded = new Set([table, ...forms].map(fold));
  const classOfTable = mapped.length > 0 ? (name: string) => entities.some((e) => e.name === name) : (name: string) => folded.has(fold(name)) || name === table.toUpperCase();
  const jpql = entities.length ? new RegExp(`(?<![\\w$])(?:FROM|JOIN|UPDATE)\\s+(?:[\\w$]+\\.)*(?:${[...new Set(entities.map((e) => e.entityName ?? e.name))].map(escapeRegExp).join("|")})(?![\\w$])`, "i") : undefined;
  const sqlAt = (text: string) => text.search(new RegExp(`${quoted ? "" : "(?<![\\w$])"}["\`]?${escapeRegExp(table)}["\`]?(?![\\w$])`, quoted ? "" : "i"));
  const out: Usage[] = [];
  const unread: SourceFile[] = [];
  for (const file of candidates) {
    const facts = javaFacts(file);
    if (!facts) {
      unread.push(file);
      continue;
    }
    const lines = new Set<number>();
    for (const c of facts.classes) if (isMapped(c) && fold(mappedTable(c)) === fold(table)) lines.add(c.line);
    for (const named of facts.tableNames) if (fold(unqualified(named.table)) === fold(table)) lines.add(named.line);
    for (const [name, at] of facts.references) if (classOfTable(name)) for (const line of at) lines.add(line);
    for (const string of facts.strings) {
      let at = -1;
      if (readsAsSql(string.text) && sqlOnTable(string.text, table, quoted)) at = Math.max(0, sqlAt(string.text));
      else if (jpql) at = string.text.search(jpql);
      if (at === -1 && !isCommonName(table) && string.text.trim() === table) at = 0;
      if (at !== -1) lines.add(string.line + (string.text.slice(0, at).match(/\n/g)?.length ?? 0));
    }
    for (const line of [...lines].sort((a, b) => a - b)) out.push(usageAt(file, line));
  }
  return { usages: out, unread };
}
