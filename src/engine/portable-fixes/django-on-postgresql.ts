/**
 * A Django fix in PostgreSQL's own terms, made to run on every database the project supports (pretalx: PostgreSQL
 * and SQLite): each PostgreSQL-only operation goes behind `OnPostgreSQL` (on-postgresql-class.ts), which gives the
 * other databases the plain operation. Read with tree-sitter's Python grammar; edits are made at the nodes' places.
 *   - django.contrib.postgres.operations (AddIndexConcurrently, AddConstraintNotValid, ...): its import goes (it
 *     needs psycopg); the call becomes `OnPostgreSQL("AddIndexConcurrently", [migrations.AddIndex(...)])`
 *   - SeparateDatabaseAndState whose database side is PostgreSQL's SQL: the others run its state operations
 *   - RunSQL elsewhere (PostgreSQL's SQL, no state): the others skip it
 *   - a function of a RunPython that sends SQL through a cursor: the others return before it
 */
import { callParts } from "../adapters/python/nodes.js";
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { ON_POSTGRESQL_CLASS } from "./on-postgresql-class.js";
import { applyEdits, type Edit } from "./text-edits.js";

/** contrib.postgres operations whose plain counterpart (same arguments) the other databases run. */
const PLAIN: Record<string, string> = {
  AddIndexConcurrently: "migrations.AddIndex",
  RemoveIndexConcurrently: "migrations.RemoveIndex",
  AddConstraintNotValid: "migrations.AddConstraint",
};

const calleeOf = (call: PyNode) => call.childForFieldName("function")?.text ?? "";
const argumentsOf = (call: PyNode) => {
  const args = call.childForFieldName("arguments");
  return args ? args.text.slice(1, -1).trim().replace(/,$/, "") : "";
};
const keyword = (call: PyNode, name: string) => callParts(call)?.keywords.get(name);
const isMigrationsCall = (call: PyNode, name: string) => calleeOf(call) === `migrations.${name}` || calleeOf(call) === name;

/** The start of the line a node starts on (edits that insert or delete whole lines keep the layout). */
const lineStart = (text: string, index: number) => text.lastIndexOf("\n", index - 1) + 1;

/**
 * `original`: the flagged operation as written, which the other databases run where the fix puts a constraint
 * only PostgreSQL's way needs (without it, such a fix cannot be guarded: undefined).
 */
export function djangoOnPostgresql(fix: string, original?: string): string | undefined {
  return withPythonTree(fix, (root) => {
    const edits: Edit[] = [];
    const wrapped: Array<[number, number]> = [];
    const inside = (node: PyNode) => wrapped.some(([s, e]) => node.startIndex >= s && node.endIndex <= e);
    const wrap = (node: PyNode, text: string) => {
      edits.push({ start: node.startIndex, end: node.endIndex, text });
      wrapped.push([node.startIndex, node.endIndex]);
    };

    // django.contrib.postgres.operations: the import goes, each of its operations is built on PostgreSQL only
    const postgresNames = new Set<string>();
    for (const statement of root.descendantsOfType("import_from_statement")) {
      if (!statement || statement.childForFieldName("module_name")?.text !== "django.contrib.postgres.operations") continue;
      for (const name of statement.childrenForFieldName("name")) if (name) postgresNames.add(name.type === "aliased_import" ? name.childForFieldName("alias")!.text : name.text);
      const start = lineStart(fix, statement.startIndex);
      const end = fix.indexOf("\n", statement.endIndex);
      edits.push({ start, end: end === -1 ? fix.length : end + 1, text: "" });
    }
    const calls = root.descendantsOfType("call").filter((c): c is PyNode => c !== null);
    // a constraint added NOT VALID that the fix removes again (set-not-null's CHECK (col IS NOT NULL)) serves
    // PostgreSQL's way only: the others keep it in the state alone (SQLite would check the rows it exists to skip)
    const removed = new Set(calls.filter((c) => isMigrationsCall(c, "RemoveConstraint")).map((c) => keyword(c, "name")?.text));
    const temporary = (call: PyNode) => removed.has(keyword(call, "constraint")?.descendantsOfType("keyword_argument").find((k) => k?.childForFieldName("name")?.text === "name")?.childForFieldName("value")?.text);
    for (const call of calls) {
      const name = calleeOf(call);
      if (!postgresNames.has(name) || inside(call)) continue;
      const plain = PLAIN[name];
      // there the others run the flagged operation itself (an AlterField to NOT NULL fills NULL rows with its default):
      // a state-only CHECK would be made real by SQLite's next table rebuild while NULL rows are still there
      if (plain && name === "AddConstraintNotValid" && temporary(call)) {
        if (!original) return undefined;
        wrap(call, `OnPostgreSQL("${name}", [${original}], state=[${plain}(${argumentsOf(call)})])`);
      }
      else wrap(call, plain ? `OnPostgreSQL("${name}", [${plain}(${argumentsOf(call)})])` : `OnPostgreSQL("${name}", ${argumentsOf(call)})`);
    }
    const hasTemporary = calls.some((c) => calleeOf(c) === "AddConstraintNotValid" && temporary(c));
    for (const call of calls) if (hasTemporary && isMigrationsCall(call, "RemoveConstraint") && removed.has(keyword(call, "name")?.text)) wrap(call, `OnPostgreSQL(state=[${call.text}])`);
    // SeparateDatabaseAndState with PostgreSQL's SQL: the others make its state real as Django would
    for (const call of calls) {
      if (!isMigrationsCall(call, "SeparateDatabaseAndState") || inside(call)) continue;
      const database = keyword(call, "database_operations");
      if (!database?.descendantsOfType("call").some((c) => c && isMigrationsCall(c, "RunSQL"))) continue;
      const state = keyword(call, "state_operations");
      const others = state?.type === "list" ? state.namedChildren.filter((c) => c && c.type !== "comment").map((c) => c!.text) : [];
      wrap(call, `OnPostgreSQL(${call.text}, [${others.join(", ")}])`);
    }
    for (const call of calls) if (isMigrationsCall(call, "RunSQL") && !inside(call)) wrap(call, `OnPostgreSQL(${call.text})`);
    // RunPython functions that send PostgreSQL's SQL through a cursor: the other databases return first
    for (const def of root.descendantsOfType("function_definition")) {
      const parameters = def?.childForFieldName("parameters")?.namedChildren ?? [];
      const body = def?.childForFieldName("body");
      if (!def || parameters.length !== 2 || !body) continue;
      const sendsSql = body.descendantsOfType("call").some((c) => c?.childForFieldName("function")?.type === "attribute" && c.childForFieldName("function")!.childForFieldName("attribute")?.text === "execute");
      if (!sendsSql) continue;
      const editor = parameters[1]!.text;
      const indent = " ".repeat(body.startPosition.column);
      const at = lineStart(fix, body.startIndex);
      edits.push({ start: at, end: at, text: `${indent}if ${editor}.connection.vendor != "postgresql":\n${indent}    return  # the SQL below is PostgreSQL's; the other databases skip it\n` });
    }
    if (!edits.some((e) => e.text.startsWith("OnPostgreSQL("))) return applyEdits(fix, edits);
    return withHelper(root, fix, edits);
  });
}

/**
 * The OnPostgreSQL class where the fix's code can see it: before `class Migration` in each migration file of the fix
 * that uses it, and above operations shown bare (for the migration as written) with a comment saying where it goes.
 */
function withHelper(root: PyNode, fix: string, edits: Edit[]): string {
  const uses = edits.filter((e) => e.text.startsWith("OnPostgreSQL(")).map((e) => e.start);
  const statements = root.namedChildren.filter((n): n is PyNode => n !== null);
  const helper = `${ON_POSTGRESQL_CLASS}\n\n`;
  const bare = (from: number, to: number) => {
    const first = uses.filter((u) => u >= from && u < to).sort((a, b) => a - b)[0];
    if (first === undefined) return;
    const at = statements.find((s) => s.startIndex <= first && first < s.endIndex)?.startIndex ?? first;
    edits.push({ start: lineStart(fix, at), end: lineStart(fix, at), text: `# in the migration file, before its operations (beside \`from django.db import migrations\`):\n${helper}` });
  };
  let from = 0;
  for (const migration of statements.filter((s) => s.type === "class_definition" && s.childForFieldName("name")?.text === "Migration")) {
    // the migration file starts at its first import after the previous one's class
    // (operations shown bare for the migration as written come before it: top-level expressions, not a file's statements)
    const before = statements.filter((s) => s.startIndex >= from && s.startIndex < migration.startIndex);
    const lastBare = before.findLastIndex((s) => s.type === "expression_statement" && s.namedChildren[0]?.type !== "string");
    const fileStart = before.slice(lastBare + 1).find((s) => s.type === "import_statement" || s.type === "import_from_statement")?.startIndex ?? migration.startIndex;
    bare(from, fileStart);
    if (uses.some((u) => u >= fileStart && u < migration.endIndex)) edits.push({ start: lineStart(fix, migration.startIndex), end: lineStart(fix, migration.startIndex), text: helper });
    from = migration.endIndex;
  }
  bare(from, fix.length);
  return applyEdits(fix, edits);
}
