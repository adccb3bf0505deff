/**
 * What Java code says about tables, read with tree-sitter's Java grammar (the WASM tree-sitter-java ships): the JPA
 * entities (`@Entity`, the table `@Table(name = ...)` names, each persistent field and the column `@Column(name = ...)`
 * names), the declared type of each variable, parameter and field (`OAuth2TokenData token`), the calls on a variable
 * (`token.getScope()`) and the string literals (SQL, JPQL). A bare word such as `scope` is a field of any class; only
 * these tie it to one table's column. Loaded on demand, for a SQL migration that drops a column beside Java code.
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../model.js";
import { grammarOnDemand } from "../adapters/tree-sitter-grammar.js";

const grammar = grammarOnDemand("tree-sitter-java/tree-sitter-java.wasm");

/** Load the grammar once; later calls share the same promise. */
export const loadJavaColumnParser = (): Promise<void> => grammar.load();

export const javaColumnParserLoaded = (): boolean => grammar.parser !== undefined;

export const isJavaPath = (path: string): boolean => path.endsWith(".java");

export interface JavaField {
  name: string;
  /** the column `@Column(name = ...)` (or `@JoinColumn`) names */
  column?: string;
  /** `@Transient` or `static`: no column */
  transient: boolean;
  line: number;
}

export interface JavaClass {
  name: string;
  /** annotated `@Entity` */
  entity: boolean;
  /** the entity's name `@Entity(name = ...)` gives it (JPQL's, and the table's when there is no @Table) */
  entityName?: string;
  /** the table `@Table(name = ...)` names (Spring Data's `@Table("x")` too) */
  table?: string;
  /** annotated `@Table`: a mapped class even without `@Entity` (Spring Data JDBC, R2DBC) */
  tableAnnotated: boolean;
  /** the line of its `@Table`, else of its name */
  line: number;
  fields: JavaField[];
}

/** A table a mapping annotation names: `@Table`, `@JoinTable`, `@CollectionTable`, `@SecondaryTable`. */
export interface JavaTableName {
  table: string;
  line: number;
}

export interface JavaFacts {
  classes: JavaClass[];
  /** variable, parameter or field name -> its declared type (null when two declarations disagree) */
  types: Map<string, string | null>;
  /** `object.method(...)` calls on a plain name */
  calls: Array<{ object: string; method: string; line: number }>;
  strings: Array<{ text: string; line: number }>;
  /** the tables mapping annotations name, anywhere in the file */
  tableNames: JavaTableName[];
  /**
   * type and value references to capitalised names (`History h`, `new History()`, `History.class`, `Tables.HISTORY`,
   * imports), name -> lines in no order: never a declaration's own name, a comment or a string
   */
  references: Map<string, number[]>;
  /** comments and Javadoc, as [start, end) offsets of the file's text: prose, not code that runs */
  comments: Array<readonly [number, number]>;
}

const named = (node: Node | null | undefined): Node[] => (node ? node.namedChildren.filter((c): c is Node => c !== null) : []);
const lineOf = (node: Node) => node.startPosition.row + 1;

/** `@Table`, `@jakarta.persistence.Table` -> Table. */
const annotationName = (annotation: Node) => (annotation.childForFieldName("name")?.text ?? "").split(".").pop() ?? "";

/** The annotations of a declaration's modifiers. */
const annotationsOf = (declaration: Node): Node[] => named(named(declaration).find((c) => c.type === "modifiers")).filter((c) => c.type === "annotation" || c.type === "marker_annotation");

/** A string literal's text without its quotes (a text block's too). */
const literalText = (literal: Node) => literal.text.replace(/^"""\s*\n?|"""$/g, "").replace(/^"|"$/g, "");

/**
 * The `name = "..."` value of an annotation (`@Table(name = "x")`, `@Column(name = "x")`); with `value`, also its
 * `value = "..."` or single string (Spring Data's `@Table("x")`).
 */
function nameArgument(annotation: Node, value = false): string | undefined {
  for (const argument of named(annotation.childForFieldName("arguments"))) {
    if (value && argument.type === "string_literal") return literalText(argument);
    const key = argument.type === "element_value_pair" ? argument.childForFieldName("key")?.text : undefined;
    if (key === "name" || (value && key === "value")) {
      const text = argument.childForFieldName("value");
      return text?.type === "string_literal" ? literalText(text) : undefined;
    }
  }
  return undefined;
}

/** Annotations that name a table the class or its field maps. */
const TABLE_ANNOTATIONS = new Set(["Table", "JoinTable", "CollectionTable", "SecondaryTable"]);

/** Declarations whose `name` child is the declared name, not a reference. */
const DECLARES = new Set(["class_declaration", "interface_declaration", "enum_declaration", "record_declaration", "annotation_type_declaration", "method_declaration", "constructor_declaration", "variable_declarator", "formal_parameter", "enum_constant", "catch_formal_parameter", "spread_parameter"]);

/** A capitalised identifier that names a type or value, not a declaration's own name. */
function isReference(node: Node): boolean {
  if (!/^[A-Z]/.test(node.text)) return false;
  const parent = node.parent;
  if (!parent) return true;
  if (DECLARES.has(parent.type) && parent.childForFieldName("name")?.startIndex === node.startIndex) return false;
  // a method's name (`x.History()`) and an annotation's (`@Table`) are not the type's
  if (parent.type === "method_invocation" && parent.childForFieldName("name")?.startIndex === node.startIndex) return false;
  return parent.type !== "annotation" && parent.type !== "marker_annotation";
}

function readClass(declaration: Node): JavaClass {
  const annotations = annotationsOf(declaration);
  const table = annotations.find((a) => annotationName(a) === "Table");
  const fields: JavaField[] = [];
  for (const member of named(declaration.childForFieldName("body"))) {
    if (member.type !== "field_declaration") continue;
    const own = annotationsOf(member);
    const column = own.find((a) => ["Column", "JoinColumn"].includes(annotationName(a)));
    const modifiers = named(member).find((c) => c.type === "modifiers")?.text ?? "";
    const transient = own.some((a) => annotationName(a) === "Transient") || /\b(?:static|transient)\b/.test(modifiers);
    for (const declarator of named(member).filter((c) => c.type === "variable_declarator")) {
      const name = declarator.childForFieldName("name")?.text;
      const columnName = column ? nameArgument(column) : undefined;
      if (name) fields.push({ name, ...(columnName ? { column: columnName } : {}), transient, line: lineOf(declarator) });
    }
  }
  const tableName = table ? nameArgument(table, true) : undefined;
  const entity = annotations.find((a) => annotationName(a) === "Entity");
  const entityName = entity?.type === "annotation" ? nameArgument(entity) : undefined;
  const name = declaration.childForFieldName("name");
  return {
    name: name?.text ?? "",
    entity: entity !== undefined,
    ...(entityName ? { entityName } : {}),
    ...(tableName ? { table: tableName } : {}),
    tableAnnotated: table !== undefined,
    line: table ? lineOf(table) : name ? lineOf(name) : lineOf(declaration),
    fields,
  };
}

const cache = new WeakMap<SourceFile, JavaFacts | null>();

/** The file's facts, read once; undefined before the grammar is loaded or when it cannot parse the file. */
export function javaFacts(file: SourceFile): JavaFacts | undefined {
  const known = cache.get(file);
  if (known !== undefined) return known ?? undefined;
  const parser = grammar.parser;
  if (!parser) return undefined;
  const tree = parser.parse(file.content);
  if (!tree) {
    cache.set(file, null);
    return undefined;
  }
  try {
    const facts: JavaFacts = { classes: [], types: new Map(), calls: [], strings: [], tableNames: [], references: new Map(), comments: [] };
    const declare = (name: string | undefined, type: string | undefined) => {
      if (!name || !type) return;
      const had = facts.types.get(name);
      facts.types.set(name, had === undefined || had === type ? type : null);
    };
    const stack: Node[] = [tree.rootNode];
    for (let node = stack.pop(); node; node = stack.pop()) {
      switch (node.type) {
        case "class_declaration":
        case "record_declaration":
          facts.classes.push(readClass(node));
          break;
        case "formal_parameter":
        case "enhanced_for_statement":
          declare(node.childForFieldName("name")?.text, node.childForFieldName("type")?.text);
          break;
        case "local_variable_declaration":
        case "field_declaration": {
          const type = node.childForFieldName("type")?.text;
          for (const declarator of named(node).filter((c) => c.type === "variable_declarator")) {
            // `var token = new OAuth2TokenData()`: the type the value is created with
            const created = declarator.childForFieldName("value");
            declare(declarator.childForFieldName("name")?.text, type === "var" ? (created?.type === "object_creation_expression" ? created.childForFieldName("type")?.text : undefined) : type);
          }
          break;
        }
        case "method_invocation": {
          const object = node.childForFieldName("object");
          const method = node.childForFieldName("name")?.text;
          if (object?.type === "identifier" && method) facts.calls.push({ object: object.text, method, line: lineOf(node) });
          break;
        }
        case "annotation":
          if (TABLE_ANNOTATIONS.has(annotationName(node))) {
            const table = nameArgument(node, annotationName(node) === "Table");
            if (table) facts.tableNames.push({ table, line: lineOf(node) });
          }
          break;
        case "identifier":
        case "type_identifier":
          if (isReference(node)) {
            const lines = facts.references.get(node.text);
            if (lines) lines.push(lineOf(node));
            else facts.references.set(node.text, [lineOf(node)]);
          }
          break;
        case "string_literal":
          // a text block's text starts on the line after its opening quotes
          facts.strings.push({ text: literalText(node), line: lineOf(node) + (node.text.startsWith('"""') ? 1 : 0) });
          break;
        case "line_comment":
        case "block_comment":
          facts.comments.push([node.startIndex, node.endIndex]);
          break;
      }
      stack.push(...named(node));
    }
    cache.set(file, facts);
    return facts;
  } finally {
    tree.delete();
  }
}
