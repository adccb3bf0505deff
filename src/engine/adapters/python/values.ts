/**
 * Python expressions as plain data, read statically from the tree (never executed): literals (strings with
 * concatenation, triple quotes, escapes and f-strings whose parts are known; numbers; booleans; None; lists,
 * tuples, dicts), calls with their arguments, and names qualified through the imports. What cannot be known
 * statically is `unknown`. Values outlive the tree, so adapters can free it and work on these.
 */
import type { SourceRange } from "../../model.js";
import { qualifiedName, type Imports } from "./imports.js";
import { getattrLookup, type Lookup } from "./indirect.js";
import { bindTarget, literalItems } from "./loop-items.js";
import { callParts, locOf, unparen } from "./nodes.js";
import type { PyModule } from "./module.js";
import type { PyNode } from "./parser.js";
import { pgScan } from "../sql/pg-query.js";
import { sqlalchemyObjectName } from "./sqlalchemy-object-name.js";

/** A piece of string literal and the line its text starts on (concatenated literals may span lines). */
export interface StrPiece {
  text: string;
  line: number;
}

export type PyValue =
  | {
      kind: "str";
      value: string;
      loc: SourceRange;
      pieces: StrPiece[];
      /** an f-string part was not known */
      unresolved: boolean;
      /** psycopg's composed SQL (`sql.SQL(...).format(sql.Identifier(...))`), whose `as_string(conn)` is this text */
      composed?: true;
      /** a str.format / % format filled with values known only at run time: the expression, and the placeholders in `value` standing for those values */
      runTime?: RunTimeFields;
    }
  | { kind: "num"; value: number; loc: SourceRange }
  | { kind: "bool"; value: boolean; loc: SourceRange }
  | { kind: "none"; loc: SourceRange }
  | { kind: "list"; items: PyValue[]; tuple: boolean; loc: SourceRange }
  | { kind: "dict"; entries: Array<{ key: PyValue; value: PyValue }>; loc: SourceRange }
  | {
      kind: "call";
      callee: string;
      args: PyValue[];
      kwargs: Map<string, PyValue>;
      splat: boolean;
      loc: SourceRange;
      text: string;
      /** a method called on a call's result (`sa.update(t).values(...)`): that call, whose arguments the callee name drops */
      receiver?: PyValue;
      /** called through `getattr(object, "name")`: `callee` is the attribute it names (empty when computed) */
      lookup?: Lookup;
      /** a project class (callee) that subclasses this one from outside the project (awx's ImplicitRoleField: `django.db.models.ForeignKey`) */
      base?: string;
      /** the methods the project classes between callee and base define (`db_type`, `__init__`), when all were read */
      baseMethods?: string[];
      /** the callee's project module could not be read: where and why, for the finding that stays hidden */
      unread?: string;
    }
  | { kind: "name"; name: string; loc: SourceRange; text: string }
  | {
      kind: "unknown";
      text: string;
      loc: SourceRange;
      /** the operands of an operator expression we do not evaluate (`~Q(a=1)`, `Q(a=1) | Q(b=2)`), for readers that only need its parts */
      operands?: PyValue[];
      /** the operator of a unary or binary expression (`F("total") * 2`: "*"; `-F("x")`: "-"), whose operands are `operands` in order */
      operator?: string;
      /** a comparison (`t.c.deleted_at != None`: operators ["!="]), for readers of SQLAlchemy conditions; not in `operands`, which other readers take as the whole of an expression */
      comparison?: { operators: string[]; operands: PyValue[] };
      /** `meta.tables["alert"]`: what is indexed and by what, for readers that know the object (a MetaData's tables) */
      subscript?: { object: PyValue; key: PyValue };
    };

/** Where a format put values not known statically: readers of the text decide whether they only stand for data. */
export interface RunTimeFields {
  /** the formatting expression as written (`insert.format(uuid.uuid4(), start)`) */
  text: string;
  /** each placeholder written into the text for a value known only at run time */
  placeholders: string[];
  /** placeholders of a conditional of two literals (`'CONCURRENTLY ' if concurrently else ''`): both texts are known */
  choices?: RunTimeChoice[];
}

/** A conditional of two string literals: its condition as written and the text of each branch. */
export interface RunTimeChoice {
  placeholder: string;
  condition: string;
  whenTrue: string;
  whenFalse: string;
}

/** The choices of strings joined into one, in order (none: undefined, so a value without any keeps its shape). */
const choicesOf = (...fields: Array<RunTimeFields | undefined>): { choices?: RunTimeChoice[] } => {
  const choices = fields.flatMap((f) => f?.choices ?? []);
  return choices.length ? { choices } : {};
};

export type PyStr = Extract<PyValue, { kind: "str" }>;
export type PyCall = Extract<PyValue, { kind: "call" }>;

/** Names bound to known values where an expression is read: module constants, a helper's arguments. */
export type Bindings = ReadonlyMap<string, PyValue>;

/**
 * What the project's own modules tell about a name the migration imports from them (project-modules.ts): the value
 * a helper returns for known arguments, a module constant, the Django operation a project class subclasses.
 */
export interface ProjectCode {
  callResult(callee: string, args: PyValue[], kwargs: ReadonlyMap<string, PyValue>, loc: SourceRange): PyValue | undefined;
  constant(qualified: string, loc: SourceRange): PyValue | undefined;
  /** `attribute = name` in the body of the project class `qualified` (bitcart's `class Model: metadata = my_metadata`): the module-level value bound to that name */
  classAttributeValue?(qualified: string, attribute: string, loc: SourceRange): PyValue | undefined;
  /** the operation class a project class subclasses, when the reader asked for such bases */
  operationBase(callee: string): string | undefined;
  /** the class from outside the project that a project class subclasses, followed through the project */
  classBase(callee: string): string | undefined;
  /** the methods the project classes of `callee`'s chain define (a field's `db_type`, `__init__`), when the chain was read */
  classMethods?(callee: string): string[] | undefined;
  /** the name's module is in the project but was not read (too large, a failed fetch): where, and why */
  unreadModule(qualified: string): string | undefined;
}

export interface EvalContext {
  imports: Imports;
  /** the project's modules, read where an imported name is used (undefined: imported names stay names) */
  project?: ProjectCode;
  bindings?: Bindings;
  /** keyword arguments not worth reading (Django's `choices=` lists can hold hundreds of tuples): left `unknown` */
  skipKeywords?: ReadonlySet<string>;
  /**
   * the module read: a call of one of its own top-level defs without arguments whose value is a string known whole
   * (a literal, its dedent / cleandoc, module constants) is that string (returnedValue, with the module's bindings)
   */
  module?: Pick<PyModule, "imports" | "bindings" | "functions">;
}

export function evaluate(node: PyNode, ctx: EvalContext): PyValue {
  const n = unparen(node);
  const loc = locOf(n);
  switch (n.type) {
    case "string":
      return stringValue([n], ctx, loc);
    case "concatenated_string":
      return stringValue(n.namedChildren.filter((c) => c.type === "string"), ctx, loc);
    case "integer": {
      const value = Number(n.text.replace(/_/g, "").replace(/[lL]$/, ""));
      return Number.isFinite(value) ? { kind: "num", value, loc } : { kind: "unknown", text: n.text, loc };
    }
    case "float": {
      const value = Number(n.text.replace(/_/g, ""));
      return Number.isFinite(value) ? { kind: "num", value, loc } : { kind: "unknown", text: n.text, loc };
    }
    case "true":
    case "false":
      return { kind: "bool", value: n.type === "true", loc };
    case "none":
      return { kind: "none", loc };
    case "unary_operator": {
      const operand = n.childForFieldName("argument");
      const operator = n.childForFieldName("operator")?.text ?? n.child(0)?.text;
      const value = operand ? evaluate(operand, ctx) : undefined;
      if (value?.kind === "num" && (operator === "-" || operator === "+")) return { kind: "num", value: operator === "-" ? -value.value : value.value, loc };
      return { kind: "unknown", text: n.text, loc, operands: value ? [value] : [], ...(operator ? { operator } : {}) };
    }
    case "list":
    case "tuple":
    case "set":
      return { kind: "list", items: n.namedChildren.filter((c) => c.type !== "comment").map((c) => evaluate(c, ctx)), tuple: n.type === "tuple", loc };
    case "list_comprehension":
    case "generator_expression":
      return comprehension(n, ctx, loc) ?? { kind: "unknown", text: n.text, loc };
    case "expression_list":
      return { kind: "list", items: n.namedChildren.map((c) => evaluate(c, ctx)), tuple: true, loc };
    case "dictionary": {
      const entries: Array<{ key: PyValue; value: PyValue }> = [];
      for (const pair of n.namedChildren) {
        if (pair.type !== "pair") continue;
        const key = pair.childForFieldName("key");
        const value = pair.childForFieldName("value");
        if (key && value) entries.push({ key: evaluate(key, ctx), value: evaluate(value, ctx) });
      }
      return { kind: "dict", entries, loc };
    }
    case "call": {
      const parts = callParts(n);
      if (!parts) return { kind: "unknown", text: n.text, loc };
      const kwargs = new Map<string, PyValue>();
      for (const [name, value] of parts.keywords)
        kwargs.set(name, ctx.skipKeywords?.has(name) ? { kind: "unknown", text: "", loc: locOf(value) } : evaluate(value, ctx));
      const fn = unparen(parts.function);
      // textwrap.dedent("...") only takes the common indentation off the lines, inspect.cleandoc("...") the blank
      // lines around them too: the same SQL, the same lines
      if (parts.positional.length === 1 && kwargs.size === 0 && WHITESPACE_ONLY.has(qualifiedName(parts.function, ctx.imports) ?? "")) {
        const text = evaluate(parts.positional[0], ctx);
        if (text.kind === "str") return text;
      }
      // repr("email") / str("email") of a known string: the text Python makes (fides builds index SQL with repr(key))
      if (parts.positional.length === 1 && kwargs.size === 0 && fn.type === "identifier" && (fn.text === "repr" || fn.text === "str") && !ctx.bindings?.has(fn.text)) {
        const value = evaluate(parts.positional[0], ctx);
        if (value.kind === "str" && !value.unresolved) {
          if (fn.text !== "repr") return value;
          const text = pythonRepr(value.value);
          return { kind: "str", value: text, loc, pieces: [{ text, line: loc.line }], unresolved: false };
        }
      }
      // each argument read once: psycopg, format and the call below share them (nested calls stay linear)
      const args = parts.positional.map((p) => evaluate(p, ctx));
      // a def of this module that returns a string (`RunSQL(sql=drop_views())`, `trigger_sql("shop_order")`): that
      // string, as if written where it is called
      const own = ownDefString(fn, args, kwargs, parts.splat, ctx, { text: n.text, loc });
      if (own) return own;
      const composed = psycopgComposed(qualifiedName(parts.function, ctx.imports), args, kwargs.size, loc);
      if (composed) return composed;
      const object = fn.type === "attribute" ? fn.childForFieldName("object") : null;
      // the object a method is called on, read once too (a `.format(name).format(name)` chain stays linear)
      let objectValue: PyValue | undefined;
      const readObject = (o: PyNode) => (objectValue ??= evaluate(o, ctx));
      // psycopg's `composed.as_string(connection)` of SQL composed from known parts: the text it makes
      if (object && fn.childForFieldName("attribute")?.text === "as_string" && unparen(object).type === "call") {
        const text = readObject(object);
        if (text.kind === "str" && text.composed) return text;
      }
      // "UPDATE {} SET ...".format(table): the string it makes, a placeholder standing for each value not known
      if (object && fn.childForFieldName("attribute")?.text === "format" && !parts.splat) {
        const formatted = formatString(readObject(object), args, kwargs, loc, n.text);
        if (formatted) return formatted;
      }
      // ", ".join(tables) over a literal list of known strings (a class attribute, a module constant): the string it
      // makes; over items only running tells, a run-time value
      if (object && fn.childForFieldName("attribute")?.text === "join" && args.length === 1 && kwargs.size === 0 && !parts.splat) {
        const joined = joinedStrings(readObject(object), args[0], loc, n.text);
        if (joined) return joined;
      }
      // `q = q.where(...)` on a name bound to a call (`q = sa.update(t)`): the chain goes on from that call
      const boundCall = object && unparen(object).type === "identifier" ? ctx.bindings?.get(unparen(object).text) : undefined;
      const receiver = object && unparen(object).type === "call" ? readObject(object) : boundCall?.kind === "call" ? boundCall : undefined;
      // `getattr(migrations, "RunSQL")(...)` is RunSQL, called through a lookup the adapters report
      const lookup = getattrLookup(fn, ctx.imports, (name) => {
        const value = evaluate(name, ctx);
        return value.kind === "str" && !value.unresolved ? value.value : undefined;
      });
      let callee = lookup ? (lookup.qualified ?? "") : (qualifiedName(parts.function, ctx.imports) ?? "");
      let base: string | undefined;
      let baseMethods: string[] | undefined;
      let unread: string | undefined;
      // a function or class of the project's own modules, imported by the migration
      if (!lookup && ctx.project && !parts.splat && importedRoot(fn, ctx)) {
        const returned = ctx.project.callResult(callee, args, kwargs, loc);
        if (returned) return returned;
        const operation = ctx.project.operationBase(callee);
        base = operation ? undefined : ctx.project.classBase(callee);
        baseMethods = base ? ctx.project.classMethods?.(callee) : undefined;
        unread = operation || base ? undefined : ctx.project.unreadModule(callee);
        callee = operation ?? callee;
      }
      return {
        kind: "call",
        callee,
        ...(lookup ? { lookup } : {}),
        args,
        kwargs,
        splat: parts.splat,
        loc,
        text: n.text,
        ...(receiver ? { receiver } : {}),
        ...(base ? { base } : {}),
        ...(baseMethods ? { baseMethods } : {}),
        ...(unread ? { unread } : {}),
      };
    }
    case "identifier": {
      const bound = ctx.bindings?.get(n.text);
      if (bound) return relocate(bound, loc);
      const name = ctx.imports.qualify(n.text);
      const constant = ctx.project && importedRoot(n, ctx) ? ctx.project.constant(name, loc) : undefined;
      return asWrittenIfName(constant, n) ?? { kind: "name", name, loc, text: n.text };
    }
    case "attribute": {
      // `enum.name` of `enum = sa.Enum(..., name="entitytype")` (a constant, a helper's argument): the name written
      const named = n.childForFieldName("attribute")?.text === "name" ? boundObjectName(n.childForFieldName("object"), ctx) : undefined;
      if (named) return relocate(named, loc);
      const name = qualifiedName(n, ctx.imports);
      if (name === undefined) return { kind: "unknown", text: n.text, loc };
      const constant = ctx.project && importedRoot(n, ctx) ? ctx.project.constant(name, loc) : undefined;
      return asWrittenIfName(constant, n) ?? { kind: "name", name, loc, text: n.text };
    }
    case "binary_operator": {
      const operator = n.childForFieldName("operator")?.text;
      const left = n.childForFieldName("left");
      const right = n.childForFieldName("right");
      const l = left ? evaluate(left, ctx) : undefined;
      const r = right ? evaluate(right, ctx) : undefined;
      if (operator === "+" && l && r) {
        if (l.kind === "str" && r.kind === "str") {
          const runTime = joinRunTime(n.text, l.runTime, r.runTime);
          return { kind: "str", value: l.value + r.value, loc, pieces: [...l.pieces, ...r.pieces], unresolved: l.unresolved || r.unresolved, ...(runTime ? { runTime } : {}) };
        }
        if (l.kind === "list" && r.kind === "list") return { kind: "list", items: [...l.items, ...r.items], tuple: l.tuple, loc };
        // "... WHERE team_id=" + str(team_id): the string it makes, a placeholder standing for the run-time part
        const joined = joinWithRunTime(l, r, loc, n.text);
        if (joined) return joined;
      }
      // "INSERT ... VALUES ('%s')" % (value,): the string it makes, a placeholder standing for each value not known
      if (operator === "%" && l && r) {
        const formatted = percentFormat(l, r, loc, n.text);
        if (formatted) return formatted;
      }
      return { kind: "unknown", text: n.text, loc, operands: [l, r].flatMap((o) => (o ? [o] : [])), ...(operator ? { operator } : {}) };
    }
    case "comparison_operator": {
      const parts = n.children.filter((c) => c.type !== "comment");
      const operands = parts.filter((c) => c.isNamed).map((c) => evaluate(c, ctx));
      return { kind: "unknown", text: n.text, loc, comparison: { operators: parts.filter((c) => !c.isNamed).map((c) => c.text), operands } };
    }
    case "subscript": {
      const object = n.childForFieldName("value");
      const key = n.childForFieldName("subscript");
      if (!object || !key) return { kind: "unknown", text: n.text, loc };
      return { kind: "unknown", text: n.text, loc, subscript: { object: evaluate(object, ctx), key: evaluate(key, ctx) } };
    }
    case "conditional_expression": {
      const chosen = eitherString(n, ctx, loc);
      if (chosen) return chosen;
      return { kind: "unknown", text: n.text, loc, operands: n.namedChildren.filter((c) => c.type !== "comment").map((c) => evaluate(c, ctx)) };
    }
    case "not_operator":
    case "boolean_operator":
    case "parenthesized_expression":
      return { kind: "unknown", text: n.text, loc, operands: n.namedChildren.filter((c) => c.type !== "comment").map((c) => evaluate(c, ctx)) };
    default:
      return { kind: "unknown", text: n.text, loc };
  }
}

/** The name of the SQLAlchemy object a name is bound to, or that a call builds in place (sqlalchemyObjectName). */
function boundObjectName(object: PyNode | null, ctx: EvalContext): PyValue | undefined {
  const o = object ? unparen(object) : undefined;
  if (o?.type === "identifier") return sqlalchemyObjectName(ctx.bindings?.get(o.text));
  if (o?.type === "call") return sqlalchemyObjectName(evaluate(o, ctx));
  return undefined;
}

/** A value whose text is all written in the file: a string known whole (or with run-time values standing only for data), a number, a boolean, None. */
const literalArgument = (v: PyValue) => (v.kind === "str" && (!v.unresolved || v.runTime !== undefined)) || v.kind === "num" || v.kind === "bool" || v.kind === "none";

/** A value only running tells (a flag the migration queried, its connection): a helper given one may still build known SQL. */
const runTimeArgument = (v: PyValue) => v.kind === "call" || v.kind === "name" || v.kind === "unknown";

/**
 * A call of one of the module's own top-level defs whose arguments are literals or values only running tells, when
 * the def returns a string (a literal, its dedent / cleandoc, an f-string of module constants, its arguments and local
 * literals): that string. A string with run-time values keeps their placeholders, for SQL readers to check where they
 * stand (`now_func = "NOW_TT()" if settings.ENABLE_NOW_TT else "STATEMENT_TIMESTAMP()"`, in a value's place; a column
 * list joined from a flag the migration queried).
 */
function ownDefString(fn: PyNode, args: PyValue[], kwargs: ReadonlyMap<string, PyValue>, splat: boolean, ctx: EvalContext, call: { text: string; loc: SourceRange }): PyStr | undefined {
  if (fn.type !== "identifier" || splat || ctx.bindings?.has(fn.text)) return undefined;
  const module = ctx.module;
  const def = module?.functions.get(fn.text);
  const argument = (v: PyValue) => literalArgument(v) || runTimeArgument(v);
  if (!module || !def || !args.every(argument) || ![...kwargs.values()].every(argument)) return undefined;
  // read without the module's defs: a def calling itself or another stays a call made at run time
  const returned = returnedValue(def, module, args, kwargs, ctx.project);
  if (returned?.kind !== "str" || (returned.unresolved && !returned.runTime)) return undefined;
  // given values only running tells, what the string holds is decided where it is called: there, and said as written
  // there (else where the def writes it)
  const givenRunTime = args.some(runTimeArgument) || [...kwargs.values()].some(runTimeArgument);
  if (!returned.runTime || !givenRunTime) return returned;
  return { ...returned, loc: call.loc, pieces: [{ text: returned.value, line: call.loc.line }], runTime: { ...returned.runTime, text: call.text } };
}

/**
 * `"NOW_TT()" if settings.ENABLE_NOW_TT else "STATEMENT_TIMESTAMP()"`: both branches strings known whole. The same
 * string when they agree; else a value only running picks, written as a placeholder (as a format's run-time value),
 * so SQL built from it is read when it stands where a value goes, whichever branch runs.
 */
function eitherString(n: PyNode, ctx: EvalContext, loc: SourceRange): PyStr | undefined {
  const [whenTrue, , whenFalse] = n.namedChildren.filter((c) => c.type !== "comment");
  if (!whenTrue || !whenFalse) return undefined;
  const a = evaluate(whenTrue, ctx);
  const b = evaluate(whenFalse, ctx);
  if (a.kind !== "str" || b.kind !== "str") return undefined;
  // `schema + "." if schema else ""`: a schema prefix or nothing, whatever runs, so SQL may put it before a name
  const prefix = isPrefixOrNothing(a, b) || isPrefixOrNothing(b, a);
  if (!prefix && (a.unresolved || b.unresolved)) return undefined;
  if (a.value === b.value && !a.unresolved) return { ...a, loc, pieces: [{ text: a.value, line: loc.line }] };
  const placeholder = prefix ? prefixPlaceholder(n.text) : runTimePlaceholder(n.text);
  const condition = n.namedChildren.filter((c) => c.type !== "comment")[1]?.text;
  const choice = !a.unresolved && !b.unresolved && condition !== undefined ? { choices: [{ placeholder, condition, whenTrue: a.value, whenFalse: b.value }] } : {};
  return { kind: "str", value: placeholder, loc, pieces: [{ text: placeholder, line: loc.line }], unresolved: true, runTime: { text: n.text, placeholders: [placeholder], ...choice } };
}

/** psycopg's SQL composition (psycopg2.sql and psycopg 3's psycopg.sql): the modules whose SQL and Identifier compose text. */
const PSYCOPG_SQL = ["psycopg2.sql.", "psycopg.sql."];

/** A double-quoted SQL identifier, as psycopg's Identifier writes it. */
const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * `sql.SQL("SELECT MAX(id) FROM {}")` (its text, a template `.format` fills) and `sql.Identifier("users", "users")`
 * (the quoted, dotted name) when every part is a known string; anything else of psycopg's sql module (Literal,
 * Placeholder) is a value known only at run time.
 */
function psycopgComposed(callee: string | undefined, args: readonly PyValue[], keywords: number, loc: SourceRange): PyStr | undefined {
  const module = PSYCOPG_SQL.find((m) => callee?.startsWith(m));
  if (!module || keywords > 0 || args.length === 0) return undefined;
  const parts = args.map((a) => (a.kind === "str" && !a.unresolved ? a.value : undefined));
  if (parts.some((p) => p === undefined)) return undefined;
  const kind = callee!.slice(module.length);
  const value = kind === "SQL" && parts.length === 1 ? parts[0]! : kind === "Identifier" ? parts.map((p) => quoteIdentifier(p!)).join(".") : undefined;
  if (value === undefined) return undefined;
  return { kind: "str", value, loc, pieces: [{ text: value, line: loc.line }], unresolved: false, composed: true };
}

/**
 * The text a format puts in for a value: a known string or number as Python writes it (`repr` for `!r` / `%r`),
 * else a placeholder (an identifier named after the expression, as for f-strings) that readers of the text can find.
 */
function fieldText(value: PyValue | undefined, conversion: "s" | "r", holes: string[]): string | undefined {
  switch (value?.kind) {
    case "str":
      if (!value.unresolved) return conversion === "r" ? pythonRepr(value.value) : value.value;
      // a formatted string put into another keeps its placeholders; an f-string's are its own, not known to readers of this one
      if (!value.runTime || conversion === "r") return undefined;
      holes.push(...value.runTime.placeholders);
      return value.value;
    case "num":
      return String(value.value);
    case "bool":
      return value.value ? "True" : "False";
    case "none":
      return "None";
    case "call":
    case "name":
    case "unknown": {
      const placeholder = runTimePlaceholder(value.text);
      holes.push(placeholder);
      return placeholder;
    }
    default:
      return undefined; // a list or dict: its text is Python's repr, not modelled
  }
}

/** A placeholder for a value known only at run time: an identifier named after its expression, so SQL stays parseable. */
export const runTimePlaceholder = (expression: string): string => `__${expression.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 60)}__`;

/**
 * A placeholder for a schema prefix known only at run time (`name.` or nothing): a `$` inside (allowed in a SQL
 * name, never in a placeholder made from an expression) tells it from the others.
 */
const prefixPlaceholder = (expression: string): string => `${runTimePlaceholder(expression).slice(0, -2)}$__`;
export const isPrefixPlaceholder = (placeholder: string): boolean => placeholder.includes("$");

/**
 * `prefix` is a name followed by its `.` (`"audit."`, `schema + "."`: its name may be a run-time part, its `.` is
 * written) and `other` the empty string. Told by PostgreSQL's scanner, which the adapters load before they read.
 */
function isPrefixOrNothing(prefix: PyStr, other: PyStr): boolean {
  if (other.unresolved || other.value !== "" || !prefix.value.endsWith(".")) return false;
  if (prefix.unresolved && !prefix.runTime) return false;
  let tokens;
  try {
    tokens = pgScan(prefix.value).tokens;
  } catch {
    return false;
  }
  // names and dots in turn, ending with a dot: nothing else a prefix could hold
  return tokens.length >= 2 && tokens.every((t, i) => (i % 2 === 0 ? t.tokenName === "IDENT" : t.text === "."));
}

/**
 * `separator.join(items)` of a known separator: the text Python makes when every item is a known string; items that
 * are strings with run-time values keep their placeholders; items only running tells (a list built from a query's
 * flag, `COLS + (["x"] if flag else [])`) make the whole join one run-time value, a placeholder SQL readers place.
 */
function joinedStrings(separator: PyValue, items: PyValue, loc: SourceRange, text: string): PyStr | undefined {
  if (separator.kind !== "str" || separator.unresolved || separator.runTime) return undefined;
  const strings = items.kind === "list" && items.items.every((i) => i.kind === "str" && !i.composed && (!i.unresolved || i.runTime)) ? (items.items as PyStr[]) : undefined;
  if (!strings) {
    const placeholder = runTimePlaceholder(text);
    return { kind: "str", value: placeholder, loc, pieces: [{ text: placeholder, line: loc.line }], unresolved: true, runTime: { text, placeholders: [placeholder] } };
  }
  const value = strings.map((i) => i.value).join(separator.value);
  const pieces = [{ text: value, line: loc.line }];
  const runTime = strings.reduce<RunTimeFields | undefined>((fields, i) => joinRunTime(text, fields, i.runTime), undefined);
  return runTime ? { kind: "str", value, loc, pieces, unresolved: true, runTime } : { kind: "str", value, loc, pieces, unresolved: false };
}

/** A formatted string: known when no value was left to run time, else with the placeholders standing for them. */
function formatted(value: string, loc: SourceRange, template: PyStr, holes: string[], text: string): PyStr {
  const base = { kind: "str" as const, value, loc, pieces: [{ text: value, line: loc.line }] };
  if (holes.length === 0) return { ...base, unresolved: false, ...(template.composed ? { composed: true as const } : {}) };
  return { ...base, unresolved: true, runTime: { text, placeholders: holes } };
}

/**
 * `template.format(*args, **kwargs)` when the template is known and its fields are plain (`{}`, `{0}`, `{name}`,
 * `!s` / `!r`, no format spec): the string it makes, values known only at run time left as placeholders (psycopg's
 * composed SQL needs every part known: it quotes them itself). Otherwise undefined (built at run time).
 */
function formatString(template: PyValue, args: PyValue[], kwargs: ReadonlyMap<string, PyValue>, loc: SourceRange, text: string): PyValue | undefined {
  if (template.kind !== "str" || template.unresolved) return undefined;
  const holes: string[] = [];
  let next = 0;
  let known = true;
  const value = template.value.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (field, inner: string | undefined) => {
    if (field === "{{") return "{";
    if (field === "}}") return "}";
    const [, key, conversion] = /^([^!:]*)(?:!([sr]))?$/.exec(inner ?? "") ?? [];
    if (key === undefined) known = false;
    const arg = key === "" ? args[next++] : key !== undefined && /^\d+$/.test(key) ? args[Number(key)] : key !== undefined && /^[A-Za-z_]\w*$/.test(key) ? kwargs.get(key) : undefined;
    const v = fieldText(arg, conversion === "r" ? "r" : "s", holes);
    if (v === undefined) known = false;
    return v ?? "";
  });
  if (!known || (template.composed && holes.length > 0)) return undefined;
  return formatted(value, loc, template, holes, text);
}

/**
 * `template % values` (printf-style: `%s`, `%r`, `%d`, `%i`, `%(name)s`, `%%`; no flags, width or precision) when
 * the template is known and the values are a literal tuple, a dict for named fields, or one value for one field:
 * the string it makes, values known only at run time left as placeholders. Otherwise undefined.
 */
function percentFormat(template: PyValue, values: PyValue, loc: SourceRange, text: string): PyStr | undefined {
  if (template.kind !== "str" || template.unresolved || template.composed) return undefined;
  const fields = [...template.value.matchAll(/%(\([^()]*\))?([^a-zA-Z%]*)([a-zA-Z%])/g)];
  const positional = fields.filter((f) => f[3] !== "%" && f[1] === undefined).length;
  const items = values.kind === "list" && values.tuple ? values.items : values.kind === "dict" ? undefined : positional === 1 ? [values] : undefined;
  const holes: string[] = [];
  let next = 0;
  let known = true;
  const value = template.value.replace(/%(\([^()]*\))?([^a-zA-Z%]*)([a-zA-Z%])/g, (field, name: string | undefined, flags: string, conversion: string) => {
    if (flags !== "" || !"srdi%".includes(conversion)) known = false;
    if (conversion === "%") return name === undefined && flags === "" ? "%" : "";
    const value = name !== undefined ? dictGet(values, name.slice(1, -1)) : items?.[next++];
    // %d of a known string is Python's TypeError: not a string it makes
    if ((conversion === "d" || conversion === "i") && value?.kind === "str" && !value.unresolved) known = false;
    const v = fieldText(value, conversion === "r" ? "r" : "s", holes);
    if (v === undefined) known = false;
    return v ?? "";
  });
  // every positional value used, exactly as Python checks ("not all arguments converted")
  if (!known || (items !== undefined && next !== items.length)) return undefined;
  return formatted(value, loc, template, holes, text);
}

/**
 * A known string joined with + to a value only known at run time (`str(org_id)`, a name, a call): the string Python
 * makes when it runs, a placeholder standing for that value, as a format leaves one. A string with an f-string part
 * not known has no placeholders readers can find, so it stays unknown, as in a format.
 */
function joinWithRunTime(l: PyValue, r: PyValue, loc: SourceRange, text: string): PyStr | undefined {
  const runTime = (v: PyValue) => v.kind === "call" || v.kind === "name" || v.kind === "unknown";
  const usable = (v: PyValue) => v.kind === "str" && !v.composed && (!v.unresolved || v.runTime !== undefined);
  if (!(usable(l) && runTime(r)) && !(runTime(l) && usable(r))) return undefined;
  const holes: string[] = [];
  const pieces: StrPiece[] = [];
  for (const side of [l, r]) {
    if (side.kind === "str") {
      holes.push(...(side.runTime?.placeholders ?? []));
      pieces.push(...side.pieces);
    } else {
      const placeholder = fieldText(side, "s", holes)!;
      pieces.push({ text: placeholder, line: side.loc.line });
    }
  }
  return { kind: "str", value: pieces.map((p) => p.text).join(""), loc, pieces, unresolved: true, runTime: { text, placeholders: holes } };
}

/** The run-time fields of two strings joined with +: both sets of placeholders, under the joining expression. */
function joinRunTime(text: string, a: RunTimeFields | undefined, b: RunTimeFields | undefined): RunTimeFields | undefined {
  if (!a && !b) return undefined;
  return { text, placeholders: [...(a?.placeholders ?? []), ...(b?.placeholders ?? [])], ...choicesOf(a, b) };
}

/** Items a comprehension may make: past this it is read as built at run time (a hostile file stays cheap). */
const MAX_COMPREHENSION_ITEMS = 200;

/**
 * `[migrations.RemoveField(model_name=m, name="x") for m in MODELS]` over literal iterables (see loop-items): the
 * list it makes. An `if` clause, or an iterable only running tells, leaves it unknown.
 */
function comprehension(n: PyNode, ctx: EvalContext, loc: SourceRange): PyValue | undefined {
  const body = n.childForFieldName("body");
  const clauses = n.namedChildren.filter((c) => c.type !== "comment" && c.id !== body?.id);
  if (!body || clauses.length === 0 || clauses.some((c) => c.type !== "for_in_clause")) return undefined;
  const items: PyValue[] = [];
  const expand = (at: number, bindings: Bindings): boolean => {
    if (at === clauses.length) {
      items.push(evaluate(body, { ...ctx, bindings }));
      return items.length <= MAX_COMPREHENSION_ITEMS;
    }
    const left = clauses[at].childForFieldName("left");
    const right = clauses[at].childForFieldName("right");
    const values = right ? literalItems(evaluate(right, { ...ctx, bindings })) : undefined;
    if (!left || !values) return false;
    for (const value of values) {
      const names = bindTarget(left, value);
      if (!names || !expand(at + 1, new Map([...bindings, ...names]))) return false;
    }
    return true;
  };
  return expand(0, ctx.bindings ?? new Map()) ? { kind: "list", items, tuple: false, loc } : undefined;
}

/** Calls that change only the whitespace around a string's lines. */
const WHITESPACE_ONLY = new Set(["textwrap.dedent", "inspect.cleandoc"]);

/** The parameters of a def as names with their defaults; undefined when it takes `*args` / `**kwargs`. */
function parametersOf(def: PyNode): Array<{ name: string; fallback?: PyNode }> | undefined {
  const out: Array<{ name: string; fallback?: PyNode }> = [];
  for (const p of def.childForFieldName("parameters")?.namedChildren ?? []) {
    if (p.type === "identifier") out.push({ name: p.text });
    else if (p.type === "typed_parameter") {
      const name = p.namedChildren.find((c) => c.type === "identifier");
      if (!name) return undefined;
      out.push({ name: name.text });
    } else if (p.type === "default_parameter" || p.type === "typed_default_parameter") {
      const name = p.childForFieldName("name");
      const value = p.childForFieldName("value");
      if (name?.type !== "identifier" || !value) return undefined;
      out.push({ name: name.text, fallback: value });
    } else if (p.type !== "comment" && p.type !== "keyword_separator" && p.type !== "positional_separator") return undefined;
  }
  return out;
}

/**
 * What a function returns for these arguments when its body is only a docstring, simple assignments and one
 * `return` at the end (a helper that formats SQL); undefined for anything else (a branch, a loop, a query).
 */
export function returnedValue(def: PyNode, module: Pick<PyModule, "imports" | "bindings">, args: PyValue[], kwargs: ReadonlyMap<string, PyValue>, code: ProjectCode | undefined): PyValue | undefined {
  const parameters = parametersOf(def);
  if (!parameters || args.length > parameters.length) return undefined;
  const bindings = new Map(module.bindings);
  const ctx = { imports: module.imports, bindings, project: code };
  for (const [i, p] of parameters.entries()) {
    const given = i < args.length ? args[i] : kwargs.get(p.name);
    const value = given ?? (p.fallback ? evaluate(p.fallback, ctx) : undefined);
    if (!value) return undefined;
    bindings.set(p.name, value);
  }
  if ([...kwargs.keys()].some((k) => !parameters.some((p) => p.name === k))) return undefined;
  const statements = (def.childForFieldName("body")?.namedChildren ?? []).filter((s) => s.type !== "comment");
  for (const [i, statement] of statements.entries()) {
    const inner = statement.namedChildren[0];
    const last = i === statements.length - 1;
    if (statement.type === "expression_statement" && inner?.type === "string" && i === 0) continue;
    if (statement.type === "return_statement" && last) return inner ? evaluate(inner, ctx) : undefined;
    const left = inner?.type === "assignment" ? inner.childForFieldName("left") : null;
    const right = inner?.type === "assignment" ? inner.childForFieldName("right") : null;
    if (statement.type !== "expression_statement" || left?.type !== "identifier" || !right) return undefined;
    bindings.set(left.text, evaluate(right, ctx));
  }
  return undefined;
}

/**
 * The first name of a name (or attribute chain) when an import binds it and no local binding hides it: only those
 * reach other modules. Undefined otherwise.
 */
export function importedRoot(node: PyNode, ctx: Pick<EvalContext, "imports" | "bindings">): string | undefined {
  let head = unparen(node);
  while (head.type === "attribute") head = unparen(head.childForFieldName("object") ?? head);
  return head.type === "identifier" && !ctx.bindings?.has(head.text) && ctx.imports.lookup(head.text) !== undefined ? head.text : undefined;
}

/** A bound value read where it is used: its lines become the use's lines. */
/**
 * A project constant that is itself only a name from outside the project (octavia's `ONLINE = lib_consts.ONLINE`):
 * its qualified name stays, its text is the one written where it is used (`constants.ONLINE`), the text that
 * means something in that module (lib_consts is not imported there) and that a fix can write back.
 */
function asWrittenIfName(constant: PyValue | undefined, n: PyNode): PyValue | undefined {
  return constant?.kind === "name" ? { ...constant, text: n.text } : constant;
}

function relocate(value: PyValue, loc: SourceRange): PyValue {
  if (value.kind === "str") return { ...value, loc, pieces: [{ text: value.value, line: loc.line }] };
  return { ...value, loc };
}

const PREFIX = /^([rRbBuUfF]*)('''|"""|'|")/;

function stringValue(strings: PyNode[], ctx: EvalContext, loc: SourceRange): PyValue {
  const pieces: StrPiece[] = [];
  let unresolved = false;
  // the placeholders of interpolated strings that carry run-time values (a conditional of two literals); `opaque`
  // once a part is not known at all, whose placeholder readers cannot find
  const holes: string[] = [];
  const choices: RunTimeChoice[] = [];
  let opaque = false;
  for (const s of strings) {
    const start = s.child(0);
    const prefix = (start && PREFIX.exec(start.text)?.[1].toLowerCase()) ?? "";
    const raw = prefix.includes("r");
    const formatted = prefix.includes("f");
    let text = "";
    for (const child of s.children) {
      if (child.type === "string_content") {
        const content = formatted ? child.text.replace(/\{\{/g, "{").replace(/\}\}/g, "}") : child.text;
        text += raw ? content : decodeEscapes(content);
      } else if (child.type === "interpolation") {
        const expression = child.childForFieldName("expression");
        const value = expression ? evaluate(expression, ctx) : undefined;
        // {key!r} converts with repr
        const converted = child.namedChildren.some((c) => c.type === "type_conversion" && c.text === "!r");
        if (value?.kind === "str" && !value.unresolved) text += converted ? pythonRepr(value.value) : value.value;
        else if (value?.kind === "num") text += String(value.value);
        else if (value?.kind === "str" && value.runTime && !converted) {
          unresolved = true;
          holes.push(...value.runTime.placeholders);
          choices.push(...(value.runTime.choices ?? []));
          text += value.value;
        } else {
          unresolved = true;
          opaque = true;
          // a placeholder that keeps SQL parseable: an identifier named after the expression
          text += `__${(expression?.text ?? "expr").replace(/[^A-Za-z0-9_]/g, "_")}__`;
        }
      }
    }
    pieces.push({ text, line: s.startPosition.row + 1 });
  }
  const runTime = unresolved && !opaque ? { runTime: { text: strings.map((s) => s.text).join(" "), placeholders: holes, ...(choices.length ? { choices } : {}) } } : {};
  return { kind: "str", value: pieces.map((p) => p.text).join(""), loc, pieces, unresolved, ...runTime };
}

/** Python's repr of a str: single quotes unless the text has one and no double quote; escapes as Python writes them. */
export function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (c === "\\" || c === quote) out += `\\${c}`;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += c;
  }
  return `${quote}${out}${quote}`;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "0": "\0" };

/** Python's escape sequences in a non-raw string. */
export function decodeEscapes(text: string): string {
  if (!text.includes("\\")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "\\" || i === text.length - 1) {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === "\n") {
      i += 1; // line continuation inside the literal
    } else if (next === "x" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (next === "U" && /^[0-9a-fA-F]{8}$/.test(text.slice(i + 2, i + 10))) {
      out += String.fromCodePoint(parseInt(text.slice(i + 2, i + 10), 16));
      i += 9;
    } else if (/[0-7]/.test(next) && next !== "0") {
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(octal, 8));
      i += octal.length;
    } else if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i += 1;
    } else out += c; // unknown escapes stay as written, as in Python
  }
  return out;
}

/**
 * A string's text for a parser of another language (SQL), with the lines of the Python file: pieces written
 * on later lines are joined with newlines where the boundary is whitespace anyway, so statement lines stay right.
 */
export function textWithLines(value: PyStr): { text: string; line: number } {
  const [first, ...rest] = value.pieces;
  if (!first) return { text: value.value, line: value.loc.line };
  let text = first.text;
  let line = first.line + countNewlines(first.text);
  for (const piece of rest) {
    const boundaryIsSpace = /\s$/.test(text) || /^\s/.test(piece.text);
    if (piece.line > line && boundaryIsSpace) text += "\n".repeat(piece.line - line);
    text += piece.text;
    line = Math.max(line, piece.line) + countNewlines(piece.text);
  }
  return { text, line: first.line };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Accessors that keep adapters short. */
export const kwarg = (call: PyCall, name: string, position?: number): PyValue | undefined =>
  call.kwargs.get(name) ?? (position !== undefined ? call.args[position] : undefined);

export const asString = (value: PyValue | undefined): string | undefined => (value?.kind === "str" && !value.unresolved ? value.value : undefined);
export const asNumber = (value: PyValue | undefined): number | undefined => (value?.kind === "num" ? value.value : undefined);
export const asBool = (value: PyValue | undefined): boolean | undefined => (value?.kind === "bool" ? value.value : undefined);
export const isNone = (value: PyValue | undefined): boolean => value?.kind === "none";
/** The items of a list or tuple; a single value is a one-item list (Django accepts `fields="a"` rarely, tuples often). */
export const asList = (value: PyValue | undefined): PyValue[] | undefined => (value?.kind === "list" ? value.items : undefined);
export const asStrings = (value: PyValue | undefined): string[] | undefined => {
  const items = asList(value);
  if (!items) return undefined;
  const strings = items.map(asString);
  return strings.every((s): s is string => s !== undefined) ? strings : undefined;
};
export function dictGet(value: PyValue | undefined, key: string): PyValue | undefined {
  if (value?.kind !== "dict") return undefined;
  return value.entries.find((e) => e.key.kind === "str" && e.key.value === key)?.value;
}
/**
 * Truthy as Python would see a literal (undefined for what cannot be known): Django and SQLAlchemy test their
 * keyword arguments this way (`if self.null:`), so `null='True'` and even `null='False'` make a column NULL-able,
 * while 0, None and '' do not.
 */
export function truthy(value: PyValue | undefined): boolean | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case "bool":
      return value.value;
    case "none":
      return false;
    case "num":
      return value.value !== 0;
    case "str":
      // an f-string with a part not known holds a placeholder for it: its length says nothing
      return value.unresolved ? undefined : value.value.length > 0;
    case "list":
      return value.items.length > 0;
    case "dict":
      return value.entries.length > 0;
    default:
      return undefined;
  }
}
