/**
 * The tables a RunPython function reads with SQL of its own: `cursor.execute(f"SELECT user_id, key FROM {table_name}")`,
 * with `table_name = "authtoken_token"` assigned once in the function (scancode.io's 0079 reads another app's tokens
 * into its own model this way, then drops their table). The SQL is parsed with libpg-query and each SELECT's FROM
 * tree read; SQL with a part that is not known when the file is read says nothing, unless that part only stands for
 * a value (a + concatenation or a format: embedded-sql.ts).
 */
import type { PyNode } from "./parser.js";
import type { Imports } from "./imports.js";
import { evaluate, type PyValue } from "./values.js";
import { parseStatements } from "../sql/pg-parser.js";
import { dropNames, relationsOf } from "../sql/pg-operations.js";
import { runTimeValuesAsParameters } from "./embedded-sql.js";

/** `name = "literal"` assigned exactly once in the body: what an f-string's `{name}` holds wherever it is read. */
function stringConstants(body: PyNode, imports: Imports): Map<string, PyValue> {
  const seen = new Map<string, number>();
  const values = new Map<string, PyValue>();
  for (const assignment of body.descendantsOfType("assignment")) {
    const left = assignment.childForFieldName("left");
    const right = assignment.childForFieldName("right");
    if (left?.type !== "identifier") continue;
    seen.set(left.text, (seen.get(left.text) ?? 0) + 1);
    const value = right ? evaluate(right, { imports }) : undefined;
    if (value?.kind === "str" && !value.unresolved) values.set(left.text, value);
  }
  for (const [name, count] of seen) if (count > 1) values.delete(name);
  return values;
}

/**
 * The tables the SELECTs of the function's own `execute(...)` calls read from (an INSERT's SELECT too) and those it
 * drops (`cursor.execute("DROP TABLE faq_faqentry")`: tournesol's backoffice 0014 drops the tables of the faq app it
 * replaces), each sorted.
 */
export function tablesOfSql(body: PyNode, imports: Imports): { reads: string[]; drops: string[] } {
  const calls = body.descendantsOfType("call").filter((call) => {
    const fn = call.childForFieldName("function");
    return fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "execute";
  });
  if (calls.length === 0) return { reads: [], drops: [] };
  const bindings = stringConstants(body, imports);
  const out = new Set<string>();
  const drops = new Set<string>();
  for (const call of calls) {
    const sql = call.childForFieldName("arguments")?.namedChildren[0];
    const value = sql ? evaluate(sql, { imports, bindings }) : undefined;
    if (value?.kind !== "str") continue;
    // run-time values only where values go (`WHERE user_id > " + str(last)`) leave the tables known
    const text = !value.unresolved ? value.value : value.runTime ? runTimeValuesAsParameters(value.value, value.runTime.placeholders) : undefined;
    if (text === undefined) continue;
    const parsed = parseStatements(text);
    if (parsed.errors.length > 0) continue;
    for (const statement of parsed.statements) {
      // a SELECT, or the SELECT of an INSERT ... SELECT (a copy into another table: the move's expand step)
      const select = statement.stmt.SelectStmt ? statement.stmt : statement.stmt.InsertStmt?.selectStmt;
      if (select) for (const table of relationsOf(select)) out.add(table);
      const drop = statement.stmt.DropStmt;
      if (drop?.removeType === "OBJECT_TABLE") for (const table of dropNames(drop.objects)) if (table) drops.add(table);
    }
  }
  return { reads: [...out].sort(), drops: [...drops].sort() };
}
