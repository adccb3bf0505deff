/**
 * What an edit to a merged migration changes, judged the way its databases see it. Databases that already
 * ran the migration never run it again; databases that have not (new environments, installations upgrading
 * from an older release) run the edited one. So:
 * - schema: an up operation, the transaction mode or the migration graph changed: the two kinds of database
 *   end up with different schemas;
 * - validated: with the other edited migrations of the change, only when a constraint is validated moved
 *   (validated-later.ts: added NOT VALID and validated later, or added validated): set by the review, across files;
 * - steps: the up operations changed but both versions leave the objects they touch the same (net-schema.ts:
 *   a view rebuilt beside the old one and renamed into place, instead of dropped and re-created);
 * - data: what its data step does changed (a RunPython function, Ruby data code, an UPDATE): the data of the
 *   databases that run it from now on may differ from the others';
 * - rows: data code walks the same rows another way (`.each` -> `.find_each`, `update_all` -> `in_batches.update_all`,
 *   Django's `.iterator()`) or declares a result type the SQL never sees (`output_field=` on a Func): the same rows
 *   get the same change, in batches or not;
 * - connection: data code now names (or no longer names) the connection the migration runs on, `.using(db_alias)`
 *   with `db_alias = schema_editor.connection.alias`: the same rows on a project with one database, another database
 *   where routers send the model elsewhere (the review decides which: edited-migration.ts);
 * - calls: data code calls other functions with the same arguments (a library or API swap: `Oj.dump(x)` ->
 *   `JSON.generate(x)`), which leaves the data as it was when the new functions do what the old ones did;
 * - conditional: a RunSQL now takes its SQL from a helper that returns one of several strings, one of them the SQL
 *   it ran: which one runs is decided when it runs, so migguard cannot tell (a note);
 * - unreached: only the block of an `if` that always raised changed (its condition and the rest alike): a database
 *   that recorded the migration never took it, since the run would have stopped there (a note);
 * - unmodelled: an operation's arguments changed in a way migguard does not model, so it cannot tell;
 * - no database effect: only the down, imports (a function's own import moved to module level or back, binding the
 *   same names: python-units.ts `binds`), constants once imported from the project now written in the migration
 *   with the values the module held on the base branch (inlined-constants.ts), Ruby code that runs nothing
 *   (`discarded`: an expression whose value nobody uses, a `when` branch made only of such), type annotations, Python-only field options (help_text, choices, validators, a
 *   sanitizer), comments or formatting, a function renamed, code that names nothing reaching the database
 *   (`f.close()`), a RunPython or RunSQL that runs the same function body or SQL from elsewhere, the text of an
 *   exception message it raises (`message`), a model class the migration defines for itself that only pins the
 *   table its code uses (`stub`: `class Note < ApplicationRecord; translates :body; end`), operations Django applies
 *   to its state only (`state`: a SeparateDatabaseAndState's state_operations, written inline or bound to a name).
 * The operations the edit did not touch ran long ago and are not judged again: `changedOps` lists the ones
 * lint findings are kept for.
 */
import type { Migration, Operation, SourceRange } from "../../model.js";
import { netSchema } from "./net-schema.js";
import { editDifferences, type EditDifference } from "./edit-differences.js";
import { pythonUnits, PYTHON_ONLY_OPERATIONS } from "./python-units.js";
import { railsCallOptions, rubyCodeCanonical, rubyUnits } from "./ruby-units.js";
import { diffUnits, swappedCallees, type SourceUnit, type UnitChange } from "./source-units.js";
import type { InlinedConstants } from "./inlined-constants.js";
import type { MovedFunction } from "./moved-functions.js";

export type EditPart = "qualified" | "regrouped" | "ignored-options" | "extension" | "schema" | "steps" | "validated" | "graph" | "data" | "rows" | "connection" | "calls" | "conditional" | "unmodelled" | "down" | "python-options" | "state" | "imports" | "inlined" | "unreached" | "annotations" | "message" | "failure" | "discarded" | "constant" | "stub" | "comments";

export interface EditPartDetail {
  part: EditPart;
  /** what changed, for the message: "def forwards", "AddField", "import saleor.core.editorjs" */
  what: string;
  /** where at head (or on the base branch for a removal) */
  loc: SourceRange;
}

export interface EditJudgement {
  parts: Set<EditPart>;
  details: EditPartDetail[];
  /** head operations (up and down) that the edit added or changed: lint findings elsewhere are about untouched code */
  changedOps: SourceRange[];
  /** Python-only options the edit changed (help_text, sanitizer, ...) */
  options: string[];
  /** functions the data code calls instead of others, with the same arguments ("Oj.dump -> JSON.generate") */
  swaps: string[];
  /** a schema edit: what it changes, one difference per property or operation (edit-differences.ts) */
  differences?: EditDifference[];
  /** the source differs only in these migration settings (`replaces`, ...): read from the units, not the model */
  settingsOnly?: string[];
}

/** JSON with sorted keys, so two equal models print the same whatever order adapters built them in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

// ormFieldDef repeats the Django field as written (help_text and all): the database effect is in the other fields
// mentions lists the names a data function uses: the function's own text is judged by its units (behaviour.ts), as
// are the row fields it reads and the tables it adds rows to (rowReads, createsRowsIn), read from that same text
// a data step's way back shows in the down, and a RunPython's description is its function's name: the function's
// body is what runs, judged by its units (a renamed function with the same body runs the same code), as are the rows
// it deletes and overwrites
// frameworkCall and assured say how the code asked for it (`t.string` in a change_table or add_column; inside
// strong_migrations' safety_assured or not): the database gets the same statement
// an existence check's line and text move with formatting: what it checks and which way it goes are what run
// a Rails call with its locals inlined is Ruby code: compared as Prism reads it, so re-indenting it (to wrap it in
// safety_assured) changes nothing
// so is the call around SQL built at run time (`hostCall`): `"UPDATE t "\` and `"UPDATE t " \` join into the same string
/** An operation as the database gets it: what two versions must share to run the same statement. */
export const opKey = ({ loc: _loc, text: _text, ormFieldDef: _def, frameworkCall: _call, assured: _assured, guards, inlined, hostCall, ...asWritten }: Operation) => {
  const written = hostCall === undefined ? asWritten : { ...asWritten, hostCall: rubyCode(hostCall) };
  const unguarded = inlined ? { ...written, inlined: { ...inlined, text: rubyCode(inlined.text) } } : written;
  const rest = guards ? { ...unguarded, guards: guards.map(({ line: _line, text: _guardText, ...check }) => check) } : unguarded;
  if (rest.kind !== "data_migration") return canonicalJson(rest);
  const { mentions: _mentions, readsThrough: _readsThrough, rowReads: _rowReads, createsRowsIn: _createsRowsIn, reversible: _reversible, description, deletes, overwrites, ...data } = rest;
  // a RunPython's deletes and overwrites are read from its body (their call text moves with formatting): the units judge it
  // a Ruby loop's overwrites: the columns it writes; the call's text (its arguments) is what its code does, judged by the units
  return canonicalJson(data.language === "python" ? data : { ...data, description, deletes, overwrites: overwrites?.map(({ call: _call, ...written }) => written) });
};

/**
 * Each added operation is a removed one with some names now schema-qualified (`aal_level` -> `auth.aal_level`,
 * supabase/auth's bootstrap fix for installs whose search_path does not start with its schema) or no longer
 * qualified (its revert), and nothing else changed: the qualified names, per operation; undefined when the edit
 * does anything else.
 */
function qualificationOnly(removed: readonly Operation[], added: readonly Operation[]): Array<{ op: Operation; names: string[] }> | undefined {
  if (added.length === 0 || added.length !== removed.length) return undefined;
  const left = removed.map((op) => JSON.parse(opKey(op)) as unknown);
  const out: Array<{ op: Operation; names: string[] }> = [];
  for (const op of added) {
    const value = JSON.parse(opKey(op)) as unknown;
    const at = left.findIndex((base) => base !== undefined && qualifiedNames(base, value) !== undefined);
    if (at === -1) return undefined;
    const names = qualifiedNames(left[at], value)!;
    if (names.length === 0) return undefined;
    out.push({ op, names });
    left[at] = undefined;
  }
  return out;
}

/** `head` is `base` with some names schema-qualified, or unqualified: those names (empty when equal); undefined when anything else differs. */
function qualifiedNames(base: unknown, head: unknown): string[] | undefined {
  if (typeof base === "string" && typeof head === "string") {
    if (base === head) return [];
    // one more dotted part in front, on a name that had none: `x` -> `s.x` (quoted or a placeholder's stand-in too),
    // or the reverse (a revert of such an edit)
    const [short, long] = base.length < head.length ? [base, head] : [head, base];
    return !short.includes(".") && long.endsWith(`.${short}`) && /^[\w"$]+$/.test(long.slice(0, -short.length - 1)) ? [long] : undefined;
  }
  if (Array.isArray(base) && Array.isArray(head)) {
    if (base.length !== head.length) return undefined;
    const names: string[] = [];
    for (let i = 0; i < base.length; i++) {
      const inner = qualifiedNames(base[i], head[i]);
      if (inner === undefined) return undefined;
      names.push(...inner);
    }
    return names;
  }
  if (base && head && typeof base === "object" && typeof head === "object" && !Array.isArray(base) && !Array.isArray(head)) {
    const keys = Object.keys(base);
    if (keys.length !== Object.keys(head).length) return undefined;
    const names: string[] = [];
    for (const key of keys) {
      if (!(key in head)) return undefined;
      const inner = qualifiedNames((base as Record<string, unknown>)[key], (head as Record<string, unknown>)[key]);
      if (inner === undefined) return undefined;
      names.push(...inner);
    }
    return [...new Set(names)];
  }
  return base === head ? [] : undefined;
}

/** Ruby code as Prism reads it, or as written when Prism cannot read it alone. */
const rubyCode = (text: string): string => rubyCodeCanonical(text) ?? text;

const DATA_KINDS = new Set<Operation["kind"]>(["dml", "data_migration"]);
/** session settings (SET lock_timeout ...) change nothing a later run could see */
const SESSION_KINDS = new Set<Operation["kind"]>(["set_setting"]);

/** Head operations without an equal one on the base side (counting duplicates). */
function newOps(base: readonly Operation[], head: readonly Operation[]): Operation[] {
  const left = new Map<string, number>();
  for (const op of base) left.set(opKey(op), (left.get(opKey(op)) ?? 0) + 1);
  const out: Operation[] = [];
  for (const op of head) {
    const n = left.get(opKey(op)) ?? 0;
    if (n > 0) left.set(opKey(op), n - 1);
    else out.push(op);
  }
  return out;
}

/** An operation's key without how PostgreSQL builds it (CONCURRENTLY, inside a transaction or not): the same object, built another way. */
const builtKey = (op: Operation) => opKey({ ...op, inTransaction: true, ...("concurrently" in op ? { concurrently: false } : {}) } as Operation);

/** Every added operation is a removed one built another way (an index now built concurrently), and nothing else changed. */
function onlyHowBuilt(removed: readonly Operation[], added: readonly Operation[]): boolean {
  if (added.length === 0 || added.length !== removed.length) return false;
  const left = new Map<string, number>();
  for (const op of removed) left.set(builtKey(op), (left.get(builtKey(op)) ?? 0) + 1);
  return added.every((op) => {
    const n = left.get(builtKey(op)) ?? 0;
    left.set(builtKey(op), n - 1);
    return n > 0;
  });
}

const downOps = (m: Migration): Operation[] => (m.down.status === "present" ? m.down.ops : []);
const downShape = (m: Migration) => (m.down.status === "present" ? `present:${m.down.ops.map(opKey).join("|")}` : m.down.status);

function unitsOf(m: Migration, content: string): SourceUnit[] | undefined {
  try {
    if (m.framework === "django" || m.framework === "alembic") return pythonUnits(content, m.framework);
    if (m.framework === "rails") return rubyUnits(content);
  } catch {
    // a file the unit reader cannot follow is judged by its operations alone
  }
  return undefined;
}

/**
 * The stretch of operations an edit put in another order (both lists hold the same operations): from the first
 * place they differ to the last. What comes before and after it is the same on both sides, so the two orders end
 * alike when the stretch itself does.
 */
function reorderedWindow(base: readonly Operation[], head: readonly Operation[]): { base: Operation[]; head: Operation[] } | undefined {
  if (base.length !== head.length) return undefined;
  const differs = (i: number) => opKey(base[i]) !== opKey(head[i]);
  const first = head.findIndex((_op, i) => differs(i));
  if (first === -1) return undefined;
  let last = head.length - 1;
  while (!differs(last)) last--;
  return { base: base.slice(first, last + 1), head: head.slice(first, last + 1) };
}

/** Both lists leave the objects they touch the same, as far as net-schema.ts can follow them. */
function sameNetSchema(base: readonly Operation[], head: readonly Operation[]): boolean {
  const before = netSchema(base);
  return before !== undefined && before === netSchema(head);
}

const overlaps = (a: SourceRange, b: SourceRange) => a.line <= b.endLine && b.line <= a.endLine;

/**
 * `head` with the functions its data code imports from a new module, the same function there (moved-functions.ts),
 * named by the module the base imported them from: the same code runs, so only the import line is an edit.
 */
function withMovedFunctionsBack(head: Migration, moved: readonly MovedFunction[]): Migration {
  if (moved.length === 0) return head;
  const back = (op: Operation): Operation =>
    op.kind === "data_migration" && op.directModels
      ? { ...op, directModels: op.directModels.map((d) => ({ ...d, module: moved.find((m) => m.bound === d.name && m.to === d.module)?.from ?? d.module })) }
      : op;
  return { ...head, up: head.up.map(back), down: head.down.status === "present" ? { ...head.down, ops: head.down.ops.map(back) } : head.down };
}

/**
 * `inlined`: constants the edit copied into the migration from a module it imported (inlined-constants.ts);
 * `moved`: functions it imports from another module, the same there (moved-functions.ts)
 */
export function judgeEdit(base: Migration, headAsWritten: Migration, baseContent: string, headContent: string, inlined?: InlinedConstants, moved: readonly MovedFunction[] = []): EditJudgement {
  const head = withMovedFunctionsBack(headAsWritten, moved);
  const parts = new Set<EditPart>();
  const details: EditPartDetail[] = [];
  const add = (part: EditPart, what: string, loc: SourceRange) => {
    parts.add(part);
    details.push({ part, what, loc });
  };
  const options = new Set<string>();
  const swaps = new Set<string>();

  // 0. the source cut into units: RunPython and RunSQL operations that run the same code whatever their text
  // says (a function renamed or moved into a helper) make the modelled operations inside them not an edit
  const before = unitsOf(base, baseContent);
  const after = unitsOf(head, headContent);
  const unitChanges = before && after ? diffUnits(withRenamedFunctions(before, after), after) : undefined;
  const sameRuns = (unitChanges ?? []).filter((c) => c.kind === "operation" && runsAlike(c) !== undefined);
  // with the imports alike too: an import is judged as having no effect, while the modelled operation names the module a model comes from
  const importsAlike = !(unitChanges ?? []).some((c) => c.kind === "import");
  const alikeRuns = importsAlike ? unchangedRuns(before, after) : [];
  // helpers whose returned SQL was compared: their own text is judged through it
  const readHelpers = new Set(sameRuns.flatMap((c) => [...(c.head?.runs?.helpers ?? []), ...(c.base?.runs?.helpers ?? [])].map((h) => `def ${h}`)));
  const neutral = (op: Operation, side: "base" | "head") => sameRuns.some((c) => c[side] !== undefined && overlaps(c[side]!.loc, op.loc));
  // data code that walks the same rows another way: the data operations the adapter read from it are the same work
  const sameRowsChanges = (unitChanges ?? []).filter(sameRows);
  // data code whose only change is a library swap (Oj.dump -> JSON.generate inside a loop the adapter read as one data
  // step, glitch-soc's reject_following_blocked_users): the units name the swap, the data step is not other work
  const swapChanges = (unitChanges ?? []).filter((c) => (c.kind === "statement" || c.kind === "code") && c.head?.side !== "down" && swappedCallees(c) !== undefined);
  // or names the connection it runs on (`.using(db_alias)`): the same work wherever that is the only database
  const connectionChanges = (unitChanges ?? []).filter(sameBesidesConnection);
  const dataNeutral = (op: Operation, side: "base" | "head") => neutral(op, side) || [...sameRowsChanges, ...connectionChanges, ...swapChanges, ...alikeRuns].some((c) => overlaps(c[side]!.loc, op.loc));

  // 1. the operations, as the engine models them
  // a Ruby or Python call the adapter could not interpret (`load "seeds.rb"`, an unknown helper) is code, not schema
  const opaque = (op: Operation) => op.kind === "raw" && !op.embeddedSql && head.framework !== "sql";
  const schemaOf = (ops: readonly Operation[]) => ops.filter((op) => !DATA_KINDS.has(op.kind) && !SESSION_KINDS.has(op.kind) && !opaque(op));
  const dataOf = (ops: readonly Operation[]) => ops.filter((op) => DATA_KINDS.has(op.kind));
  const opaqueOf = (ops: readonly Operation[]) => ops.filter(opaque);
  const schemaAdded = newOps(schemaOf(base.up), schemaOf(head.up)).filter((op) => !neutral(op, "head"));
  const schemaRemoved = newOps(schemaOf(head.up), schemaOf(base.up)).filter((op) => !neutral(op, "base"));
  const sameEnd = (schemaAdded.length > 0 || schemaRemoved.length > 0) && sameNetSchema(schemaOf(base.up), schemaOf(head.up));
  // the same objects built another way (CONCURRENTLY, outside the transaction) leave every database alike
  const schemaPart = sameEnd || onlyHowBuilt(schemaRemoved, schemaAdded) ? "steps" : "schema";
  // the same operations in another order (wger's 0021 deleting ScheduleStep before Workout): where net-schema.ts
  // follows them to the same end, only the steps changed; otherwise the unit comparison below says what it can
  const reordered = schemaAdded.length === 0 && schemaRemoved.length === 0 ? reorderedWindow(schemaOf(base.up), schemaOf(head.up)) : undefined;
  if (reordered && sameNetSchema(reordered.base, reordered.head)) add("steps", `the order of its operations, from ${reordered.head[0].text || reordered.head[0].kind}`, reordered.head[0].loc);
  const sameObjects = (schemaAdded.length === 0 && schemaRemoved.length === 0) || schemaPart === "steps";
  // CREATE EXTENSION IF NOT EXISTS added: where the extension exists it does nothing, and a database that ran the
  // migration without it either has it from elsewhere or never needed it; fresh databases now get it here
  const addsExtension = (op: Operation) => op.kind === "create_object" && op.objectType === "extension" && op.ifNotExists;
  const onlyExtensions = schemaAdded.length > 0 && schemaRemoved.length === 0 && schemaAdded.every(addsExtension);
  const qualified = qualificationOnly(schemaRemoved, schemaAdded);
  if (qualified) for (const { op, names } of qualified) add("qualified", names.join(", "), op.loc);
  else {
    for (const op of schemaAdded) add(onlyExtensions ? "extension" : schemaPart, op.text || op.kind, op.loc);
    if (schemaAdded.length === 0 && schemaRemoved.length > 0) add(schemaPart, `removes ${schemaRemoved[0].text || schemaRemoved[0].kind}`, { line: 1, endLine: 1 });
  }
  if (base.transactional !== head.transactional) add(sameObjects ? "steps" : "schema", head.transactional ? "runs in a transaction now" : "no longer runs in a transaction", { line: 1, endLine: 1 });
  const dataAdded = newOps(dataOf(base.up), dataOf(head.up)).filter((op) => !dataNeutral(op, "head"));
  for (const op of dataAdded) add("data", op.text || op.kind, op.loc);
  if (dataAdded.length === 0 && newOps(dataOf(head.up), dataOf(base.up)).filter((op) => !dataNeutral(op, "base")).length > 0) add("data", "removes a data change", { line: 1, endLine: 1 });
  const opaqueAdded = newOps(opaqueOf(base.up), opaqueOf(head.up)).filter((op) => !dataNeutral(op, "head"));
  for (const op of opaqueAdded) add("unmodelled", op.text || op.kind, op.loc);
  const opaqueRemoved = newOps(opaqueOf(head.up), opaqueOf(base.up)).filter((op) => !dataNeutral(op, "base"));
  if (opaqueAdded.length === 0 && opaqueRemoved.length > 0) add("unmodelled", `removes ${opaqueRemoved[0].text || opaqueRemoved[0].kind}`, { line: 1, endLine: 1 });
  const downAdded = newOps(downOps(base), downOps(head));
  if (downShape(base) !== downShape(head)) add("down", "its down", downAdded[0]?.loc ?? { line: 1, endLine: 1 });
  // names qualified with the schema they resolved to run the same statements: nothing in them to judge again
  const changedOps = [...(qualified ? [] : schemaAdded), ...dataAdded, ...opaqueAdded, ...downAdded].map((op) => op.loc);

  // the same Rails schema operations with the same options, grouped another way (a change_table block written as
  // add_column calls, calls wrapped in strong_migrations' safety_assured): the database gets the same statements
  const regrouped =
    head.framework === "rails" &&
    schemaAdded.length === 0 &&
    schemaRemoved.length === 0 &&
    schemaOf(head.up).length > 0 &&
    sameOptions(schemaOf(base.up).map((op) => op.text), schemaOf(head.up).map((op) => op.text));

  // 2. the source, for what the model does not hold: function bodies, Ruby code, imports, Python-only options
  if (unitChanges) {
    const schemaLocs = schemaOf(head.up).map((op) => op.loc);
    const baseSchemaLocs = schemaOf(base.up).map((op) => op.loc);
    // a helper that returns a RunSQL's SQL: its statements are that SQL, not data code
    const sqlHelpers = new Set([...(before ?? []), ...(after ?? [])].flatMap((u) => (u.runs?.helpers ?? []).map((h) => `def ${h}`)));
    const helperOf = (c: UnitChange) => (c.kind === "statement" ? (c.head ?? c.base)!.key : undefined);
    // the import of inlined constants, and their definitions now in the migration: the same values either way
    const within = (loc: SourceRange, ranges: readonly SourceRange[]) => ranges.some((r) => r.line <= loc.line && loc.endLine <= r.endLine);
    const inlinedChange = (c: UnitChange) =>
      inlined !== undefined && (c.base === undefined || within(c.base.loc, inlined.baseImports)) && (c.head === undefined || within(c.head.loc, inlined.headAssignments));
    const moduleBinds = (units: readonly SourceUnit[]) => new Set(units.flatMap((u) => (u.kind === "import" ? (u.binds ?? []) : [])));
    const bound = { base: moduleBinds(before ?? []), head: moduleBinds(after ?? []) };
    const reads = { base: constantsRead(before ?? []), head: constantsRead(after ?? []) };
    for (const change of unitChanges) {
      if (movedImport(change, bound)) {
        add("imports", `${(change.head ?? change.base)!.label}: an import moved between the function and the module`, change.head?.loc ?? { line: 1, endLine: 1 });
        continue;
      }
      // only the text of an exception it raises: a message for whoever runs it, the same stop either way (before
      // raisedBefore: the `if` around such a raise is the same `if`, not a new block)
      if (change.head?.side !== "down" && sameBesidesMessages(change)) {
        add("message", change.head!.label, change.head!.loc);
        continue;
      }
      // only what a rescue clause does on the way to the same failure: the run stops there, unrecorded, either way
      if (change.head?.side !== "down" && sameBesidesFailurePath(change)) {
        add("failure", change.head!.label, change.head!.loc);
        continue;
      }
      // only code that runs nothing: an expression whose value nobody uses, a `when` branch made of them
      if (change.head?.side !== "down" && change.base?.side !== "down" && sameBesidesDiscarded(change)) {
        add("discarded", (change.head ?? change.base)!.label, change.head?.loc ?? change.base!.loc);
        continue;
      }
      const constant = unreadLiteralConstant(change, reads);
      if (constant) {
        add("constant", constant, (change.head ?? change.base)!.loc);
        continue;
      }
      if (raisedBefore(change)) {
        add("unreached", change.head!.label, change.head!.loc);
        continue;
      }
      if (inlinedChange(change)) {
        if (!parts.has("inlined")) add("inlined", `${inlined!.names.join(", ")} (from ${inlined!.modules.join(", ")})`, change.head?.loc ?? { line: 1, endLine: 1 });
        continue;
      }
      const helper = helperOf(change);
      if (helper && readHelpers.has(helper)) continue;
      if (helper && sqlHelpers.has(helper)) {
        if (!parts.has("schema")) add("unmodelled", `${helper} (the SQL a RunSQL runs)`, change.head?.loc ?? { line: 1, endLine: 1 });
        continue;
      }
      judgeUnit(change, { add, options, swaps, schemaLocs, baseSchemaLocs, regrouped, schemaChanged: parts.has("schema") || parts.has("steps") || parts.has("extension") });
    }
  }
  if (parts.size === 0) add("comments", "comments or formatting", { line: 1, endLine: 1 });
  // a transaction mode changed with them is how the statements run, not what old and fresh databases hold
  const differences =
    parts.has("schema") && !qualified && schemaPart === "schema" && (schemaAdded.length > 0 || schemaRemoved.length > 0)
      ? editDifferences(schemaRemoved, schemaAdded)
      : undefined;
  // what the text changed, whatever the models say: a setting removed alone (a squash's `replaces`) changes no
  // operation, so a model difference then comes from how the two sides were read, not from the edit
  const settingsOnly = unitChanges?.length && unitChanges.every((c) => c.kind === "setting") ? [...new Set(unitChanges.map((c) => (c.head ?? c.base)!.key))].sort() : undefined;
  return { parts, details, changedOps, options: [...options].sort(), swaps: [...swaps], ...(differences ? { differences } : {}), ...(settingsOnly ? { settingsOnly } : {}) };
}

const GRAPH_SETTINGS = new Set(["dependencies", "replaces", "run_before", "revision", "down_revision", "depends_on", "branch_labels"]);

interface UnitContext {
  add(part: EditPart, what: string, loc: SourceRange): void;
  options: Set<string>;
  swaps: Set<string>;
  /** head schema operations: a changed statement around one of them changed that operation */
  schemaLocs: SourceRange[];
  /** the same on the base side, for statements the edit removed */
  baseSchemaLocs: SourceRange[];
  /** the model already accounts for the changed operations (a schema change, or other steps to the same end) */
  schemaChanged: boolean;
  /** the same schema calls with the same options, grouped another way */
  regrouped: boolean;
}

function sameOptions(base: readonly string[], head: readonly string[]): boolean {
  try {
    const before = railsCallOptions(base);
    const after = railsCallOptions(head);
    return before !== undefined && after !== undefined && before.join("\n") === after.join("\n");
  } catch {
    return false;
  }
}

/** A changed statement around a schema operation (at head, or on the base side for a removal): the model holds its effect. */
const aroundSchemaOperation = (change: UnitChange, ctx: UnitContext): boolean =>
  change.head ? ctx.schemaLocs.some((op) => overlaps(op, change.head!.loc)) : change.base !== undefined && ctx.baseSchemaLocs.some((op) => overlaps(op, change.base!.loc));

/**
 * Base units renamed to match head functions whose parameters and body are the same under another name: a
 * function renamed runs the same code.
 */
function withRenamedFunctions(base: readonly SourceUnit[], head: readonly SourceUnit[]): SourceUnit[] {
  const bodies = (units: readonly SourceUnit[]) => {
    const out = new Map<string, string[]>();
    for (const u of units) if (u.kind === "statement") out.set(u.key, [...(out.get(u.key) ?? []), u.canonical]);
    return out;
  };
  const before = bodies(base);
  const after = bodies(head);
  const renamed = new Map<string, string>();
  for (const [key, body] of before) {
    if (after.has(key)) continue;
    const twin = [...after].find(([other, b]) => !before.has(other) && ![...renamed.values()].includes(other) && b.join("\n") === body.join("\n"));
    if (twin) renamed.set(key, twin[0]);
  }
  return base.map((u) => (u.kind === "statement" && renamed.has(u.key) ? { ...u, key: renamed.get(u.key)!, label: renamed.get(u.key)! } : u));
}

/**
 * A changed RunPython or RunSQL that runs what it ran (the same function body, the same SQL): "same", or "down"
 * when only its way back changed; "conditional" when the SQL it ran is one of several a helper may return.
 */
function runsAlike(change: UnitChange): "same" | "down" | "conditional" | undefined {
  const before = change.base?.runs;
  const after = change.head?.runs;
  if (!before?.forward || !after?.forward || before.forward.length !== 1) return undefined;
  const same = (a?: string[], b?: string[]) => a !== undefined && b !== undefined && a.join("\u0000") === b.join("\u0000");
  if (same(before.forward, after.forward)) return same(before.reverse, after.reverse) ? "same" : "down";
  return after.forward.length > 1 && after.forward.includes(before.forward[0]) ? "conditional" : undefined;
}

/**
 * RunPython and RunSQL operations written alike on both sides whose function runs what it ran once read as a linter's
 * rewrites leave it (python-units.ts: locals renamed, a model lookup nothing uses dropped), as pairs: what the adapter
 * modelled from them (the tables of the models it looks up) is judged by the function's statements instead.
 */
function unchangedRuns(base: readonly SourceUnit[] | undefined, head: readonly SourceUnit[] | undefined): UnitChange[] {
  const left = (base ?? []).filter((u) => u.kind === "operation" && u.runs);
  const out: UnitChange[] = [];
  for (const unit of (head ?? []).filter((u) => u.kind === "operation" && u.runs)) {
    const at = left.findIndex((b) => b.canonical === unit.canonical && runsAlike({ kind: "operation", base: b, head: unit }) === "same");
    if (at === -1) continue;
    out.push({ kind: "operation", base: left[at], head: unit });
    left.splice(at, 1);
  }
  return out;
}

/**
 * A function's own import, added or removed, whose names the other side binds to the same things at module level
 * (pretalx's imports hoisted out of RunPython functions, and moved back for a circular import): the function
 * resolves every name as before, so it runs the same code.
 */
function movedImport(change: UnitChange, moduleBinds: { base: ReadonlySet<string>; head: ReadonlySet<string> }): boolean {
  if (change.kind !== "statement") return false;
  const { base, head } = change;
  if ((base && !base.binds) || (head && !head.binds)) return false;
  const removedResolve = (base?.binds ?? []).every((b) => moduleBinds.head.has(b) || (head?.binds ?? []).includes(b));
  const addedResolve = (head?.binds ?? []).every((b) => moduleBinds.base.has(b) || (base?.binds ?? []).includes(b));
  return removedResolve && addedResolve;
}

/**
 * A statement of the up that was an `if` whose block always raised, now the same `if` (condition, elif and else
 * alike) with another block: databases that recorded the migration never took that block.
 */
function raisedBefore(change: UnitChange): boolean {
  const before = change.base?.raisingBranch;
  const after = change.head?.branch;
  return change.kind === "statement" && change.head?.side !== "down" && before !== undefined && after !== undefined && before.condition === after.condition && before.alternatives === after.alternatives;
}

/** Statements of the up that walk the same rows another way (source-units.ts `rows`): the same form, other text. */
function sameRows(change: UnitChange): boolean {
  const before = change.base?.rows;
  const after = change.head?.rows;
  return (change.kind === "statement" || change.kind === "code") && change.head?.side !== "down" && before !== undefined && after !== undefined && before.canonical === after.canonical && change.base!.canonical !== change.head!.canonical;
}

/** What a `sameRows` change swapped, for the message: "`.each` → `.find_each`", "adds `output_field=`". */
function rowsChange(change: UnitChange): string {
  const before = change.base!.rows!.how;
  const after = change.head!.rows!.how;
  const quote = (how: readonly string[]) => how.map((h) => `\`${h}\``).join(", ");
  const gone = before.filter((h) => !after.includes(h));
  const come = after.filter((h) => !before.includes(h));
  if (gone.length && come.length) return `${quote(gone)} → ${quote(come)}`;
  if (come.length) return `adds ${quote(come)}`;
  return gone.length ? `drops ${quote(gone)}` : "the same calls, written another way";
}

/** Statements of the up that differ only in `.using(<the migration's connection alias>)` calls (source-units.ts `connection`). */
function sameBesidesConnection(change: UnitChange): boolean {
  const before = change.base?.connection;
  const after = change.head?.connection;
  return change.kind === "statement" && change.head?.side !== "down" && before !== undefined && after !== undefined && before.canonical === after.canonical && change.base!.canonical !== change.head!.canonical;
}

/** What a `sameBesidesConnection` change did, for the message: "adds `.using(db_alias)`". */
function connectionChange(change: UnitChange): string {
  const before = change.base!.connection!.using;
  const after = change.head!.connection!.using;
  const quote = (using: readonly string[]) => [...new Set(using)].map((u) => `\`${u}\``).join(", ");
  if (after.length > before.length) return `adds ${quote(after)}`;
  if (before.length > after.length) return `drops ${quote(before)}`;
  return `moves ${quote(after)}`;
}

/** Statements that differ only in the text of the exception messages they raise (source-units.ts `message`). */
function sameBesidesMessages(change: UnitChange): boolean {
  const before = change.base?.message;
  const after = change.head?.message;
  return before !== undefined && after !== undefined && before === after && change.base!.canonical !== change.head!.canonical;
}

/** Ruby statements that differ only in rescue chains that end the run all the same (source-units.ts `failure`). */
function sameBesidesFailurePath(change: UnitChange): boolean {
  const before = change.base?.failure;
  const after = change.head?.failure;
  return change.kind === "statement" && before !== undefined && after !== undefined && before === after && change.base!.canonical !== change.head!.canonical;
}

/**
 * Ruby statements that differ only in code that runs nothing (source-units.ts `discarded`), or a statement added or
 * removed that is such code: the same calls and assignments run in the same order.
 */
function sameBesidesDiscarded(change: UnitChange): boolean {
  if (change.kind !== "statement") return false;
  const form = (u: SourceUnit | undefined) => (u === undefined ? "" : u.discarded);
  const before = form(change.base);
  const after = form(change.head);
  return before !== undefined && before === after && change.base?.canonical !== change.head?.canonical;
}

/** Every constant the units read (Ruby). */
const constantsRead = (units: readonly SourceUnit[]) => new Set(units.flatMap((u) => u.constantReads ?? []));

/**
 * A Ruby constant holding only literal values that the edit added where the base version read no constant of that
 * name, or removed where the head reads none: defining it runs nothing, and no code that ran before reads it (the
 * code that reads it now is a change of its own). Its name; undefined for any other change.
 */
function unreadLiteralConstant(change: UnitChange, reads: { base: ReadonlySet<string>; head: ReadonlySet<string> }): string | undefined {
  if (change.head && !change.base && change.head.literalConstant && !reads.base.has(change.head.literalConstant)) return change.head.literalConstant;
  if (change.base && !change.head && change.base.literalConstant && !reads.head.has(change.base.literalConstant)) return change.base.literalConstant;
  return undefined;
}

/**
 * An operation change Django applies to its model state only: added, removed or changed among the operations a
 * SeparateDatabaseAndState's `state_operations` names (source-units.ts `stateOnly`), or the same operation
 * whose inline state_operations alone differ (`stateless` alike).
 */
function stateOnlyChange(change: UnitChange): boolean {
  const { base, head } = change;
  if ((base ?? head)!.stateOnly && (base?.stateOnly ?? true) && (head?.stateOnly ?? true)) return true;
  return base?.stateless !== undefined && base.stateless === head?.stateless;
}

/** Statements that differ only in calls that reach nothing in the database (`f.close()` added). */
const sameSubstance = (change: UnitChange): boolean => {
  const substance = (u: SourceUnit | undefined) => (u === undefined ? "" : u.substance);
  return change.kind === "statement" && substance(change.head) !== undefined && substance(change.head) === substance(change.base);
};

function judgeUnit(change: UnitChange, ctx: UnitContext): void {
  const unit = (change.head ?? change.base)!;
  const loc = change.head?.loc ?? { line: 1, endLine: 1 };
  if (change.ignoredOnly) {
    change.ignoredOnly.forEach((o) => ctx.options.add(o));
    ctx.add("ignored-options", `${unit.label} (${change.ignoredOnly.join(", ")})`, loc);
    return;
  }
  if (change.annotationsOnly) {
    ctx.add("annotations", unit.label, loc);
    return;
  }
  if (unit.wrapper) {
    ctx.add("regrouped", unit.label, loc);
    return;
  }
  switch (change.kind) {
    case "import":
      ctx.add("imports", unit.label, loc);
      return;
    case "setting":
      // the transaction mode shows in the model (atomic, disable_ddl_transaction!); `initial` only guides makemigrations
      if (unit.key === "atomic" || unit.key === "disable_ddl_transaction!" || unit.key === "initial") ctx.add("comments", unit.label, loc);
      // dependencies, replaces, run_before, Alembic revision ids: where the migration sits in the graph
      else if (GRAPH_SETTINGS.has(unit.key)) ctx.add("graph", unit.label, loc);
      else ctx.add("unmodelled", unit.label, loc);
      return;
    case "operation":
      if (change.optionsOnly) {
        change.optionsOnly.forEach((o) => ctx.options.add(o));
        ctx.add("python-options", `${unit.label} (${change.optionsOnly.join(", ")})`, loc);
      } else if (unit.call && PYTHON_ONLY_OPERATIONS.has(unit.call)) ctx.add("python-options", unit.label, loc);
      // an operation of a SeparateDatabaseAndState's state_operations, or only those lists changed: Django's state alone
      else if (stateOnlyChange(change)) ctx.add("state", unit.label, loc);
      else if (runsAlike(change)) {
        const alike = runsAlike(change)!;
        ctx.add(alike === "same" ? "comments" : alike, alike === "down" ? `${unit.label}'s reverse` : unit.label, loc);
      }
      else if (unit.call === "RunPython") ctx.add("data", unit.label, loc);
      else if (!ctx.schemaChanged) ctx.add("unmodelled", unit.label, loc);
      return;
    case "statement":
    case "code":
      // a model class added to pin the model the migration's code uses: the same tables, the same rows
      if (change.base === undefined && change.head?.stub) ctx.add("stub", change.head.stub, loc);
      else if (unit.side === "down") ctx.add("down", unit.label, loc);
      // added, removed or changed code that names nothing reaching the database (`f.close()`)
      else if (sameSubstance(change)) ctx.add("comments", unit.label, loc);
      else if (sameRows(change)) ctx.add("rows", rowsChange(change), loc);
      else if (sameBesidesConnection(change)) ctx.add("connection", connectionChange(change), loc);
      // a rescue that may let the run go on decides whether a failing operation stops the migration: not grouping
      else if (ctx.regrouped && !unit.flow && !change.base?.recovers && !change.head?.recovers && aroundSchemaOperation(change, ctx)) ctx.add("regrouped", unit.label, loc);
      else if (unit.flow || aroundSchemaOperation(change, ctx)) {
        if (!ctx.schemaChanged) ctx.add("unmodelled", unit.label, loc);
      } else {
        const swapped = swappedCallees(change);
        swapped?.forEach((s) => ctx.swaps.add(s));
        ctx.add(swapped ? "calls" : "data", unit.label, loc);
      }
      return;
  }
}
