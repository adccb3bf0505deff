/**
 * A SQL fix written in the migration's own language: each statement through the framework's way of running
 * SQL (Rails `execute`, Alembic `op.execute`, Django `migrations.RunSQL`), each comment as a Ruby/Python
 * comment, and the framework's way out of the migration's transaction when a statement needs it. Rules use it
 * for fixes that are SQL in every framework, so a Rails or Python migration never gets a SQL fix.
 */
import type { Database, Framework } from "../../model.js";
import { sqlPieces } from "./sql-text.js";

/** A Ruby string literal that means exactly `text` (no interpolation). */
export function rubyString(text: string): string {
  if (!text.includes("\n")) return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/#(?=[{$@])/g, "\\#")}"`;
  return `<<~'SQL'\n${text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n")}\nSQL`;
}

/**
 * An Alembic op's table: a dotted `schema.table` is a table in a schema, which Alembic takes as `schema=` (it
 * quotes the table argument as one identifier, so "events.principals" would name a table with a dot in it).
 * `name`: the table argument; `schema`: `, schema="..."` to put after the call's positional arguments, or "".
 */
export function alembicTable(table: string): { name: string; schema: string } {
  const dot = table.lastIndexOf(".");
  if (dot <= 0) return { name: pythonString(table), schema: "" };
  return { name: pythonString(table.slice(dot + 1)), schema: `, schema=${pythonString(table.slice(0, dot))}` };
}

/** A Python string literal that means exactly `text`. */
export function pythonString(text: string): string {
  if (!text.includes("\n")) return JSON.stringify(text).replace(/\u2028|\u2029/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return `"""\n${text.replace(/\\/g, "\\\\").replace(/"""/g, '\\"\\"\\"')}\n"""`;
}

const indent = (text: string, by: string) =>
  text
    .split("\n")
    .map((l) => (l ? `${by}${l}` : l))
    .join("\n");

/** One statement as the framework's call. */
export function sqlCall(framework: Exclude<Framework, "sql">, statement: string): string {
  switch (framework) {
    case "rails":
      return `execute ${rubyString(statement)}`;
    case "alembic":
      return statement.includes("\n") ? `op.execute(\n${indent(pythonString(statement), "    ")}\n)` : `op.execute(${pythonString(statement)})`;
    case "django":
      return statement.includes("\n") ? `migrations.RunSQL(\n${indent(pythonString(statement), "    ")}\n),` : `migrations.RunSQL(${pythonString(statement)}),`;
  }
}

/**
 * The SQL fix in `framework`'s language; the SQL itself when the framework is SQL or the fix does not parse
 * with the grammar of `database` (a rule's own test then fails, so that never reaches users).
 */
export function embedSql(framework: Framework, sql: string, database?: Database): string {
  if (framework === "sql") return sql;
  const pieces = sqlPieces(sql, database);
  if (!pieces) return sql;
  const out: string[] = [];
  const outside = pieces.some((p) => p.kind === "statement" && p.outsideTransaction);
  if (outside && framework === "rails") out.push("disable_ddl_transaction!  # the statements below cannot run in a transaction");
  if (outside && framework === "django") out.push("# on the Migration class: atomic = False (the statements below cannot run in a transaction)");
  let lastStatementLine = -1;
  for (const piece of pieces) {
    if (piece.kind === "comment") {
      const comment = piece.text
        .split("\n")
        .map((l) => `# ${l.replace(/^\s*\*?\s?/, "")}`.trimEnd())
        .join("\n");
      // a comment on the line a statement ends on stays beside it (on the call's first line, outside any string)
      if (piece.line === lastStatementLine && out.length && !comment.includes("\n")) {
        const [first, ...rest] = out[out.length - 1].split("\n");
        out[out.length - 1] = [`${first}  ${comment}`, ...rest].join("\n");
      } else out.push(comment);
      continue;
    }
    const call = sqlCall(framework, piece.text);
    out.push(framework === "alembic" && piece.outsideTransaction ? `with op.get_context().autocommit_block():\n${indent(call, "    ")}` : call);
    lastStatementLine = piece.endLine;
  }
  return out.join("\n");
}
