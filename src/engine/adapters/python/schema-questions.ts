/**
 * Questions Python migration code asks about the schema at run time, to decide what it runs: SQLAlchemy's inspector
 * (`sa.inspect(bind).has_column("t", "c")`, `inspector.get_columns("t")`, `has_table`, `get_indexes`) and Django's
 * introspection (`connection.introspection.table_names()`, `get_table_description(cursor, "t")`). The SQL adapter
 * marks a SELECT of information_schema or pg_* (raw `readsCatalog`); these are the same question asked in code.
 */
import type { PyNode } from "./parser.js";

export interface SchemaAsk {
  /** the call as written, without its arguments: `sa.inspect(bind).has_column` */
  asks: string;
  line: number;
}

const INSPECTOR_METHODS = new Set([
  "has_table",
  "has_column",
  "has_index",
  "has_sequence",
  "get_table_names",
  "get_columns",
  "get_indexes",
  "get_unique_constraints",
  "get_foreign_keys",
  "get_pk_constraint",
  "get_check_constraints",
]);
const INTROSPECTION_METHODS = new Set(["table_names", "get_table_list", "get_table_description", "get_constraints", "get_relations", "get_sequences"]);

/** The function an inspector comes from: `sa.inspect(bind)`, `inspect(conn)`, `Inspector.from_engine(bind)`. */
const makesInspector = (node: PyNode): boolean => {
  if (node.type !== "call") return false;
  const fn = node.childForFieldName("function");
  const name = fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : fn?.type === "identifier" ? fn.text : undefined;
  return name === "inspect" || name === "from_engine";
};

/** The value an assignment binds makes an inspector (`insp = sa.inspect(op.get_bind())`). */
export const isInspector = (value: PyNode): boolean => makesInspector(value);

/**
 * The first schema question an expression asks: an inspector method called on an inspector made in place or bound
 * to one of `inspectors`, an introspection method of a connection, or a name bound to such an answer (`answers`).
 */
export function schemaQuestionIn(node: PyNode, inspectors: ReadonlySet<string>, answers: ReadonlyMap<string, SchemaAsk>): SchemaAsk | undefined {
  const nodes = [node, ...node.descendantsOfType(["call", "identifier"]).filter((n): n is PyNode => n !== null)];
  for (const n of nodes) {
    if (n.type === "identifier") {
      const answer = answers.get(n.text);
      if (answer) return answer;
      continue;
    }
    if (n.type !== "call") continue;
    const fn = n.childForFieldName("function");
    if (fn?.type !== "attribute") continue;
    const method = fn.childForFieldName("attribute")?.text ?? "";
    const receiver = fn.childForFieldName("object");
    if (!receiver) continue;
    const inspector = INSPECTOR_METHODS.has(method) && (makesInspector(receiver) || (receiver.type === "identifier" && inspectors.has(receiver.text)));
    const introspection = INTROSPECTION_METHODS.has(method) && receiver.type === "attribute" && receiver.childForFieldName("attribute")?.text === "introspection";
    if (inspector || introspection) return { asks: fn.text.replace(/\s+/g, ""), line: n.startPosition.row + 1 };
  }
  return undefined;
}
