/**
 * SQL handed to `execute` (a string, a heredoc, a local variable holding one, with `.squish` and friends)
 * goes through the PostgreSQL adapter, so every SQL rule applies to it, at the host file's own lines.
 * Interpolation (`#{table}`) becomes its bound value or a placeholder identifier, keeping the line layout.
 */
import {
  ArrayNode,
  CallNode,
  ConstantReadNode,
  EmbeddedStatementsNode,
  EmbeddedVariableNode,
  InterpolatedStringNode,
  LocalVariableReadNode,
  StringNode,
  XStringNode,
  type Node,
} from "@ruby/prism";
import { pgScan } from "../sql/pg-query.js";
import type { HiddenOperation, Operation, OperationInput, ParseProblem } from "../../model.js";
import { parseEmbeddedSql } from "../sql/index.js";
import { runTimeParts, withRunTimeParts } from "../sql/run-time-names.js";
import { VIEW_QUERY_STAND_IN, withRunTimeViewQueries } from "../sql/run-time-view-query.js";
import type { RubySource } from "./ruby-source.js";
import { evaluate, nameOf, type Env } from "./values.js";

export interface RubySql {
  text: string;
  /** host line where the SQL text starts */
  line: number;
  /** part of the text is computed by Ruby (interpolation, format) */
  dynamic: boolean;
}

const PLACEHOLDER = "migguard_interpolated";
const PASSTHROUGH = new Set(["freeze", "squish", "strip", "strip_heredoc", "dup", "to_s", "chomp", "dedent", "html_safe", "lstrip", "rstrip"]);

/** The SQL text a Ruby expression holds, when it is written in the file. */
export function rubySql(node: Node | null | undefined, env: Env, src: RubySource, seen = new Set<Node>()): RubySql | undefined {
  if (!node || seen.has(node)) return undefined;
  seen.add(node);
  if (node instanceof StringNode) return { text: node.unescaped.value, line: src.lineOf(node.contentLoc.startOffset), dynamic: false };
  if (node instanceof XStringNode) return undefined;
  if (node instanceof InterpolatedStringNode) {
    if (node.parts.length === 0) return undefined;
    let text = "";
    let dynamic = false;
    for (const part of node.parts) {
      if (part instanceof StringNode) text += part.unescaped.value;
      else if (part instanceof InterpolatedStringNode) {
        const inner = rubySql(part, env, src, seen);
        text += inner?.text ?? PLACEHOLDER;
        dynamic ||= inner?.dynamic ?? true;
      } else {
        const value = part instanceof EmbeddedStatementsNode && part.statements?.body.length === 1 ? evaluate(part.statements.body[0], env, src) : undefined;
        const known = nameOf(value) ?? (value?.kind === "int" || value?.kind === "float" ? value.text : undefined);
        // keep the line layout: an interpolation spanning lines keeps its newlines
        const newlines = src.textOf(part).split("\n").length - 1;
        text += (known ?? PLACEHOLDER) + "\n".repeat(newlines);
        if (known === undefined) dynamic = true;
      }
    }
    const first = node.parts[0];
    return { text, line: src.lineOf(first.location.startOffset), dynamic };
  }
  if (node instanceof LocalVariableReadNode) {
    // a variable holding a string literal (interpolated ones evaluate to code but keep their node)
    const bound = env.get(node.name);
    return (bound?.kind === "str" || bound?.kind === "code") && bound.node ? rubySql(bound.node, env, src, seen) : undefined;
  }
  if (node instanceof CallNode && node.receiver) {
    if (PASSTHROUGH.has(node.name)) return rubySql(node.receiver, env, src, seen);
    // `Arel.sql("...")` only marks a string as trusted SQL: the string is the SQL
    if (node.name === "sql" && node.receiver instanceof ConstantReadNode && node.receiver.name === "Arel" && node.arguments_?.arguments_.length === 1)
      return rubySql(node.arguments_.arguments_[0], env, src, seen);
    if (node.name === "+" && node.arguments_?.arguments_.length === 1) {
      // `"... type = '" + to + "'"`: a part Ruby computes is a placeholder, as in an interpolation
      const left = rubySql(node.receiver, env, src, seen);
      const right = rubySql(node.arguments_.arguments_[0], env, src, seen);
      if (left || right)
        return { text: (left?.text ?? PLACEHOLDER) + (right?.text ?? PLACEHOLDER), line: left?.line ?? right!.line, dynamic: !left || !right || left.dynamic || right.dynamic };
    }
    // `<<~SQL.split.join(" ")` squeezes the whitespace: the same SQL
    if (node.name === "join" && node.receiver instanceof CallNode && node.receiver.name === "split" && !node.receiver.arguments_ && node.receiver.receiver)
      return rubySql(node.receiver.receiver, env, src, seen);
    // `["DROP TABLE", name].join(" ")`: the pieces joined, a computed piece a placeholder
    if (node.name === "join" && node.receiver instanceof ArrayNode && (node.arguments_?.arguments_.length ?? 0) <= 1) {
      const separator = node.arguments_ ? evaluate(node.arguments_.arguments_[0], env, src) : { kind: "str" as const, value: "" };
      const pieces = node.receiver.elements.map((e) => rubySql(e, env, src, seen));
      const first = pieces.find((p) => p !== undefined);
      if (separator.kind === "str" && first)
        return { text: pieces.map((p) => p?.text ?? PLACEHOLDER).join(separator.value), line: first.line, dynamic: pieces.some((p) => !p || p.dynamic) };
    }
    if (node.name === "%") {
      const format = rubySql(node.receiver, env, src, seen);
      return format && { ...format, dynamic: true };
    }
  }
  if (node instanceof EmbeddedVariableNode) return undefined;
  return undefined;
}

export interface EmbeddedResult {
  ops: OperationInput[];
  errors: ParseProblem[];
  notes: ParseProblem[];
  /** statements whose table Ruby computes at run time, so no rule can check them: `hidden-operation` */
  hidden: HiddenOperation[];
}

const DML_VERBS: Record<string, "insert" | "update" | "delete" | "merge"> = { update: "update", delete: "delete", insert: "insert", merge: "merge" };

/**
 * A statement PostgreSQL's parser rejected (MySQL's `UPDATE a, b SET`, a placeholder in the wrong spot) still
 * tells what kind it is from its tokens: keep a DML op so data changes are not missed.
 */
function fallbackOps(sql: RubySql, covered: Set<number>, extra: Partial<OperationInput>): OperationInput[] {
  let tokens;
  try {
    tokens = pgScan(sql.text).tokens;
  } catch {
    return [];
  }
  const bytes = Buffer.from(sql.text);
  const lineAt = (byte: number) => sql.line + bytes.subarray(0, byte).toString().split("\n").length - 1;
  const out: OperationInput[] = [];
  let chunk: typeof tokens = [];
  const flush = () => {
    const words = chunk.filter((t) => t.tokenName !== "SQL_COMMENT" && t.tokenName !== "C_COMMENT");
    chunk = [];
    if (words.length === 0) return;
    const line = lineAt(words[0].start);
    const endLine = lineAt(words[words.length - 1].end - 1);
    for (let l = line; l <= endLine; l++) if (covered.has(l)) return;
    const keyword = words[0].text.toLowerCase();
    const verb = DML_VERBS[keyword];
    const text = bytes.subarray(words[0].start, words[words.length - 1].end).toString();
    const base = { loc: { line, endLine }, text, embeddedSql: true, ...extra };
    if (verb) {
      const at = words.findIndex((t, i) => i > 0 && (keyword === "update" || ["into", "from"].includes(words[i - 1].text.toLowerCase())) && t.tokenName !== "ASCII_44");
      const table = keyword === "update" ? words[1]?.text : at > 0 ? words[at].text : undefined;
      const hasWhere = words.some((t) => t.text.toLowerCase() === "where");
      out.push({ kind: "dml", ...base, verb, table, hasWhere } as OperationInput);
    } else out.push({ kind: "raw", ...base, statement: keyword.toUpperCase() } as OperationInput);
  };
  let depth = 0;
  for (const token of tokens) {
    if (token.text === "(") depth++;
    else if (token.text === ")") depth = Math.max(0, depth - 1);
    if (token.text === ";" && depth === 0) flush();
    else chunk.push(token);
  }
  flush();
  return out;
}

/**
 * An interpolated table name (`UPDATE #{table} ...`) is unknown, not a table called like the placeholder:
 * drop it where the model allows, and keep the statement as `raw` where a table is required.
 */
function withoutPlaceholders(op: OperationInput): OperationInput {
  const record = op as Record<string, unknown>;
  if (record.table === PLACEHOLDER) {
    if (op.kind === "dml" || op.kind === "raw" || op.kind === "drop_index" || op.kind === "create_object" || op.kind === "drop_object") return { ...op, table: undefined };
    return { kind: "raw", loc: op.loc, text: op.text, inTransaction: op.inTransaction, assured: op.assured, embeddedSql: true, statement: op.kind.toUpperCase() };
  }
  if (Array.isArray(record.tables) && (record.tables as string[]).includes(PLACEHOLDER)) {
    const tables = (record.tables as string[]).filter((t) => t !== PLACEHOLDER);
    if (tables.length) return { ...op, tables } as OperationInput;
    return { kind: "raw", loc: op.loc, text: op.text, inTransaction: op.inTransaction, assured: op.assured, embeddedSql: true, statement: op.kind.toUpperCase() };
  }
  return op;
}

/** Operations of SQL embedded in the migration, with their host lines. */
export function embeddedOperations(written: RubySql, scope: { inTransaction: boolean; assured: boolean; frameworkCall?: string }): EmbeddedResult {
  // a view's whole query read from elsewhere at run time (`AS #{File.read(...)}`): the view is known, its query not
  const viewQueries = written.dynamic ? withRunTimeViewQueries(written.text, PLACEHOLDER) : undefined;
  const sql = written.dynamic ? { ...written, text: withoutRunTimeQualifiers(viewQueries ?? written.text) } : written;
  // outside the migration's transaction `execute` still sends its string as one query (the pg gem's simple protocol)
  const parsed = parseEmbeddedSql(sql.text, { line: sql.line, inTransaction: scope.inTransaction, oneQuery: true });
  // the statement's text as written: the stand-in back to the interpolation's placeholder
  const asWritten = (op: Operation): Operation => (viewQueries && op.text.includes(VIEW_QUERY_STAND_IN) ? { ...op, text: op.text.split(VIEW_QUERY_STAND_IN).join(PLACEHOLDER) } : op);
  const ops = parsed.ops.map((op) => withoutPlaceholders({ ...asWritten(op), assured: scope.assured, frameworkCall: scope.frameworkCall } as OperationInput));
  const hidden = ops.flatMap((op, i) => (op.kind === "raw" && parsed.ops[i].kind !== "raw" ? [tableComputed(parsed.ops[i])] : []));
  if (parsed.errors.length === 0) return { ops, errors: [], notes: [], hidden };
  const covered = new Set<number>();
  for (const op of ops) for (let l = op.loc.line; l <= op.loc.endLine; l++) covered.add(l);
  const fallback = fallbackOps(sql, covered, { inTransaction: scope.inTransaction, assured: scope.assured, frameworkCall: scope.frameworkCall });
  const all = [...ops, ...fallback.map(withoutPlaceholders)].sort((a, b) => a.loc.line - b.loc.line);
  // SQL assembled by Ruby at run time may be fine once interpolated: say so instead of claiming a syntax error
  if (sql.dynamic)
    return { ops: all, errors: [], notes: parsed.errors.map((e) => ({ line: e.line, message: `SQL built with Ruby interpolation could not be parsed as written (${e.message}); it was checked by its leading keyword only` })), hidden };
  return { ops: all, errors: parsed.errors.map((e) => ({ ...e, message: `in the SQL given to execute: ${e.message}` })), notes: [], hidden };
}

/**
 * An interpolation that is a name's schema (`UPDATE #{schema}.users`), as PostgreSQL's parse tree places it: the
 * statement is the one on the unqualified name (`users`), not on a table named after the placeholder.
 */
function withoutRunTimeQualifiers(text: string): string {
  const parts = runTimeParts(text, [PLACEHOLDER], () => false);
  return parts ? withRunTimeParts(text, parts, () => undefined) : text;
}

/**
 * `execute "DROP TABLE #{name}"` with a name Ruby computes at run time: the statement needs a table no rule can see,
 * so it is kept as raw SQL, and said to be unchecked instead of passing silently.
 */
function tableComputed(op: OperationInput): HiddenOperation {
  const statement = op.kind.replace(/_/g, " ").toUpperCase();
  return { line: op.loc.line, endLine: op.loc.endLine, message: `the table of this ${statement} is computed at run time (an interpolation migguard cannot resolve), so it cannot be checked statically` };
}
