/**
 * A revision whose env.py passes arguments to `upgrade()`/`downgrade()` (Quay's `def upgrade(op, tables,
 * tester)`) fails with a TypeError when a fix writes `def downgrade():`. Fixes are written for Alembic's own
 * signature; this gives every `upgrade`/`downgrade` a fix defines the revision's parameters, found with the
 * Python grammar (a `def downgrade():` inside a string or comment stays as it is).
 */
import { withPythonTree } from "../../adapters/python/parser.js";

const REVISION_FUNCTIONS = new Set(["upgrade", "downgrade"]);

export function withRevisionParameters(fix: string, parameters: string): string {
  const empty = withPythonTree(fix, (root) =>
    root
      .descendantsOfType("function_definition")
      .filter((def) => def !== null && REVISION_FUNCTIONS.has(def.childForFieldName("name")?.text ?? ""))
      .map((def) => def!.childForFieldName("parameters"))
      .filter((list) => list !== null && list.namedChildren.length === 0)
      .map((list) => ({ start: list!.startIndex, end: list!.endIndex })),
  );
  let text = fix;
  for (const { start, end } of empty.sort((a, b) => b.start - a.start)) text = `${text.slice(0, start)}(${parameters})${text.slice(end)}`;
  return text;
}
