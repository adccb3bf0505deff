/**
 * Conditions on the project's settings that env.py ties to the database. letta's env.py sets a SQLite URL exactly
 * when `settings.database_engine is DatabaseChoice.POSTGRES` is false, and its Settings class computes that property
 * as `DatabaseChoice.POSTGRES if self.letta_pg_uri_no_default else DatabaseChoice.SQLITE`: where the revisions run on
 * PostgreSQL, `settings.letta_pg_uri_no_default` is truthy, so a revision's `if settings.letta_pg_uri_no_default:
 * return` (a SQLite-only baseline) ends there, and `if not settings.letta_pg_uri_no_default: return` does not.
 *
 * Only what the text proves is kept: an `if`/`else` of env.py's module level whose one branch gives
 * `sqlalchemy.url` a URL that starts with `sqlite` and whose other branch gives it another, no other place setting
 * the URL or making an engine of its own; a property of the settings object's class that returns one of two
 * members of one Enum (literal, distinct values) by `self.<field>`. The revision and env.py read one object (the
 * same qualified name, imported from the project), whose fields the migrations do not change. Anything else
 * (a URL from an environment variable, a property with more code) decides nothing: the revision is read whole.
 */
import { qualifiedName, type Imports } from "./imports.js";
import { readModule, type PyModule } from "./module.js";
import { statementsOf, unparen } from "./nodes.js";
import { withPythonTree, type PyNode } from "./parser.js";
import type { ProjectModules } from "./project-modules.js";
import { asString, evaluate } from "./values.js";

/** How sure a name or comparison is on PostgreSQL: the value of its truth. */
type Facts = { truthy: Map<string, boolean>; equal: Map<string, boolean> };

const equalKey = (a: string, b: string) => (a < b ? `${a}\0${b}` : `${b}\0${a}`);
const EQUAL = new Set(["==", "is"]);
const UNEQUAL = new Set(["!=", "is not"]);

/**
 * A comparison's truth from whether its two sides are equal (`value`), or the other way round: `==` / `is` keep
 * `value`, `!=` / `is not` turn it over; undefined for any other operator (`<`, `in`).
 */
function comparisonEquality(comparison: PyNode, value: boolean): boolean | undefined {
  const operator = comparison.childrenForFieldName("operators").map((o) => o.text).join(" ");
  return EQUAL.has(operator) ? value : UNEQUAL.has(operator) ? !value : undefined;
}

export class SettingsDialect {
  private constructor(private readonly facts: Facts) {}

  /** What env.py (`env`) proves of the project's settings on PostgreSQL; undefined when it proves nothing. */
  static read(env: { path: string; content: string }, modules: ProjectModules | undefined): SettingsDialect | undefined {
    const facts: Facts = { truthy: new Map(), equal: new Map() };
    withPythonTree(env.content, (root) => {
      const module = readModule(root, env.content);
      const decided = sqliteBranchCondition(root, module.imports);
      if (decided) learn(decided.condition, decided.onPostgres, module.imports, facts, (qualified, member, equal) => expandProperty(qualified, member, equal, env.path, modules, facts));
    });
    return facts.truthy.size || facts.equal.size ? new SettingsDialect(facts) : undefined;
  }

  /**
   * The value on PostgreSQL of a name (`settings.letta_pg_uri_no_default`) or a comparison of two names
   * (`settings.database_engine == DatabaseChoice.POSTGRES`) the facts decide; `qualify` gives a name's qualified
   * form as the revision imports it (undefined for a name it binds itself).
   */
  decide(node: PyNode, qualify: (node: PyNode) => string | undefined): boolean | undefined {
    const n = unparen(node);
    if (n.type === "identifier" || n.type === "attribute") {
      const name = qualify(n);
      return name === undefined ? undefined : this.facts.truthy.get(name);
    }
    if (n.type !== "comparison_operator" || n.namedChildren.length !== 2) return undefined;
    const [a, b] = n.namedChildren.map((o) => (o.type === "identifier" || o.type === "attribute" ? qualify(o) : undefined));
    const equal = a !== undefined && b !== undefined ? this.facts.equal.get(equalKey(a, b)) : undefined;
    return equal === undefined ? undefined : comparisonEquality(n, equal);
  }
}

/** `X.set_main_option("sqlalchemy.url", url)`: the URL's node, or undefined for any other call (null: not written). */
function urlSet(call: PyNode, imports: Imports): PyNode | null | undefined {
  const value = evaluate(call, { imports });
  if (value.kind !== "call" || !/(?:^|\.)set_main_option$/.test(value.callee) || asString(value.args[0]) !== "sqlalchemy.url") return undefined;
  const args = call.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
  return args[1]?.type === "keyword_argument" ? (args[1].childForFieldName("value") ?? null) : (args[1] ?? null);
}

/** A URL whose text starts with `sqlite`: a string, or one with more added (`"sqlite:///" + path`, `"sqlite:///%s" % path`). */
function isSqliteUrl(url: PyNode | null, imports: Imports): boolean {
  if (!url) return false;
  let n = unparen(url);
  while (n.type === "binary_operator" && ["+", "%"].includes(n.childForFieldName("operator")?.text ?? "")) n = unparen(n.childForFieldName("left") ?? n);
  const value = n.type === "string" || n.type === "concatenated_string" ? evaluate(n, { imports }) : undefined;
  return value?.kind === "str" && !value.unresolved && /^sqlite/i.test(value.value);
}

/**
 * The module-level `if C:` / `else:` of env.py that picks a SQLite URL in one branch and another URL in the other,
 * with the value C has where the revisions run on PostgreSQL; undefined when the URL is set anywhere else too, or
 * an engine is made from something other than Alembic's config (that engine, not the URL, would decide).
 */
function sqliteBranchCondition(root: PyNode, imports: Imports): { condition: PyNode; onPostgres: boolean } | undefined {
  const calls = root.descendantsOfType("call");
  const setters = calls.filter((c) => urlSet(c, imports) !== undefined);
  // create_engine(url) bypasses sqlalchemy.url; engine_from_config(config.get_section(...)) reads it
  if (calls.some((c) => /(?:^|\.)create_engine$/.test(c.childForFieldName("function")?.text ?? ""))) return undefined;
  for (const statement of root.namedChildren) {
    if (statement.type !== "if_statement") continue;
    const alternatives = statement.childrenForFieldName("alternative");
    if (alternatives.length !== 1 || alternatives[0].type !== "else_clause") continue;
    const condition = statement.childForFieldName("condition");
    const branches = [statement.childForFieldName("consequence"), alternatives[0].childForFieldName("body") ?? alternatives[0].namedChildren.find((c) => c.type === "block") ?? null];
    const inBranch = branches.map((b) => (b ? setters.filter((s) => s.startIndex >= b.startIndex && s.endIndex <= b.endIndex) : []));
    if (!condition || inBranch.some((s) => s.length === 0) || inBranch[0].length + inBranch[1].length !== setters.length) continue;
    const sqlite = inBranch.map((setters) => setters.map((s) => isSqliteUrl(urlSet(s, imports)!, imports)));
    // one branch only SQLite URLs, the other none: on PostgreSQL the other branch ran
    if (sqlite[0].every(Boolean) && !sqlite[1].some(Boolean)) return { condition, onPostgres: false };
    if (sqlite[1].every(Boolean) && !sqlite[0].some(Boolean)) return { condition, onPostgres: true };
  }
  return undefined;
}

/** Records what `condition` having `value` tells: its names' truth, its comparisons, and through `expand` a property's. */
function learn(condition: PyNode, value: boolean, imports: Imports, facts: Facts, expand: (qualified: string, member: string, equal: boolean) => void): void {
  const n = unparen(condition);
  if (n.type === "not_operator") {
    const inner = n.childForFieldName("argument");
    if (inner) learn(inner, !value, imports, facts, expand);
    return;
  }
  if (n.type === "boolean_operator") {
    // `a and b` true: both are; `a or b` false: neither is
    const operator = n.childForFieldName("operator")?.text;
    if ((operator === "and" && value) || (operator === "or" && !value))
      for (const side of [n.childForFieldName("left"), n.childForFieldName("right")]) if (side) learn(side, value, imports, facts, expand);
    return;
  }
  if (n.type === "identifier" || n.type === "attribute") {
    const name = qualifiedName(n, imports);
    if (name) facts.truthy.set(name, value);
    return;
  }
  if (n.type !== "comparison_operator" || n.namedChildren.length !== 2) return;
  const equal = comparisonEquality(n, value);
  const [a, b] = n.namedChildren.map((o) => qualifiedName(o, imports));
  if (equal === undefined || !a || !b) return;
  facts.equal.set(equalKey(a, b), equal);
  expand(a, b, equal);
  expand(b, a, equal);
}

/**
 * `qualified` (`letta.settings.settings.database_engine`) is a property of a project object's class that returns
 * `member` or another member of its Enum by one field: what `qualified == member` being `equal` tells of that field.
 */
function expandProperty(qualified: string, member: string, equal: boolean, from: string, modules: ProjectModules | undefined, facts: Facts): void {
  const parts = qualified.split(".");
  if (!modules || parts.length < 3) return;
  const [instance, property] = parts.slice(-2);
  const dotted = parts.slice(0, -2).join(".");
  const file = modules.moduleFile(dotted, from);
  if (!file) return;
  withPythonTree(file.content, (root) => {
    const module = readModule(root, file.content);
    const local = (node: PyNode) => {
      const name = qualifiedName(node, module.imports);
      if (!name) return undefined;
      const head = name.split(".")[0];
      return module.imports.lookup(head) === undefined ? `${dotted}.${name}` : name;
    };
    const made = module.bindings.get(instance);
    const cls = made?.kind === "call" ? module.classes.get(made.callee) : undefined;
    const body = cls ? propertyReturn(cls, property) : undefined;
    if (!body) return;
    const [first, test, second] = body.namedChildren;
    const members = [first, second].map(local);
    if (!members[0] || !members[1] || !enumMembersDiffer(members[0], members[1], dotted, module)) return;
    const returnsFirst = members[0] === member ? equal : members[1] === member ? !equal : undefined;
    if (returnsFirst === undefined) return;
    // `self.<field>` (or `not self.<field>`): the field of the same object the revision reads
    let field = unparen(test);
    let truth = returnsFirst;
    if (field.type === "not_operator") {
      truth = !truth;
      field = unparen(field.childForFieldName("argument") ?? field);
    }
    const self = field.type === "attribute" ? field.childForFieldName("object") : null;
    const name = field.childForFieldName("attribute")?.text;
    if (self?.type === "identifier" && self.text === "self" && name) facts.truthy.set(`${dotted}.${instance}.${name}`, truth);
  });
}

/** The `A if C else B` a `@property` named `name` of `cls` returns, when its body is that one return (a docstring aside). */
function propertyReturn(cls: PyNode, name: string): PyNode | undefined {
  for (const statement of statementsOf(cls.childForFieldName("body"))) {
    if (statement.type !== "decorated_definition") continue;
    const def = statement.childForFieldName("definition");
    if (def?.childForFieldName("name")?.text !== name) continue;
    if (!statement.namedChildren.some((d) => d.type === "decorator" && d.text === "@property")) return undefined;
    const body = statementsOf(def.childForFieldName("body")).filter((s) => !(s.type === "expression_statement" && s.namedChildren[0]?.type === "string"));
    const value = body.length === 1 && body[0].type === "return_statement" ? body[0].namedChildren[0] : undefined;
    return value?.type === "conditional_expression" ? value : undefined;
  }
  return undefined;
}

/** `a` and `b` are two members of one Enum class of the module, assigned distinct literal values. */
function enumMembersDiffer(a: string, b: string, dotted: string, module: PyModule): boolean {
  const [ca, ma] = [a.slice(0, a.lastIndexOf(".")), a.slice(a.lastIndexOf(".") + 1)];
  const [cb, mb] = [b.slice(0, b.lastIndexOf(".")), b.slice(b.lastIndexOf(".") + 1)];
  if (ca !== cb || ma === mb || !ca.startsWith(`${dotted}.`)) return false;
  const cls = module.classes.get(ca.slice(dotted.length + 1));
  const bases = cls?.childForFieldName("superclasses")?.namedChildren.map((s) => qualifiedName(s, module.imports)) ?? [];
  if (!cls || !bases.some((q) => q === "enum.Enum" || q === "enum.StrEnum" || q === "enum.IntEnum")) return false;
  const values = new Map<string, string>();
  for (const statement of statementsOf(cls.childForFieldName("body"))) {
    const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    const left = assignment?.type === "assignment" ? assignment.childForFieldName("left") : undefined;
    const right = assignment?.childForFieldName("right");
    if (left?.type !== "identifier" || !right) continue;
    const value = evaluate(right, { imports: module.imports });
    if (value.kind === "str" || value.kind === "num") values.set(left.text, `${value.kind}:${value.value}`);
  }
  const [va, vb] = [values.get(ma), values.get(mb)];
  return va !== undefined && vb !== undefined && va !== vb;
}

/** each analysis's project modules -> env.py path -> what it proves, read once (revisions share their env.py) */
const perModules = new WeakMap<ProjectModules, Map<string, SettingsDialect | undefined>>();

/** What `env` proves, read once per analysis; undefined when it proves nothing or cannot be read. */
export function settingsDialectFor(env: { path: string; content: string }, modules: ProjectModules | undefined): SettingsDialect | undefined {
  const read = () => {
    try {
      return SettingsDialect.read(env, modules);
    } catch {
      return undefined; // an env.py (or settings module) the grammar cannot read proves nothing
    }
  };
  if (!modules) return read();
  let known = perModules.get(modules);
  if (!known) perModules.set(modules, (known = new Map()));
  if (!known.has(env.path)) known.set(env.path, read());
  return known.get(env.path);
}
