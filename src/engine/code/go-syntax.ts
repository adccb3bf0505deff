/**
 * What Go code says about tables, read with tree-sitter's Go grammar (the WASM tree-sitter-go ships): the structs
 * that map a table (gorm's `TableName()`, its default naming of a model struct, sqlc's generated models), the
 * column each of their fields maps (`gorm:"column:x"`, `db:"x"`, `bun:"x"`, else gorm's snake_case of the field's
 * name), and the string literals (SQL). A bare word such as `title` or `result.bfpe` is a field of any struct;
 * only these tie it to one table's column. Loaded on demand (go-syntax-loader.ts).
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../model.js";
import { grammarOnDemand, oncePerFile, withTree } from "../adapters/tree-sitter-grammar.js";

const grammar = grammarOnDemand("tree-sitter-go/tree-sitter-go.wasm");

/** Load the grammar once; later calls share the same promise. */
export const loadGoParser = (): Promise<void> => grammar.load();

export const goParserLoaded = (): boolean => grammar.parser !== undefined;

export interface GoField {
  name: string;
  /** the column a struct tag names (`gorm:"column:x"`, `db:"x"`, `bun:"x"`); null when a tag says the field maps none (`db:"-"`) */
  tagColumn?: string | null;
  line: number;
  text: string;
}

export interface GoStruct {
  name: string;
  /** the line of its name */
  line: number;
  fields: GoField[];
  /** some field carries a gorm, db or bun tag: a struct an ORM or sqlx reads rows into */
  tagged: boolean;
}

export interface GoFacts {
  /** string constants of the file: `const TableNameTorrentContent = "torrent_contents"` */
  consts: Map<string, string>;
  structs: GoStruct[];
  /** what each struct's `TableName()` method returns: a string, or the name of a constant */
  tableNames: Map<string, { literal?: string; constant?: string }>;
  /** the file imports gorm, or sqlc generated it: its structs are models under the ORM's naming */
  orm: boolean;
  /**
   * every string literal, with the line it starts on; `argument`: it is an argument of a call (a query builder's
   * `From("t")`, `goqu.T("t")`, gorm's `Table("t")`); `constant`: it is the value of a const or var (`TABLE_X = "t"`)
   */
  strings: Array<{ text: string; line: number; argument?: true; constant?: true }>;
  /** identifiers passed as a call's argument (`From(TABLE_BILLING_PLANS)`): a constant of the package may be a table */
  argumentNames: Set<string>;
  /** comments, as [start, end) offsets of the file's text: prose, not code that runs */
  comments: Array<readonly [number, number]>;
}

/** A node's named children, none for a missing node (web-tree-sitter types them nullable). */
export const named = (node: Node | null | undefined): Node[] => (node ? node.namedChildren.filter((c): c is Node => c !== null) : []);

/** A string literal's value without its quotes (escapes kept: SQL and names have none that matter); undefined for any other node. */
export const literalValue = (node: Node | null | undefined): string | undefined =>
  node && (node.type === "interpreted_string_literal" || node.type === "raw_string_literal") ? node.text.slice(1, -1) : undefined;

/**
 * reflect.StructTag.Lookup: the value of `key` in a tag of `key:"value"` pairs separated by spaces, as Go reads it.
 */
export function structTagLookup(tag: string, key: string): string | undefined {
  let rest = tag;
  while (rest !== "") {
    rest = rest.replace(/^ +/, "");
    let i = 0;
    while (i < rest.length && rest[i] > " " && rest[i] !== ":" && rest[i] !== '"' && rest.charCodeAt(i) !== 0x7f) i++;
    if (i === 0 || i + 1 >= rest.length || rest[i] !== ":" || rest[i + 1] !== '"') return undefined;
    const name = rest.slice(0, i);
    rest = rest.slice(i + 1);
    i = 1;
    while (i < rest.length && rest[i] !== '"') i += rest[i] === "\\" ? 2 : 1;
    if (i >= rest.length) return undefined;
    const quoted = rest.slice(0, i + 1);
    rest = rest.slice(i + 1);
    if (name === key) {
      try {
        return JSON.parse(quoted) as string;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The column a field's tag names: gorm's `column:x` setting, sqlx's `db:"x"`, bun's `bun:"x"`; null for `-` (not mapped). */
export function tagColumn(tag: string): string | null | undefined {
  const gorm = structTagLookup(tag, "gorm");
  if (gorm !== undefined) {
    if (gorm.trim() === "-") return null;
    const setting = gorm.split(";").map((s) => s.trim()).find((s) => /^column:/i.test(s));
    if (setting) return setting.slice("column:".length).trim();
  }
  for (const key of ["db", "bun"]) {
    const value = structTagLookup(tag, key);
    if (value === undefined) continue;
    const first = value.split(",")[0].trim();
    if (first === "-") return null;
    if (first !== "" && !first.includes(":")) return first;
  }
  return undefined;
}

const hasOrmTag = (tag: string) => ["gorm", "db", "bun"].some((key) => structTagLookup(tag, key) !== undefined);

/** The type a method's receiver names: `(t *TorrentContent)` -> TorrentContent. */
function receiverType(method: Node): string | undefined {
  const parameter = named(method.childForFieldName("receiver"))[0];
  let type = parameter?.childForFieldName("type") ?? null;
  while (type && type.type === "pointer_type") type = named(type)[0] ?? null;
  if (type?.type === "generic_type") type = type.childForFieldName("type");
  return type?.type === "type_identifier" ? type.text : undefined;
}

function readFacts(root: Node): GoFacts {
  const facts: GoFacts = { consts: new Map(), structs: [], tableNames: new Map(), orm: false, strings: [], argumentNames: new Set(), comments: [] };
  const visit = (node: Node) => {
    switch (node.type) {
      case "import_spec": {
        const path = literalValue(node.childForFieldName("path") ?? node) ?? "";
        if (path === "gorm.io/gorm" || path.startsWith("gorm.io/gorm/") || path === "github.com/jinzhu/gorm") facts.orm = true;
        break;
      }
      case "const_spec": {
        const names = node.childrenForFieldName("name").filter((n): n is Node => n !== null);
        const values = named(node.childForFieldName("value"));
        names.forEach((name, i) => {
          const value = values[i] && literalValue(values[i]);
          if (value !== undefined) facts.consts.set(name.text, value);
        });
        break;
      }
      case "type_spec": {
        const type = node.childForFieldName("type");
        const name = node.childForFieldName("name")?.text;
        if (name && type?.type === "struct_type") {
          const fields: GoField[] = [];
          let tagged = false;
          for (const declaration of named(named(type).find((c) => c.type === "field_declaration_list")).filter((c) => c.type === "field_declaration")) {
            const tag = declaration.childForFieldName("tag");
            const tagText = tag ? (literalValue(tag) ?? "") : "";
            if (tag && hasOrmTag(tagText)) tagged = true;
            const column = tag ? tagColumn(tagText) : undefined;
            for (const field of declaration.childrenForFieldName("name").filter((n): n is Node => n !== null))
              fields.push({ name: field.text, ...(column !== undefined ? { tagColumn: column } : {}), line: field.startPosition.row + 1, text: declaration.text.trim() });
          }
          facts.structs.push({ name, line: node.childForFieldName("name")!.startPosition.row + 1, fields, tagged });
        }
        break;
      }
      case "method_declaration": {
        const receiver = receiverType(node);
        if (receiver && node.childForFieldName("name")?.text === "TableName") {
          // the body's first return (gorm's generated `return TableNameTorrentContent`)
          const returned = named(node.childForFieldName("body")?.descendantsOfType("return_statement")[0])[0];
          const value = returned?.type === "expression_list" ? named(returned)[0] : returned;
          if (value) {
            const literal = literalValue(value);
            if (literal !== undefined) facts.tableNames.set(receiver, { literal });
            else if (value.type === "identifier") facts.tableNames.set(receiver, { constant: value.text });
          }
        }
        break;
      }
      case "interpreted_string_literal":
      case "raw_string_literal": {
        const parent = node.parent;
        const argument = parent?.type === "argument_list";
        const constant = parent?.type === "expression_list" && (parent.parent?.type === "const_spec" || parent.parent?.type === "var_spec");
        facts.strings.push({ text: node.text.slice(1, -1), line: node.startPosition.row + 1, ...(argument ? { argument: true as const } : {}), ...(constant ? { constant: true as const } : {}) });
        return;
      }
      case "identifier":
        if (node.parent?.type === "argument_list") facts.argumentNames.add(node.text);
        return;
      case "comment":
        facts.comments.push([node.startIndex, node.endIndex]);
        if (/^\/\/ Code generated by sqlc\b/.test(node.text)) facts.orm = true;
        return;
    }
    for (const child of named(node)) visit(child);
  };
  visit(root);
  return facts;
}

/** The file's facts, read once per analysis; undefined when the grammar is not loaded or the file does not parse. */
export const goFacts = oncePerFile((file: SourceFile): GoFacts | undefined => (grammar.parser ? withTree(grammar.parser, file.content, readFacts) : undefined));
