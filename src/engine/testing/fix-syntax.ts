/**
 * Does a fix parse in the language of the file it is shown for? Ruby with Prism, Python with tree-sitter's
 * Python grammar, SQL with libpg-query: the same parsers the adapters use. The whole fix text is parsed, so a
 * fix that mixes a comment header with code must be valid code as a whole (comments included).
 * Shared by the rule tests (every invalid case's fix) and `npm run audit-fixes`.
 */
import { loadPythonParser, withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { loadRubyParser, parseRuby } from "../adapters/rails/prism.js";
import { loadPgParser } from "../adapters/sql/pg-parser.js";
import { pgParse } from "../adapters/sql/pg-query.js";
import { loadMysqlGrammar } from "../adapters/sql/mysql/mysql-grammar.js";
import { parseMysql } from "../adapters/sql/mysql/mysql-statements.js";
import type { Database } from "../model.js";
import { isSqlPath } from "../sql-file-names.js";

/** `sql` is PostgreSQL's; `mysql` is MySQL's and MariaDB's. */
export type FixLanguage = "ruby" | "python" | "sql" | "mysql";

/** The language a fix is shown in: the one of the file the finding is on (as the reports fence it), SQL in the migration's database's dialect. */
export function fixLanguageOf(path: string, database?: Database): FixLanguage | undefined {
  if (path.endsWith(".rb")) return "ruby";
  if (path.endsWith(".py")) return "python";
  if (isSqlPath(path)) return database === "mysql" || database === "mariadb" ? "mysql" : "sql";
  return undefined;
}

export interface FixSyntax {
  ok: boolean;
  /** the parser's first complaint, with the 1-based line of the fix it is on */
  error?: string;
}

export const loadFixParsers = (): Promise<unknown> => Promise.all([loadRubyParser(), loadPythonParser(), loadPgParser(), loadMysqlGrammar()]);

/** 1-based line of a UTF-8 byte offset (Prism and libpg-query count bytes) */
const lineOfByte = (text: string, byte: number) => Buffer.from(text).subarray(0, byte).toString().split("\n").length;

function firstPythonError(node: PyNode): PyNode | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) if (child && (child.hasError || child.isMissing || child.isError)) return firstPythonError(child) ?? child;
  return undefined;
}

function rubySyntax(fix: string): FixSyntax {
  const result = parseRuby(fix);
  const [error] = result.errors;
  if (!error) return { ok: true };
  return { ok: false, error: `line ${lineOfByte(fix, error.location.startOffset)}: ${error.message}` };
}

/**
 * A block with no statement, only comments (`def downgrade():` and a comment): tree-sitter accepts it, Python raises
 * IndentationError ("expected an indented block"); a body needs at least `pass`.
 */
function emptyPythonBlock(node: PyNode): PyNode | undefined {
  if (node.type === "block" && node.namedChildren.every((child) => !child || child.type === "comment")) return node;
  for (const child of node.namedChildren) {
    const empty = child && emptyPythonBlock(child);
    if (empty) return empty;
  }
  return undefined;
}

function pythonSyntax(fix: string): FixSyntax {
  return withPythonTree(fix, (root) => {
    if (!root.hasError) {
      const empty = emptyPythonBlock(root);
      return empty ? { ok: false, error: `line ${empty.startPosition.row + 1}: a block with no statement (IndentationError: write \`pass\`)` } : { ok: true };
    }
    const bad = firstPythonError(root) ?? root;
    return { ok: false, error: `line ${bad.startPosition.row + 1}: ${bad.isMissing ? `missing ${bad.type}` : `unexpected ${JSON.stringify(bad.text.slice(0, 40))}`}` };
  });
}

function sqlSyntax(fix: string): FixSyntax {
  try {
    pgParse(fix);
    return { ok: true };
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const where = details?.cursorPosition !== undefined ? `line ${lineOfByte(fix, Math.max(0, details.cursorPosition - 1))}: ` : "";
    return { ok: false, error: `${where}${details?.message ?? (error instanceof Error ? error.message : String(error))}` };
  }
}

/** Parse `fix` as a whole in `language`; the parsers must be loaded (`loadFixParsers`). */
export function checkFixSyntax(language: FixLanguage, fix: string): FixSyntax {
  switch (language) {
    case "ruby":
      return rubySyntax(fix);
    case "python":
      return pythonSyntax(fix);
    case "sql":
      return sqlSyntax(fix);
    case "mysql": {
      const [error] = parseMysql(fix).errors;
      return error ? { ok: false, error: `line ${error.line}: ${error.message}` } : { ok: true };
    }
  }
}
