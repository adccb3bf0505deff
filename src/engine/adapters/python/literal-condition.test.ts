/** Conditions decided from literal operands (a loop item's bindings), as Python decides them. */
import { literalCondition } from "./literal-condition.js";
import { readModule } from "./module.js";
import { loadPythonParser, withPythonTree } from "./parser.js";
import { loadPgQuery } from "../sql/pg-query.js";
import { evaluate } from "./values.js";

beforeAll(() => Promise.all([loadPythonParser(), loadPgQuery()]));

/** The value of `x = <condition>`'s right side, the module's earlier constants bound. */
function decide(source: string): boolean | undefined {
  return withPythonTree(source, (root) => {
    const module = readModule(root, source);
    const statements = root.namedChildren.filter((n) => n.type === "expression_statement");
    const assignment = statements[statements.length - 1].namedChildren[0];
    const bindings = new Map(module.bindings);
    bindings.delete("x");
    return literalCondition(assignment.childForFieldName("right")!, (n) => evaluate(n, { imports: module.imports, bindings }));
  });
}

describe("literalCondition", () => {
  it.each([
    ['t = "webhook"\nx = t == "webhook"', true],
    ['t = "user"\nx = t != "webhook"', true],
    ['t = "webhook"\nx = t != "webhook"', false],
    ['t = "user"\nx = t in ("user", "task")', true],
    ['t = "blog"\nx = t not in ["user", "task"]', true],
    ['t = "user"\nx = t in {"user": 1}', true],
    ['t = "us"\nx = t in "user"', true],
    ["t = None\nx = t is None", true],
    ["t = 0\nx = t is not None", true],
    ['t = "a"\nx = not t == "a"', false],
    ['t = "a"\nx = t == "a" and t != "b"', true],
    ['t = "a"\nx = t == "b" or t == "a"', true],
    ["t = 1\nx = t == True", true],
    ['t = "1"\nx = t == 1', false],
    ["t = 2\nx = 1 < t", undefined],
    ['t = ""\nx = t', false],
  ])("%s", (source, expected) => {
    expect(decide(source)).toBe(expected);
  });

  it("is undefined when an operand is not a literal", () => {
    expect(decide('x = table == "webhook"')).toBeUndefined();
    expect(decide('t = f()\nx = t == "webhook"')).toBeUndefined();
    // `and` with a false side is false whatever the other is; `or` with a true side true
    expect(decide('t = "a"\nx = t == "b" and f()')).toBe(false);
    expect(decide('t = "a"\nx = t == "a" or f()')).toBe(true);
  });
});
