/**
 * Statements a pull request's SQL may not run on a MySQL / MariaDB server, decided from MySQL's own parse
 * tree before anything runs: reading or writing server files (LOAD DATA, SELECT ... INTO OUTFILE/DUMPFILE,
 * LOAD_FILE(), tablespaces, DATA DIRECTORY), loading code (UDFs, plugins), reaching the network (FEDERATED,
 * CONNECT and SPIDER tables, servers, replication), changing what lies outside the throwaway database (other
 * databases by name, USE, accounts and grants, global settings, FLUSH/KILL/SHUTDOWN). Stored program bodies are
 * part of the tree, and a PREPARE of a string constant is parsed too; SQL built at run time (PREPARE FROM
 * @variable) cannot be seen, which is why the URL should name an account whose privileges end at
 * `migguard\_verify\_%` databases and which lacks FILE and SUPER (see README).
 */
import type { ParserRuleContext } from "antlr4ts";
import type { ParseTree } from "antlr4ts/tree/ParseTree.js";
import { parseMysqlStatement } from "../../engine/adapters/sql/mysql/mysql-grammar.js";
import { MysqlTree, unquote } from "../../engine/adapters/sql/mysql/mysql-tree.js";

/** Statement rules refused whatever they say. */
const REFUSED_RULES: Record<string, string> = {
  loadStatement: "LOAD DATA / LOAD XML reads a file",
  importStatement: "IMPORT TABLE reads files of the server's data directory",
  createUdf: "CREATE FUNCTION ... SONAME loads a shared library into the server",
  installUninstallStatment: "installs or removes a server plugin",
  createServer: "creates a server definition (network access)",
  alterServer: "alters a server definition (network access)",
  dropServer: "drops a server definition",
  createTablespace: "creates a tablespace (server files)",
  createUndoTablespace: "creates an undo tablespace (server files)",
  alterTablespace: "alters a tablespace (server files)",
  alterUndoTablespace: "alters an undo tablespace (server files)",
  dropTableSpace: "drops a tablespace (server files)",
  dropUndoTablespace: "drops an undo tablespace (server files)",
  createLogfileGroup: "creates a log file group (server files)",
  alterLogfileGroup: "alters a log file group (server files)",
  dropLogfileGroup: "drops a log file group (server files)",
  accountManagementStatement: "changes accounts or privileges (they are shared by the whole server)",
  replicationStatement: "changes replication or the binary logs",
  cloneStatement: "clones a server",
  otherAdministrativeStatement: "is a server administration statement (FLUSH, KILL, cache and binlog commands)",
  restartServer: "restarts the server",
  useCommand: "switches to another database (only the throwaway database may be used)",
  createDatabase: "creates a database (only the throwaway database may be used)",
  dropDatabase: "drops a database (only the throwaway database may be used)",
  setResourceGroup: "changes a resource group",
  createResourceGroup: "creates a resource group",
  alterResourceGroup: "alters a resource group",
  dropResourceGroup: "drops a resource group",
};

/** Functions that read server files or run programs (the last two are the lib_mysqludf_sys UDFs). */
const DENIED_FUNCTIONS = new Set(["load_file", "sys_exec", "sys_eval"]);
/** Storage engines whose tables live on another server or in arbitrary files. */
const DENIED_ENGINES = new Set(["federated", "federatedx", "connect", "spider", "s3", "odbc"]);
/** Databases a migration may read by name: the catalog views describe only what the account may see. */
const READABLE_DATABASES = new Set(["information_schema"]);

const MAX_DEPTH = 4;

/** Why the statement may not run here (undefined: it may). */
export function mysqlRefusal(tree: MysqlTree, root: ParserRuleContext, depth = 0): string | undefined {
  let found: string | undefined;
  const visit = (node: ParseTree, parent: ParseTree | undefined): void => {
    if (found || !tree.isRule(node)) return;
    const name = tree.name(node);
    if (REFUSED_RULES[name]) {
      found = `the statement ${REFUSED_RULES[name]}`;
      return;
    }
    found = nodeRefusal(tree, node, name, parent, depth);
    if (found) return;
    for (const child of tree.children(node)) visit(child, node);
  };
  visit(root, undefined);
  return found;
}

function nodeRefusal(tree: MysqlTree, node: ParserRuleContext, name: string, parent: ParseTree | undefined, depth: number): string | undefined {
  switch (name) {
    case "alterDatabase": {
      const schema = tree.child(node, "schemaRef");
      return schema ? `ALTER DATABASE ${tree.qualified(schema)} changes another database (only the throwaway database may be used)` : undefined;
    }
    case "intoClause": {
      const words = tree.words(node);
      if (words.includes("OUTFILE") || words.includes("DUMPFILE")) return `SELECT ... INTO ${words.includes("OUTFILE") ? "OUTFILE" : "DUMPFILE"} writes a file on the database server`;
      return undefined;
    }
    case "functionCall":
    case "runtimeFunctionCall": {
      const first = tree.children(node)[0];
      const called = (first ? (tree.isRule(first) ? tree.slice(first) : first.text) : "").split(".").pop()?.replace(/`/g, "").toLowerCase() ?? "";
      return DENIED_FUNCTIONS.has(called) ? `${called}() reads the server's files or runs programs` : undefined;
    }
    case "createTableOption": {
      const words = tree.words(node);
      if (words[0] === "DATA" || words[0] === "INDEX") return `${words[0]} DIRECTORY puts table files in a server directory`;
      if (words[0] === "CONNECTION") return "CONNECTION= links the table to another server (network access)";
      const engine = tree.find(node, "engineRef");
      if (engine && DENIED_ENGINES.has(unquote(tree.slice(engine)).toLowerCase())) return `ENGINE=${tree.slice(engine)} tables live on another server or in arbitrary files`;
      return undefined;
    }
    case "standaloneAlterCommands": {
      const words = tree.words(node);
      return words.includes("TABLESPACE") && (words[0] === "DISCARD" || words[0] === "IMPORT") ? `${words[0]} TABLESPACE moves the table's files in the server's data directory` : undefined;
    }
    case "setStatement": {
      const words = tree.words(node);
      const text = tree.slice(node).toLowerCase();
      if (words.includes("GLOBAL") || words.includes("PERSIST") || words.includes("PERSIST_ONLY") || /@@(global|persist|persist_only)\./.test(text))
        return "SET GLOBAL / PERSIST changes the server's configuration for every session";
      if (words[1] === "PASSWORD") return "SET PASSWORD changes an account (accounts are shared by the whole server)";
      return undefined;
    }
    case "preparedStatement": {
      // PREPARE s FROM 'constant': the string is itself SQL; PREPARE s FROM @variable cannot be seen
      const literal = tree.child(node, "textLiteral");
      if (!literal || depth >= MAX_DEPTH) return undefined;
      const inner = parseMysqlStatement(stringValue(tree.slice(literal)));
      return inner.tree ? mysqlRefusal(new MysqlTree(inner.ruleNames, stringValue(tree.slice(literal))), inner.tree, depth + 1) : undefined;
    }
    case "qualifiedIdentifier":
      return otherDatabase(tree, node, parent);
    case "tableRefWithWildcard":
    case "tableWild": {
      // db.t.* names a database; t.* does not
      const parts = tree.findAll(node, "identifier");
      return parts.length >= 2 ? databaseRefusal(unquote(parts[0].text)) : undefined;
    }
    default:
      return undefined;
  }
}

/** `db.object` in a table, view, routine or trigger position; a column's `t.c` is a table and a column. */
function otherDatabase(tree: MysqlTree, node: ParserRuleContext, parent: ParseTree | undefined): string | undefined {
  if (!tree.child(node, "dotIdentifier")) return undefined;
  if (tree.name(parent) === "fieldIdentifier") {
    // `t.c` alone is a column of a table; `db.t` followed by `.c` is a database's table's column
    const siblings = tree.children(parent);
    const trailing = siblings.slice(siblings.indexOf(node) + 1).some((s) => tree.name(s) === "dotIdentifier");
    if (!trailing) return undefined;
  }
  const first = tree.child(node, "identifier");
  return first ? databaseRefusal(unquote(first.text)) : undefined;
}

function databaseRefusal(database: string): string | undefined {
  if (READABLE_DATABASES.has(database.toLowerCase())) return undefined;
  return `it names the database ${database} (only the throwaway database may be used; write the names unqualified)`;
}

/** A MySQL string literal's value ('it''s' -> it's, escapes undone). */
function stringValue(literal: string): string {
  const text = literal.trim();
  const quote = text[0];
  if (quote !== "'" && quote !== '"') return text;
  return text
    .slice(1, -1)
    .replace(new RegExp(`${quote}${quote}`, "g"), quote)
    .replace(/\\(.)/g, (_, c: string) => ({ n: "\n", t: "\t", r: "\r", "0": "\0" })[c] ?? c);
}
