/**
 * The fix of a constant backfill (constant-backfill.ts): the migration's own code with each filled column added
 * `NOT NULL DEFAULT <constant>` (metadata only on PostgreSQL 11+: no rewrite, no scan), the UPDATE and the separate
 * SET NOT NULL taken out, and the default dropped again right after, since the column as written had none (the
 * table ends as the migration left it). Undefined when the framework's code cannot be changed that way as written
 * (a statement that shares its lines with others, a value the framework's default cannot hold).
 */
import type { Operation } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import type { ConstantBackfill, ConstantFill } from "./constant-backfill.js";
import { MARKER_LAYOUTS } from "../../adapters/sql/layouts/markers.js";
import { alterAddColumnsChanged, alterWithoutSubcommands } from "../support/sql-text.js";
import { commentMarker, ident, sym } from "../support/fix.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { keywordText, withKeyword, withoutKeyword } from "../support/python-call.js";
import { overlaps } from "../support/moved-code.js";

/** A SQL string literal's text ('it''s' -> it's); undefined for any other constant. */
const stringValue = (sql: string): string | undefined => (/^'(?:[^']|'')*'$/.test(sql) ? sql.slice(1, -1).replace(/''/g, "'") : undefined);
const numeric = (sql: string) => /^-?\d+(?:\.\d+)?$/.test(sql);

/** The constant as a Ruby default: a literal where it is one, else the SQL in a lambda (Rails writes it as is). */
function rubyValue(sql: string): string {
  const text = stringValue(sql);
  if (text !== undefined) return JSON.stringify(text);
  if (numeric(sql) || sql === "true" || sql === "false") return sql;
  return `-> { ${JSON.stringify(sql)} }`;
}

/** The constant as a Python literal (a Django field's default=); undefined when it is an SQL expression. */
function pythonValue(sql: string): string | undefined {
  const text = stringValue(sql);
  if (text !== undefined) return pythonString(text);
  if (numeric(sql)) return sql;
  return sql === "true" ? "True" : sql === "false" ? "False" : undefined;
}

/** A statement's new text (its own lines keep their indentation), and lines added right after it. */
interface Replacement {
  text: string;
  after?: string[];
}

/**
 * The source with statements replaced (`replace`: the op's text inside its lines, the rest of those lines kept) and
 * others cut (their lines), the blank line a cut leaves doubled dropped. Undefined when a changed statement
 * shares its lines with one that stays, or its text is not found on its lines.
 */
function editedSource(source: string, up: readonly Operation[], replace: ReadonlyMap<Operation, Replacement>, cut: readonly Operation[]): string | undefined {
  const changed = [...replace.keys(), ...cut];
  if (up.some((op) => !changed.some((c) => c === op || (c.loc.line === op.loc.line && c.text === op.text)) && changed.some((c) => overlaps(c.loc, op.loc)))) return undefined;
  const lines: Array<string | undefined> = source.split("\n");
  for (const [op, { text, after: added }] of replace) {
    const block = lines.slice(op.loc.line - 1, op.loc.endLine).join("\n");
    const at = block.indexOf(op.text.trim());
    if (at === -1) return undefined;
    const indent = /^[ \t]*/.exec(lines[op.loc.line - 1] ?? "")![0];
    const after = block.slice(at + op.text.trim().length);
    // a SQL statement's text stops before its semicolon, which the source keeps
    const own = after.startsWith(";") ? text.replace(/;$/, "") : text;
    // the statement's own lines keep their indentation (its text holds it); the lines added after it take its first line's
    const replaced = `${block.slice(0, at)}${own}${after}${(added ?? []).map((l) => `\n${indent}${l}`).join("")}`;
    lines[op.loc.line - 1] = replaced;
    for (let l = op.loc.line; l < op.loc.endLine; l++) lines[l] = undefined;
  }
  for (const op of cut) for (let l = op.loc.line; l <= op.loc.endLine; l++) lines[l - 1] = undefined;
  // a blank line right after a cut one, when a blank line comes before the cut: the cut statement's own spacing
  const out: string[] = [];
  let cutSince = false;
  for (const line of lines) {
    if (line === undefined) {
      cutSince = true;
      continue;
    }
    if (!(cutSince && line.trim() === "" && (out.at(-1) ?? "x").trim() === "")) out.push(line);
    cutSince = false;
  }
  return out.join("\n").trimEnd();
}

/** Why the default is dropped again, in the framework's comment. */
const dropNote = (c: string, fill: ConstantFill) =>
  `${c} ${fill.add.column.name} had no default as written: dropped again, so the table ends as the migration left it (delete this line to keep it, if code that does not set ${fill.add.column.name} inserts rows)`;

function sqlFix(ctx: RuleContext, plan: ConstantBackfill): string | undefined {
  const up = ctx.migration.up.filter((op) => op.kind !== "transaction_control" && op.kind !== "set_setting");
  // one rewritten text per statement (an ALTER TABLE adding several columns is one statement, several operations)
  const statementOf = (op: Operation) => up.find((o) => o.loc.line === op.loc.line && o.text === op.text)!;
  const replace = new Map<Operation, Replacement>();
  const byStatement = new Map<Operation, ConstantFill[]>();
  for (const fill of plan.fills) byStatement.set(statementOf(fill.add), [...(byStatement.get(statementOf(fill.add)) ?? []), fill]);
  for (const [statement, fills] of byStatement) {
    const added = alterAddColumnsChanged(statement.text, new Map(fills.map((f) => [f.add.column.name, { default: f.value, notNull: true }])));
    if (!added) return undefined;
    replace.set(statement, { text: added, after: fills.flatMap((f) => [dropNote("--", f), `ALTER TABLE ${ident(f.add.table)} ALTER COLUMN ${ident(f.add.column.name)} DROP DEFAULT;`]) });
  }
  const cut = plan.updates.map(statementOf);
  const notNulls = plan.fills.flatMap((f) => f.notNull);
  for (const statement of new Set(notNulls.map(statementOf))) {
    if (replace.has(statement)) return undefined;
    // an ALTER TABLE that also does other things keeps them
    const rest = alterWithoutSubcommands(statement.text, (cmd) => cmd.subtype === "AT_SetNotNull" && notNulls.some((n) => statementOf(n) === statement && n.column === cmd.name));
    if (rest) replace.set(statement, { text: rest });
    else cut.push(statement);
  }
  if (MARKER_LAYOUTS.has(ctx.migration.layout)) return ctx.migration.source === undefined ? undefined : editedSource(ctx.migration.source, ctx.migration.up, replace, cut);
  const shown = new Set<string>();
  const out: string[] = [];
  for (const op of up) {
    const statement = statementOf(op);
    if (shown.has(statement.text) || cut.includes(statement)) continue;
    shown.add(statement.text);
    const replaced = replace.get(statement);
    out.push(replaced ? [replaced.text, ...(replaced.after ?? [])].join("\n") : `${statement.text.trim().replace(/;\s*$/, "")};`);
  }
  return out.join("\n");
}

function railsFix(ctx: RuleContext, plan: ConstantBackfill): string | undefined {
  if (ctx.migration.source === undefined || !rubyReadersLoaded()) return undefined;
  const readers = rubyReaders();
  const replace = new Map<Operation, Replacement>();
  for (const fill of plan.fills) {
    const own = fill.add.text.trim();
    const value = rubyValue(fill.value);
    const call = readers.withOption(readers.withOption(own, "null", "false") ?? "", "default", value);
    if (!call) return undefined;
    replace.set(fill.add, { text: call, after: [dropNote("#", fill), `change_column_default ${sym(fill.add.table)}, ${sym(fill.add.column.name)}, from: ${value}, to: nil`] });
  }
  return editedSource(ctx.migration.source, ctx.migration.up, replace, [...plan.updates, ...plan.fills.flatMap((f) => f.notNull)]);
}

function alembicFix(ctx: RuleContext, plan: ConstantBackfill): string | undefined {
  if (ctx.migration.source === undefined) return undefined;
  const replace = new Map<Operation, Replacement>();
  const column = (callee: string) => /(^|\.)Column$/.test(callee);
  for (const fill of plan.fills) {
    const own = fill.add.text.trim();
    const nullable = withKeyword(own, "nullable", "False", column);
    const call = nullable && withKeyword(nullable, "server_default", `sa.text(${pythonString(fill.value)})`, column);
    // op.add_column("t", ...) or a batch's batch_op.add_column(...): the default is dropped through the same object
    const receiver = /^([\w.]+)\.add_column\(/.exec(own)?.[1];
    if (!call || !receiver) return undefined;
    const schema = keywordText(own, "schema");
    const drop =
      receiver === "op"
        ? `op.alter_column(${alembicTable(fill.add.table).name}, ${pythonString(fill.add.column.name)}, server_default=None${schema ? `, schema=${schema}` : ""})`
        : `${receiver}.alter_column(${pythonString(fill.add.column.name)}, server_default=None)`;
    replace.set(fill.add, { text: call, after: [dropNote("#", fill), drop] });
  }
  return editedSource(ctx.migration.source, ctx.migration.up, replace, [...plan.updates, ...plan.fills.flatMap((f) => f.notNull)]);
}

/**
 * Django: AddField with default=<constant> adds the column `DEFAULT <constant> NOT NULL` and drops the default right
 * after (default= is Python's), which is the fix itself; the AlterField that made it NOT NULL stays, as it then runs
 * no SQL and keeps Django's state as written.
 */
function djangoFix(ctx: RuleContext, plan: ConstantBackfill): string | undefined {
  if (ctx.migration.source === undefined) return undefined;
  const replace = new Map<Operation, Replacement>();
  for (const fill of plan.fills) {
    const def = fill.add.ormFieldDef?.trim();
    const value = pythonValue(fill.value);
    if (!def || value === undefined || !fill.add.text.includes(def)) return undefined;
    const field = withKeyword(withoutKeyword(def, "null") ?? def, "default", value);
    if (!field) return undefined;
    replace.set(fill.add, { text: fill.add.text.trim().replace(def, field) });
  }
  // the RunSQL that held the UPDATE goes whole
  return editedSource(ctx.migration.source, ctx.migration.up, replace, plan.updates);
}

/** The fix's head: what changed and why, then the code. */
export function constantDefaultFix(ctx: RuleContext, plan: ConstantBackfill): string | undefined {
  const code =
    ctx.framework === "sql" ? sqlFix(ctx, plan) : ctx.framework === "rails" ? railsFix(ctx, plan) : ctx.framework === "alembic" ? alembicFix(ctx, plan) : ctx.framework === "django" ? djangoFix(ctx, plan) : undefined;
  if (code === undefined) return undefined;
  const c = commentMarker(ctx.framework);
  const columns = plan.fills.map((f) => `${f.add.table}.${f.add.column.name}`).join(", ");
  const head =
    ctx.framework === "django"
      ? [
          `${c} ${columns}: AddField with the backfill's constant as default= adds the column NOT NULL with that default and drops`,
          `${c} the default right after: every row gets the value without a rewrite (PostgreSQL 11+). The RunSQL with the UPDATE goes; the`,
          `${c} AlterField stays (the column is NOT NULL already, so it runs no SQL, and Django's state stays as written):`,
        ]
      : [
          `${c} ${columns}: added NOT NULL with the backfill's constant as its default, which gives every row the value without a`,
          `${c} rewrite and the NOT NULL without a scan (PostgreSQL 11+); the UPDATE and the separate NOT NULL go${ctx.framework === "sql" ? " (the whole migration)" : ""}:`,
        ];
  return [...head, code].join("\n");
}
