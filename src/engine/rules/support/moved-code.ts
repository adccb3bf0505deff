/**
 * Code that moves out of a migration into a migration of its own, with what it needs to run there: a fix that
 * splits a migration must not lift a statement out of its loop, away from the connection it uses, or away from
 * the stub model class, constant or helper method the migration defines for it (a NameError at run time).
 *
 * The unit that moves is the statement of the migration's method (Rails `up`/`change`, Alembic `upgrade`) that
 * holds the operation, so a data step inside a `for` loop moves with its loop; for Django it is the element of
 * `operations`. What the moved statements read is found with the real grammars (Prism, tree-sitter Python) and
 * carried: locals assigned earlier in the same method, and the definitions of the class body (Ruby) or the module
 * (Python). When a name cannot be carried (a block parameter, a loop variable bound around the statement), the
 * answer says which, and the caller keeps the migration as it is.
 */
import { rubyReaders } from "../../adapters/rails/ruby-readers.js";
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import type { Migration, Operation, SourceRange } from "../../model.js";
import { freeNames } from "./python-free-names.js";
import { statementKey } from "./statement-key.js";

export interface MovedCode {
  /** the statements that move, as written, dedented, in their order */
  statements: string[];
  /** the lines those statements occupy in the migration (what migration 1 leaves out) */
  lines: SourceRange[];
  /** assignments of the enclosing method that the statements read (`conn = op.get_bind()`), dedented, in order */
  locals: string[];
  /** Python: the lines of those assignments in the migration (a value they compute before a statement that stays is computed after it once moved) */
  localLines?: SourceRange[];
  /** class-body (Ruby) or module (Python) definitions they read: imports, stub models, constants, helpers */
  definitions: string[];
  /** every operation of the moved statements: the ones asked for, and any other the same statements hold (a loop's) */
  ops: Operation[];
}

/** Why the code cannot move: the names it reads that nothing movable binds. */
export interface Unmovable {
  unbound: string[];
}

export const within = (range: SourceRange, inside: SourceRange) => range.line >= inside.line && range.endLine <= inside.endLine;
export const overlaps = (a: SourceRange, b: SourceRange) => a.line <= b.endLine && b.line <= a.endLine;

/** `text` starting at column `column` of its first line, with that much indentation taken off every line. */
export function dedentFrom(text: string, column: number): string {
  const [first, ...rest] = text.split("\n");
  return [first, ...rest.map((l) => l.slice(Math.min(column, l.length - l.trimStart().length)))].join("\n");
}

/**
 * The statements holding `ops` and what they read, or why they cannot move; undefined when the migration's source
 * is not there or does not parse, or when a statement that would move also holds an operation that stays.
 */
/**
 * `throughEnd`: the statements moved are the migration's last ones, so every statement after the first moved one goes
 * too (Django: the operations the model holds no operation for, pgtrigger's AddTrigger or an AlterField that changes
 * nothing in the database, would otherwise stay behind, in migration 1, ahead of the renames they follow).
 */
/**
 * `leaveStaying` (Rails): a statement between moved ones that holds only staying operations stays behind (see rubyMoved).
 */
export function movedCode(migration: Migration, ops: readonly Operation[], options: { throughEnd?: boolean; leaveStaying?: boolean } = {}): MovedCode | Unmovable | undefined {
  if (migration.source === undefined) return undefined;
  const staying = migration.up.filter((op) => !ops.includes(op));
  switch (migration.framework) {
    case "sql": {
      const lines = ops.map((op) => op.loc);
      // a statement sharing a line with one that stays cannot be cut out by lines
      if (lines.some((r) => staying.some((op) => overlaps(op.loc, r)))) return undefined;
      // one statement may stand for several operations (ALTER TABLE ... DROP COLUMN a, DROP COLUMN b): once each
      const statements = [...new Map(ops.map((op) => [statementKey(op), `${op.text.trim().replace(/;\s*$/, "")};`])).values()];
      return { statements, lines, locals: [], definitions: [], ops: [...ops] };
    }
    case "rails":
    case "django":
    case "alembic": {
      const found = migration.framework === "rails" ? rubyReaders().rubyMoved(migration.source, ops, staying, options.leaveStaying === true) : pythonMoved(migration.source, migration.framework, ops, staying, options.throughEnd === true);
      if (!found || !("lines" in found)) return found;
      const { reach, ...code } = found as Exclude<PythonMoved, Unmovable | undefined>;
      return { ...code, ops: opsIn(migration, [...code.lines, ...(reach ?? [])]) };
    }
  }
}

/**
 * Units (statements or list elements) from the first that holds one of the ops to the last, in source order (the
 * statements between them, `conn = op.get_bind()` say, move in their place); undefined when an op is in none.
 */
export function unitsHolding<T extends { range: SourceRange }>(units: readonly T[], ops: readonly Operation[]): T[] | undefined {
  const holds = (u: T) => ops.some((op) => overlaps(op.loc, u.range));
  const first = units.findIndex(holds);
  const last = units.length - 1 - [...units].reverse().findIndex(holds);
  if (first < 0) return undefined;
  const picked = units.slice(first, last + 1);
  if (ops.some((op) => !picked.some((u) => within(op.loc, u.range)))) return undefined;
  return picked;
}

/**
 * An earlier statement that can run again in the new migration: it holds no operation, or only ones the model could
 * not interpret that change nothing by themselves (an SQLAlchemy `table(...)` object, a value read), or reads of rows
 * (`crp = bind.execute(sa.select(t))`).
 */
export const repeatable = (range: SourceRange, staying: readonly Operation[]) =>
  staying.every((op) => !overlaps(op.loc, range) || (op.kind === "raw" && !op.opaque && !op.rewritesTable && op.table === undefined) || (op.kind === "data_migration" && op.readOnly === true));

/** The migration's operations the moved units hold. */
const opsIn = (migration: Migration, ranges: readonly SourceRange[]) => migration.up.filter((op) => ranges.some((r) => overlaps(op.loc, r)));

// ---------------------------------------------------------------------------------------------- Python

const rangeOf = (node: PyNode): SourceRange => ({ line: node.startPosition.row + 1, endLine: node.endPosition.row + 1 });
const statementsOf = (block: PyNode | null | undefined): PyNode[] => (block?.namedChildren ?? []).filter((n): n is PyNode => n !== null && n.type !== "comment");
const unwrapDecorated = (node: PyNode): PyNode => (node.type === "decorated_definition" ? (node.childForFieldName("definition") ?? node) : node);

/** The names a top-level statement binds (a def's name, an import's names, an assignment's targets). */
function bindsOf(node: PyNode): string[] {
  const inner = unwrapDecorated(node);
  if (inner.type === "function_definition" || inner.type === "class_definition") return [inner.childForFieldName("name")?.text ?? ""];
  if (inner.type === "import_statement" || inner.type === "import_from_statement")
    return inner.namedChildren.flatMap((c) => {
      if (!c || c.type === "relative_import" || c === inner.childForFieldName("module_name")) return [];
      const alias = c.type === "aliased_import" ? c.childForFieldName("alias") : c;
      return alias ? [alias.text.split(".")[0]] : [];
    });
  if (inner.type === "expression_statement") {
    const assignment = inner.namedChildren[0];
    if (assignment?.type === "assignment") {
      const left = assignment.childForFieldName("left");
      const names: string[] = [];
      const collect = (n: PyNode) => {
        if (n.type === "identifier") names.push(n.text);
        else for (const c of n.namedChildren) if (c && ["pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "identifier"].includes(c.type)) collect(c);
      };
      if (left) collect(left);
      return names;
    }
  }
  return [];
}

/** The names a top-level statement reads when it runs or is called (a def's body, minus its parameters). */
function readsOf(node: PyNode): string[] {
  const inner = unwrapDecorated(node);
  if (inner.type === "function_definition") {
    const params = new Set<string>();
    const walk = (n: PyNode) => {
      if (n.type === "identifier") params.add(n.text);
      else for (const c of n.namedChildren) if (c && c.type !== "default_parameter" && c.type !== "typed_default_parameter") walk(c);
      for (const c of n.namedChildren) if (c && (c.type === "default_parameter" || c.type === "typed_default_parameter")) { const name = c.childForFieldName("name"); if (name) params.add(name.text); }
    };
    const parameters = inner.childForFieldName("parameters");
    if (parameters) walk(parameters);
    const body = inner.childForFieldName("body");
    const decorators = node.type === "decorated_definition" ? node.namedChildren.filter((c) => c?.type === "decorator").map((c) => c!.text.replace(/^@/, "")) : [];
    // a parameter's annotation and default value, and the return annotation, are evaluated when the def runs
    const signature = [
      ...(parameters?.namedChildren ?? []).flatMap((p) => (p ? [p.childForFieldName("type"), p.childForFieldName("value")] : [])),
      inner.childForFieldName("return_type"),
    ].filter((n): n is PyNode => !!n);
    const read = [...(body ? (freeNames(dedentFrom(body.text, body.startPosition.column)) ?? []) : []), ...decorators.flatMap((d) => freeNames(d) ?? [])];
    return [...read.filter((n) => !params.has(n)), ...signature.flatMap((n) => freeNames(n.text) ?? [])];
  }
  if (inner.type === "class_definition") return classReads(node, inner);
  return freeNames(dedentFrom(node.text, node.startPosition.column)) ?? [];
}

/**
 * What a class reads: its bases and decorators, its body (run when the class is defined: `sa.Column(...)`,
 * `UUIDType(...)` of a stub model), and its methods' bodies. Read as a whole, the class binds only its own name, so
 * a stub model moved into another revision would leave its base (`base`, `BaseMixin`) and `sa` behind.
 */
function classReads(node: PyNode, inner: PyNode): string[] {
  const decorators = node.type === "decorated_definition" ? node.namedChildren.filter((c) => c?.type === "decorator").map((c) => c!.text.replace(/^@/, "")) : [];
  const bases = inner.childForFieldName("superclasses");
  const body = statementsOf(inner.childForFieldName("body"));
  const isDef = (n: PyNode) => ["function_definition", "class_definition"].includes(unwrapDecorated(n).type);
  // the body's plain statements as one piece: a name one binds (`name = ...`) is bound for the next
  const plain = body.filter((n) => !isDef(n)).map((n) => dedentFrom(n.text, n.startPosition.column)).join("\n");
  return [
    // read as a call, so a keyword (`metaclass=...`) parses too; `object` is a builtin
    ...(bases ? (freeNames(`object${bases.text}`) ?? []) : []),
    ...decorators.flatMap((d) => freeNames(d) ?? []),
    ...(plain ? (freeNames(plain) ?? []) : []),
    ...body.filter(isDef).flatMap(readsOf),
  ];
}

/**
 * The local a statement changes in place without binding it: `meta.reflect(bind=bind)`, `meta.bind = bind`,
 * `rows.append(x)` (a method called on it, an attribute or item set on it), when it is one of `locals`.
 */
function mutatedLocal(node: PyNode, locals: ReadonlySet<string>): string | undefined {
  if (node.type !== "expression_statement") return undefined;
  const expr = node.namedChildren[0];
  let target = expr?.type === "call" ? expr.childForFieldName("function") : expr?.type === "assignment" || expr?.type === "augmented_assignment" ? expr.childForFieldName("left") : undefined;
  if (!target || (target.type !== "attribute" && target.type !== "subscript")) return undefined;
  while (target && (target.type === "attribute" || target.type === "subscript")) target = target.childForFieldName(target.type === "attribute" ? "object" : "value");
  return target?.type === "identifier" && locals.has(target.text) ? target.text : undefined;
}

/**
 * Statements of `pool` binding the names `wanted` needs (or changing them in place: `mutates`), closed over what they
 * read in turn, in source order.
 */
function closure(pool: readonly PyNode[], wanted: Iterable<string>, skip: (node: PyNode) => boolean, mutates?: (node: PyNode) => string | undefined): { nodes: PyNode[]; missing: string[] } {
  const taken = new Set<PyNode>();
  const missing = new Set<string>();
  const queue = [...wanted];
  const seen = new Set<string>();
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const binders = pool.filter((n) => !skip(n) && bindsOf(n).includes(name));
    if (binders.length === 0) missing.add(name);
    else if (mutates) binders.push(...pool.filter((n) => !binders.includes(n) && mutates(n) === name));
    for (const b of binders) {
      if (taken.has(b)) continue;
      taken.add(b);
      queue.push(...readsOf(b));
    }
  }
  return { nodes: pool.filter((n) => taken.has(n)), missing: [...missing] };
}

/** Python names every module has without defining them. */
const PYTHON_BUILTINS = new Set([
  "True", "False", "None", "print", "len", "range", "str", "int", "float", "bool", "dict", "list", "set", "tuple", "enumerate", "zip",
  "min", "max", "sorted", "reversed", "isinstance", "getattr", "setattr", "hasattr", "any", "all", "sum", "map", "filter", "iter", "next",
  "Exception", "ValueError", "KeyError", "TypeError", "RuntimeError", "object", "super", "repr", "round", "abs", "open", "format", "bytes", "id",
  "type", "frozenset", "issubclass", "callable", "chr", "ord", "divmod", "AttributeError", "IndexError", "LookupError", "NotImplementedError",
  // the module's own attributes: the new file has them too (`logger = logging.getLogger(__name__)` moves as written)
  "__name__", "__file__", "__doc__", "__package__", "__spec__",
]);

/** Alembic's module-level names that describe the revision itself: never carried into another revision. */
const REVISION_NAMES = new Set(["revision", "down_revision", "branch_labels", "depends_on"]);

/** What moves, plus (Alembic) the lines of the helpers the moved statements call, whose operations move with them. */
type PythonMoved = (Omit<MovedCode, "ops"> & { reach?: SourceRange[] }) | Unmovable | undefined;

function pythonMoved(source: string, framework: "django" | "alembic", ops: readonly Operation[], staying: readonly Operation[], throughEnd = false): PythonMoved {
  return withPythonTree(source, (root): PythonMoved => {
    if (root.hasError) return undefined;
    const top = statementsOf(root);
    const isMigrationPart = (n: PyNode) => {
      const inner = unwrapDecorated(n);
      const name = inner.childForFieldName("name")?.text;
      if (inner.type === "class_definition" && name === "Migration") return true;
      if (inner.type === "function_definition" && (name === "upgrade" || name === "downgrade")) return true;
      return bindsOf(n).some((b) => REVISION_NAMES.has(b));
    };
    let units: Array<{ node: PyNode; range: SourceRange; reach?: SourceRange[] }>;
    let method: PyNode[] = [];
    if (framework === "django") {
      const list = djangoOperationsList(root);
      if (!list) return undefined;
      units = statementsOf(list).map((node) => ({ node, range: rangeOf(node) }));
    } else {
      const upgrade = top.map(unwrapDecorated).find((n) => n.type === "function_definition" && n.childForFieldName("name")?.text === "upgrade");
      method = statementsOf(upgrade?.childForFieldName("body"));
      // a statement of upgrade() that calls a helper of the module runs the operations in that helper's body
      // (the walker reports them at their lines there): the whole statement is what moves, never a line of the helper
      const helpers = helperFunctions(top, isMigrationPart);
      units = method.map((node) => ({ node, range: rangeOf(node), reach: [rangeOf(node), ...helpersCalled(node, helpers).map(rangeOf)] }));
    }
    const holding = framework === "alembic" ? unitsReaching(units, ops) : unitsHolding(units, ops);
    if (!holding) return undefined;
    const reached = throughEnd && framework === "django" ? units.slice(units.indexOf(holding[0])) : holding;
    const picked = framework === "alembic" ? [...reached, ...sessionEnds(units, reached, staying)] : reached;
    const statements = picked.map((u) => dedentFrom(u.node.text, u.node.startPosition.column));
    // read as one piece of code, so a name one moved statement binds (`conn = op.get_bind()`) is bound for the next
    const read = new Set(freeNames(statements.join("\n")) ?? []);
    // locals of upgrade() assigned before the first moved statement (the connection, a table object)
    const firstRow = Math.min(...picked.map((u) => u.range.line));
    const before = method.filter((n) => rangeOf(n).endLine < firstRow && repeatable(rangeOf(n), staying));
    const earlier = before.filter((n) => bindsOf(n).length > 0);
    // a local's state set by a later statement (`meta.reflect(bind=bind)` fills meta.tables): it moves with the local
    const locals = new Set(earlier.flatMap(bindsOf));
    const local = closure(before, read, () => false, (n) => mutatedLocal(n, locals));
    // Django: a function defined in the Migration class body (RunPython's, say) works as well at module level,
    // where the new file defines it (a name in a class body falls back to the module's)
    const migrationClass = top.map(unwrapDecorated).find((n) => n.type === "class_definition" && n.childForFieldName("name")?.text === "Migration");
    const members = framework === "django" ? statementsOf(migrationClass?.childForFieldName("body")).filter((n) => ["function_definition", "decorated_definition"].includes(n.type)) : [];
    const module = closure([...top, ...members].sort((a, b) => a.startIndex - b.startIndex), [...local.missing], isMigrationPart);
    // a name no statement of the module binds (a loop variable or a parameter of the code around the statement)
    // cannot move with it; Python's builtins are there in any module
    const unbound = module.missing.filter((n) => !PYTHON_BUILTINS.has(n));
    if (unbound.length) return { unbound };
    // a function or class only the moved code used leaves this file with it (a RunPython's function)
    const carried = new Set(module.nodes);
    const stayingUnits = units.filter((u) => !picked.includes(u)).map((u) => dedentFrom(u.node.text, u.node.startPosition.column));
    const otherTop = top.filter((n) => !carried.has(n) && !(framework === "django" && isMigrationPart(n)) && !(unwrapDecorated(n).type === "function_definition" && unwrapDecorated(n).childForFieldName("name")?.text === "upgrade"));
    const stillRead = new Set([...(freeNames(stayingUnits.join("\n")) ?? []), ...[...otherTop, ...members.filter((n) => !carried.has(n))].flatMap(readsOf)]);
    const dead = module.nodes.filter((n) => ["function_definition", "class_definition"].includes(unwrapDecorated(n).type) && bindsOf(n).every((name) => !stillRead.has(name)));
    return {
      statements,
      lines: [...picked.map((u) => u.range), ...dead.map(rangeOf)],
      locals: local.nodes.map((n) => dedentFrom(n.text, n.startPosition.column)),
      localLines: local.nodes.map(rangeOf),
      definitions: module.nodes.map((n) => dedentFrom(n.text, n.startPosition.column)),
      reach: picked.flatMap((u) => u.reach ?? []),
    };
  });
}

/**
 * Later statements of upgrade() that only end the moved code's ORM session (`session.commit()`, `.flush()`): the
 * data change's `session.merge(...)` writes nothing until then, so a revision without it would drop the work.
 */
function sessionEnds<T extends { node: PyNode; range: SourceRange }>(units: readonly T[], picked: readonly T[], staying: readonly Operation[]): T[] {
  const read = new Set(freeNames(picked.map((u) => dedentFrom(u.node.text, u.node.startPosition.column)).join("\n")) ?? []);
  const last = units.indexOf(picked[picked.length - 1]);
  return units.slice(last + 1).filter((u) => {
    const call = /^(\w+)\.(?:commit|flush)\(\)$/.exec(u.node.text.trim());
    return call !== null && read.has(call[1]) && repeatable(u.range, staying);
  });
}

/** The module's own functions by name (not upgrade / downgrade). */
function helperFunctions(top: readonly PyNode[], isMigrationPart: (n: PyNode) => boolean): Map<string, PyNode> {
  const helpers = new Map<string, PyNode>();
  for (const n of top) {
    const inner = unwrapDecorated(n);
    const name = inner.childForFieldName("name")?.text;
    if (inner.type === "function_definition" && name && !isMigrationPart(n)) helpers.set(name, n);
  }
  return helpers;
}

/** The helpers `node` calls by name, and the ones they call in turn. */
function helpersCalled(node: PyNode, helpers: ReadonlyMap<string, PyNode>): PyNode[] {
  const found = new Set<PyNode>();
  const visit = (n: PyNode) => {
    if (n.type === "call") {
      const fn = n.childForFieldName("function");
      const helper = fn?.type === "identifier" ? helpers.get(fn.text) : undefined;
      if (helper && !found.has(helper)) {
        found.add(helper);
        visit(helper);
      }
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(node);
  return [...found];
}

/** unitsHolding over what each unit runs: its own lines and the helpers it calls. */
function unitsReaching<T extends { range: SourceRange; reach?: SourceRange[] }>(units: readonly T[], ops: readonly Operation[]): T[] | undefined {
  const reachOf = (u: T) => u.reach ?? [u.range];
  const holds = (u: T) => ops.some((op) => reachOf(u).some((r) => overlaps(op.loc, r)));
  const first = units.findIndex(holds);
  if (first < 0) return undefined;
  const last = units.length - 1 - [...units].reverse().findIndex(holds);
  const picked = units.slice(first, last + 1);
  if (ops.some((op) => !picked.some((u) => reachOf(u).some((r) => within(op.loc, r))))) return undefined;
  return picked;
}

/** The list node of `operations = [...]` in `class Migration`. */
export function djangoOperationsList(root: PyNode): PyNode | undefined {
  for (const statement of statementsOf(root)) {
    const cls = unwrapDecorated(statement);
    if (cls.type !== "class_definition") continue;
    for (const member of statementsOf(cls.childForFieldName("body"))) {
      const assignment = member.type === "expression_statement" ? member.namedChildren[0] : undefined;
      if (assignment?.type !== "assignment" || assignment.childForFieldName("left")?.text !== "operations") continue;
      const right = assignment.childForFieldName("right");
      if (right?.type === "list") return right;
    }
  }
  return undefined;
}
