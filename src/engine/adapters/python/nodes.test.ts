/** nodes.ts: plain string literals. */
import { loadPythonParser, withPythonTree } from "./parser.js";
import { plainString } from "./nodes.js";

beforeAll(() => loadPythonParser());

const literal = (code: string) => withPythonTree(`x = ${code}\n`, (root) => plainString(root.namedChildren[0].namedChildren[0].childForFieldName("right")));

describe("plainString", () => {
  it("reads a literal of one plain part, escapes and prefixes included", () => {
    expect(literal('"DROP TABLE users"')).toBe("DROP TABLE users");
    expect(literal('r"a\\\\b"')).toBe("a\\\\b");
  });

  it("refuses an f-string with an interpolation, whatever text sits beside it", () => {
    expect(literal('f"DROP TABLE {name}"')).toBeUndefined();
    expect(literal('f"{name}"')).toBeUndefined();
  });

  it("refuses implicit concatenation and non-strings", () => {
    expect(literal('"a" "b"')).toBeUndefined();
    expect(literal("42")).toBeUndefined();
  });
});
