/**
 * One MySQL statement's parse tree -> operations of the shared model, the same kinds the PostgreSQL adapter
 * produces, so the shared rules (data loss, irreversibility, renames, downs) read MySQL migrations unchanged.
 * MySQL's own forms map onto them: MODIFY / CHANGE redefine a column whole (`redefine_column`, plus a rename
 * for CHANGE), `ADD FULLTEXT` is an index with method "fulltext", `CONVERT TO CHARACTER SET` / `ENGINE=` /
 * `FORCE` rebuild the table (raw, rewritesTable), and the `ALGORITHM=` / `LOCK=` clauses ride on every
 * operation of the statement.
 */
import type { ParserRuleContext } from "antlr4ts";
import type { ParseTree } from "antlr4ts/tree/ParseTree.js";
import type { ColumnSpec, ConstraintType, OperationInput, TypeRef } from "../../../model.js";
import type { MysqlStatement } from "./mysql-statements.js";
import { MysqlTree } from "./mysql-tree.js";

type Op = OperationInput;

/** MySQL type names in the model's canonical spelling where PostgreSQL has the same type; MySQL's own otherwise. */
const TYPE_NAMES: Record<string, string> = {
  int: "integer",
  integer: "integer",
  mediumint: "mediumint",
  smallint: "smallint",
  tinyint: "tinyint",
  bigint: "bigint",
  float: "real",
  double: "double precision",
  "double precision": "double precision",
  real: "double precision",
  decimal: "numeric",
  numeric: "numeric",
  dec: "numeric",
  fixed: "numeric",
  bool: "boolean",
  boolean: "boolean",
  varchar: "varchar",
  "character varying": "varchar",
  char: "char",
  character: "char",
};

export function mysqlType(tree: MysqlTree, dataType: ParserRuleContext): TypeRef {
  const words = tree.keywords(dataType).map((w) => w.toLowerCase());
  const raw = words.filter((w) => w !== "unsigned" && w !== "signed" && w !== "zerofill").join(" ") || tree.slice(dataType).toLowerCase();
  const name = TYPE_NAMES[raw] ?? raw;
  const length = tree.find(dataType, "fieldLength") ?? tree.find(dataType, "precision") ?? tree.find(dataType, "floatOptions");
  const mods = length ? (tree.words(length).map(Number).filter((n) => Number.isFinite(n)) as number[]) : [];
  return { name, mods, array: false, text: tree.slice(dataType) };
}

function columnSpec(tree: MysqlTree, name: string, definition: ParserRuleContext | undefined): ColumnSpec {
  const spec: ColumnSpec = { name, notNull: false, primaryKey: false, unique: false, check: false, serial: false };
  if (!definition) return spec;
  const dataType = tree.find(definition, "dataType");
  if (dataType) spec.type = mysqlType(tree, dataType);
  for (const attribute of tree.findAll(definition, "columnAttribute")) {
    const words = tree.keywords(attribute);
    const all = tree.words(attribute);
    if (all[0] === "NOT" && all[1] === "NULL") spec.notNull = true;
    else if (words[0] === "DEFAULT") {
      const value = tree.children(attribute).slice(1);
      const expr = value.map((v) => (tree.isRule(v) ? tree.slice(v) : v.text)).join(" ");
      // CURRENT_TIMESTAMP is evaluated per statement on MySQL, and an expression default (8.0.13+) per row
      spec.default = { expr, volatile: value.some((v) => tree.name(v) === "exprWithParentheses") };
    } else if (words.includes("AUTO_INCREMENT")) spec.serial = true;
    else if (words.includes("PRIMARY") || (words.length === 1 && words[0] === "KEY")) spec.primaryKey = true;
    else if (words[0] === "UNIQUE") spec.unique = true;
    else if (tree.find(attribute, "checkConstraint")) spec.check = true;
  }
  if (tree.find(definition, "references")) {
    const references = tree.find(definition, "references")!;
    spec.references = { table: tree.qualified(tree.find(references, "tableRef")), notValid: false };
  }
  if (tree.keywords(definition).includes("AS") || tree.keywords(definition).includes("GENERATED"))
    spec.generated = tree.words(definition).includes("STORED") ? "stored" : "virtual";
  return spec;
}

/** Column names of an index key list: `(a, b(10), (lower(c)))`. */
function keyColumns(tree: MysqlTree, node: ParseTree | undefined): string[] {
  return tree.findAll(node, "keyPart").map((k) => tree.qualified(tree.child(k, "identifier")));
}

function constraintOps(tree: MysqlTree, def: ParserRuleContext, table: string, base: Partial<Op>): Op[] {
  const words = tree.keywords(def);
  const name = tree.qualified(tree.child(def, "constraintName")?.getChild(1) ?? tree.find(def, "indexName")) || undefined;
  const columns = keyColumns(tree, tree.find(def, "keyListVariants") ?? tree.find(def, "keyList"));
  if (words[0] === "KEY" || words[0] === "INDEX" || words[0] === "FULLTEXT" || words[0] === "SPATIAL") {
    const method = words[0] === "FULLTEXT" ? "fulltext" : words[0] === "SPATIAL" ? "spatial" : undefined;
    return [{ kind: "add_index", ...base, table, name, columns, referencedColumns: columns, unique: false, method } as Op];
  }
  if (words.includes("UNIQUE")) return [{ kind: "add_index", ...base, table, name, columns, referencedColumns: columns, unique: true } as Op];
  let constraint: ConstraintType | undefined;
  let referencesTable: string | undefined;
  if (words.includes("PRIMARY")) constraint = "primary_key";
  else if (words.includes("FOREIGN")) {
    constraint = "foreign_key";
    referencesTable = tree.qualified(tree.find(tree.find(def, "references"), "tableRef"));
  } else if (tree.find(def, "checkConstraint")) constraint = "check";
  if (!constraint) return [{ kind: "raw", ...base, statement: "ALTER TABLE ADD", table } as Op];
  return [{ kind: "add_constraint", ...base, table, name, constraint, columns, referencesTable } as Op];
}

function alterItemOps(tree: MysqlTree, item: ParserRuleContext, table: string, base: Partial<Op>): Op[] {
  const words = tree.keywords(item);
  const verb = words[0];
  const columnName = (node: ParseTree | undefined) => tree.qualified(node);
  if (verb === "ADD") {
    const def = tree.child(item, "tableConstraintDef");
    if (def) return constraintOps(tree, def, table, base);
    const list = tree.child(item, "tableElementList");
    if (list)
      return tree.findAll(list, "columnDefinition").map(
        (c) => ({ kind: "add_column", ...base, table, column: columnSpec(tree, tree.qualified(tree.child(c, "columnName")), tree.child(c, "fieldDefinition")) }) as Op,
      );
    return [{ kind: "add_column", ...base, table, column: columnSpec(tree, columnName(tree.child(item, "identifier")), tree.child(item, "fieldDefinition")) } as Op];
  }
  if (verb === "DROP") {
    const second = words[1] ?? "";
    if (second === "PRIMARY") return [{ kind: "drop_constraint", ...base, table, name: "PRIMARY" } as Op];
    if (second === "FOREIGN" || second === "CONSTRAINT" || second === "CHECK")
      return [{ kind: "drop_constraint", ...base, table, name: tree.qualified(tree.child(item, "identifier") ?? tree.child(item, "columnInternalRef")) } as Op];
    const keyOrIndex = tree.child(item, "keyOrIndex");
    if (keyOrIndex) return [{ kind: "drop_index", ...base, table, names: [tree.qualified(tree.child(item, "indexRef"))] } as Op];
    return [{ kind: "drop_column", ...base, table, column: columnName(tree.child(item, "columnInternalRef")) } as Op];
  }
  if (verb === "MODIFY" || verb === "CHANGE") {
    const refs = tree.children(item).filter((c) => tree.name(c) === "columnInternalRef" || tree.name(c) === "identifier");
    const oldName = columnName(refs[0]);
    const newName = verb === "CHANGE" ? columnName(refs[1]) : oldName;
    const column = columnSpec(tree, newName, tree.child(item, "fieldDefinition"));
    const ops: Op[] = [];
    if (newName !== oldName) ops.push({ kind: "rename_column", ...base, table, column: oldName, newName } as Op);
    ops.push({ kind: "redefine_column", ...base, table, column } as Op);
    return ops;
  }
  if (verb === "ALTER") {
    const all = tree.words(item);
    const column = columnName(tree.child(item, "columnInternalRef"));
    if (column && all.includes("SET") && all.includes("DEFAULT")) {
      const value = tree.children(item).slice(-1)[0];
      return [{ kind: "set_default", ...base, table, column, default: { expr: tree.isRule(value) ? tree.slice(value) : value.text, volatile: false } } as Op];
    }
    if (column && all.includes("DROP") && all.includes("DEFAULT")) return [{ kind: "drop_default", ...base, table, column } as Op];
    return [{ kind: "raw", ...base, statement: `ALTER TABLE ALTER ${words[1] ?? ""}`.trim(), table } as Op];
  }
  if (verb === "RENAME") {
    if (words[1] === "COLUMN")
      return [{ kind: "rename_column", ...base, table, column: columnName(tree.child(item, "columnInternalRef")), newName: columnName(tree.child(item, "identifier")) } as Op];
    if (tree.child(item, "keyOrIndex"))
      return [{ kind: "rename_object", ...base, objectType: "index", table, name: tree.qualified(tree.child(item, "indexRef")), newName: tree.qualified(tree.child(item, "indexName")) } as Op];
    return [{ kind: "rename_table", ...base, table, newName: tree.qualified(tree.child(item, "tableName")) } as Op];
  }
  // the clause itself is the statement's name here, so a fix can give it to gh-ost whole
  if (verb === "CONVERT") return [{ kind: "raw", ...base, statement: `ALTER TABLE ${tree.slice(item)}`, table, rewritesTable: true } as Op];
  if (verb === "FORCE") return [{ kind: "raw", ...base, statement: "ALTER TABLE FORCE", table, rewritesTable: true } as Op];
  return [{ kind: "raw", ...base, statement: `ALTER TABLE ${verb ?? ""}`.trim(), table } as Op];
}

/** ALGORITHM= and LOCK= of an ALTER TABLE or CREATE/DROP INDEX, lower-cased. */
function onlineClauses(tree: MysqlTree, node: ParseTree): { algorithm?: string; lock?: string } {
  const algorithm = tree.find(node, "alterAlgorithmOption");
  const lock = tree.find(node, "alterLockOption");
  const value = (option: ParserRuleContext | undefined) => (option ? tree.words(option).slice(-1)[0]?.toLowerCase() : undefined);
  return { ...(algorithm ? { algorithm: value(algorithm) } : {}), ...(lock ? { lock: value(lock) } : {}) };
}

function alterTable(tree: MysqlTree, alter: ParserRuleContext, base: Partial<Op>): Op[] {
  const table = tree.qualified(tree.child(alter, "tableRef"));
  const clauses = onlineClauses(tree, alter);
  const withClauses = { ...base, ...clauses };
  const ops: Op[] = [];
  for (const item of tree.findAll(alter, "alterListItem")) ops.push(...alterItemOps(tree, item, table, withClauses));
  // table options (`ENGINE=InnoDB`, `ROW_FORMAT=`, `AUTO_INCREMENT=`) change or rebuild the table itself
  for (const option of tree.findAll(alter, "createTableOption")) {
    const word = tree.words(option)[0] ?? "";
    ops.push({ kind: "raw", ...withClauses, statement: `ALTER TABLE ${word}`, table, rewritesTable: word === "ENGINE" || word === "ROW_FORMAT" } as Op);
  }
  if (ops.length === 0) ops.push({ kind: "raw", ...withClauses, statement: "ALTER TABLE", table } as Op);
  return ops;
}

function createTable(tree: MysqlTree, create: ParserRuleContext, base: Partial<Op>): Op[] {
  const table = tree.qualified(tree.child(create, "tableName"));
  const columns: ColumnSpec[] = [];
  const constraints: Array<{ type: ConstraintType; columns: string[] }> = [];
  for (const element of tree.findAll(tree.child(create, "tableElementList"), "tableElement")) {
    const column = tree.child(element, "columnDefinition");
    if (column) columns.push(columnSpec(tree, tree.qualified(tree.child(column, "columnName")), tree.child(column, "fieldDefinition")));
    const def = tree.child(element, "tableConstraintDef");
    if (def) {
      const words = tree.keywords(def);
      const type: ConstraintType | undefined = words.includes("PRIMARY") ? "primary_key" : words.includes("FOREIGN") ? "foreign_key" : words.includes("UNIQUE") ? "unique" : tree.find(def, "checkConstraint") ? "check" : undefined;
      if (type) constraints.push({ type, columns: keyColumns(tree, tree.find(def, "keyListVariants") ?? tree.find(def, "keyList")) });
    }
  }
  const like = tree.find(create, "tableRef");
  const words = tree.keywords(create);
  return [
    {
      kind: "create_table",
      ...base,
      table,
      columns,
      constraints,
      ifNotExists: Boolean(tree.child(create, "ifNotExists")),
      temporary: words.includes("TEMPORARY"),
      asSelect: Boolean(tree.find(create, "queryExpressionOrParens")) || Boolean(like && words.includes("LIKE")),
      copiedFrom: like ? tree.qualified(like) : undefined,
    } as Op,
  ];
}

function dml(tree: MysqlTree, node: ParserRuleContext, verb: "insert" | "update" | "delete", base: Partial<Op>): Op[] {
  const tableNode = tree.find(node, "tableRef") ?? tree.find(node, "singleTable") ?? tree.find(node, "tableReference");
  const hasWhere = Boolean(tree.child(node, "whereClause"));
  // SET targets only: the columnRefs inside a value (SET a = (SELECT created_at FROM events ...)) are read, not written
  const elements = verb === "update" ? tree.findAll(tree.child(node, "updateList"), "updateElement") : [];
  const columns = elements.map((e) => tree.qualified(tree.child(e, "columnRef")).split(".").pop()!).filter(Boolean);
  const sourceColumns = [...new Set(elements.flatMap((e) => tree.findAll(tree.child(e, "expr"), "columnRef").map((c) => tree.qualified(c).split(".").pop()!)))];
  const sourceTables = verb === "insert" ? tree.findAll(tree.find(node, "queryExpressionOrParens"), "tableRef").map((t) => tree.qualified(t)) : [];
  return [{ kind: "dml", ...base, verb, table: tableNode ? tree.qualified(tree.find(tableNode, "qualifiedIdentifier") ?? tableNode) : undefined, hasWhere, columns, sourceTables, sourceColumns } as Op];
}

const OBJECT_RULES: Record<string, "view" | "procedure" | "function" | "trigger" | "database" | "other"> = {
  createView: "view",
  createProcedure: "procedure",
  createFunction: "function",
  createUdf: "function",
  createTrigger: "trigger",
  createDatabase: "database",
  createEvent: "other",
  dropView: "view",
  dropProcedure: "procedure",
  dropFunction: "function",
  dropTrigger: "trigger",
  dropDatabase: "database",
  dropEvent: "other",
};

/** Operations of one parsed MySQL statement (none for an empty one; a raw op for what the model does not read). */
export function mysqlStatementOperations(statement: MysqlStatement, inTransaction: boolean): Op[] {
  const { tree: root, ruleNames } = statement.parse;
  const base: Partial<Op> = { loc: { line: statement.line, endLine: statement.endLine }, text: statement.text, inTransaction };
  if (!root) return [];
  const tree = new MysqlTree(ruleNames, statement.parse.source ?? statement.text);
  const simple = tree.find(root, "simpleStatement");
  const top = tree.children(simple)[0] as ParserRuleContext | undefined;
  const kind = tree.name(top);
  const raw = (statementName: string, table?: string): Op[] => [{ kind: "raw", ...base, statement: statementName, table } as Op];
  if (!top) return [];
  switch (kind) {
    case "alterStatement": {
      const alter = tree.child(top, "alterTable");
      return alter ? alterTable(tree, alter, base) : raw(`ALTER ${tree.words(top)[1] ?? ""}`.trim());
    }
    case "createStatement": {
      const inner = tree.children(top).find((c) => tree.isRule(c)) as ParserRuleContext | undefined;
      const innerName = tree.name(inner);
      if (innerName === "createTable") return createTable(tree, inner!, base);
      if (innerName === "createIndex") {
        const words = tree.keywords(inner);
        const table = tree.qualified(tree.find(tree.child(inner, "createIndexTarget"), "tableRef"));
        const columns = keyColumns(tree, tree.child(inner, "createIndexTarget"));
        const method = words.includes("FULLTEXT") ? "fulltext" : words.includes("SPATIAL") ? "spatial" : undefined;
        return [
          { kind: "add_index", ...base, ...onlineClauses(tree, inner!), table, name: tree.qualified(tree.child(inner, "indexName")), columns, referencedColumns: columns, unique: words.includes("UNIQUE"), method } as Op,
        ];
      }
      const objectType = OBJECT_RULES[innerName];
      if (objectType) {
        const nameNode = tree.children(inner).find((c) => /Name$/.test(tree.name(c)) || tree.name(c) === "identifier" || tree.name(c) === "schemaName");
        return [{ kind: "create_object", ...base, objectType, name: tree.qualified(nameNode), orReplace: tree.words(top).includes("REPLACE") } as Op];
      }
      return raw(`CREATE ${tree.words(inner)[0] ?? ""}`.trim());
    }
    case "dropStatement": {
      const inner = tree.children(top).find((c) => tree.isRule(c)) as ParserRuleContext | undefined;
      const innerName = tree.name(inner);
      const ifExists = Boolean(tree.find(inner, "ifExists"));
      if (innerName === "dropTable") return [{ kind: "drop_table", ...base, tables: tree.findAll(tree.child(inner, "tableRefList"), "tableRef").map((t) => tree.qualified(t)), ifExists } as Op];
      if (innerName === "dropIndex")
        return [{ kind: "drop_index", ...base, ...onlineClauses(tree, inner!), names: [tree.qualified(tree.child(inner, "indexRef"))], table: tree.qualified(tree.child(inner, "tableRef")) } as Op];
      const objectType = OBJECT_RULES[innerName];
      if (objectType) {
        const names = tree.children(inner).filter((c) => tree.isRule(c) && tree.name(c) !== "ifExists").map((c) => tree.qualified(c));
        return [{ kind: "drop_object", ...base, objectType, names, ifExists } as Op];
      }
      return raw(`DROP ${tree.words(inner)[0] ?? ""}`.trim());
    }
    case "renameTableStatement":
      return tree.findAll(top, "renamePair").map((pair) => ({ kind: "rename_table", ...base, table: tree.qualified(tree.child(pair, "tableRef")), newName: tree.qualified(tree.child(pair, "tableName")) }) as Op);
    case "truncateTableStatement":
      return [{ kind: "truncate", ...base, tables: [tree.qualified(tree.child(top, "tableRef"))] } as Op];
    case "insertStatement":
    case "replaceStatement":
      return dml(tree, top, "insert", base);
    case "updateStatement":
      return dml(tree, top, "update", base);
    case "deleteStatement":
      return dml(tree, top, "delete", base);
    case "setStatement": {
      const words = tree.words(top);
      const scope = words.includes("GLOBAL") || words.includes("PERSIST") ? "session" : "session";
      const variable = tree.find(top, "internalVariableName") ?? tree.find(top, "lvalueVariable") ?? tree.find(top, "userVariable");
      const value = tree.find(top, "setExprOrDefault");
      const name = variable ? tree.slice(variable).toLowerCase().replace(/^@@(session|local|global)\./, "") : words[1]?.toLowerCase() ?? "";
      return [{ kind: "set_setting", ...base, name, value: value ? tree.slice(value) : undefined, scope } as Op];
    }
    case "transactionOrLockingStatement": {
      const words = tree.words(top);
      if (tree.find(top, "lockStatement")) {
        if (words[0] === "UNLOCK") return raw("UNLOCK TABLES");
        const items = tree.findAll(top, "lockItem");
        return [{ kind: "lock_table", ...base, tables: items.map((i) => tree.qualified(tree.child(i, "tableRef"))), mode: (tree.find(top, "lockOption") ? tree.slice(tree.find(top, "lockOption")) : "").toUpperCase() } as Op];
      }
      const action = words[0] === "START" || words[0] === "BEGIN" ? "begin" : words[0] === "COMMIT" ? "commit" : words[0] === "ROLLBACK" ? (words.includes("TO") ? "rollback_to" : "rollback") : words[0] === "SAVEPOINT" ? "savepoint" : words[0] === "RELEASE" ? "release" : undefined;
      return action ? [{ kind: "transaction_control", ...base, action } as Op] : raw(words.slice(0, 2).join(" "));
    }
    default:
      return raw(tree.words(top).slice(0, 2).join(" "));
  }
}
