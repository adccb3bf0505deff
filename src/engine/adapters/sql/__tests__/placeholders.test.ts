import { loadPgParser, parseStatements } from "../pg-parser.js";
import { fillPlaceholders } from "../placeholders.js";

beforeAll(() => loadPgParser());

describe("fillPlaceholders", () => {
  it("names a Go template action after its last field and keeps every byte offset", () => {
    const text = 'ALTER TABLE {{ index .Options "Namespace" }}.users ADD COLUMN é text;';
    const filled = fillPlaceholders(text)!;
    expect(Buffer.byteLength(filled)).toBe(Buffer.byteLength(text));
    expect(filled.startsWith("ALTER TABLE Namespace ")).toBe(true);
    expect(filled.endsWith(".users ADD COLUMN é text;")).toBe(true);
  });

  it("glues a placeholder inside a name into one identifier", () => {
    expect(fillPlaceholders("CREATE TABLE ${prefix}_users (id int);")).toBe("CREATE TABLE prefix____users (id int);");
  });

  it("turns bind parameters and psql variables into $1, not casts or strings", () => {
    expect(fillPlaceholders("UPDATE t SET a = :a::int, b = ':b' WHERE c = :'c'")).toBe("UPDATE t SET a = $1::int, b = ':b' WHERE c = $1  ");
  });

  it("has nothing to fill in plain SQL, string contents included (a 2-D array literal)", () => {
    expect(fillPlaceholders("INSERT INTO t (m) VALUES ('{{1,2},{3,4}}');")).toBeUndefined();
  });
});

describe("parseStatements with placeholders", () => {
  it("parses templated statements with the file's own text and lines", () => {
    const text = '-- auth\nCREATE INDEX IF NOT EXISTS users_email_idx\n    ON {{ index .Options "Namespace" }}.users (email);\n';
    const { statements, errors } = parseStatements(text);
    expect(errors).toEqual([]);
    expect(statements.map((s) => [s.line, s.endLine, s.text])).toEqual([[2, 3, 'CREATE INDEX IF NOT EXISTS users_email_idx\n    ON {{ index .Options "Namespace" }}.users (email)']]);
  });

  it("still reports a real syntax error in a templated file, on its line", () => {
    const { errors } = parseStatements('ALTER TABLE {{ .Schema }}.users ADD COLUMN a int;\nALTER TABLE {{ .Schema }}.users ALTR COLUMN a SET NOT NULL;\n');
    expect(errors.map((e) => e.line)).toEqual([2]);
  });

  it("reads an empty text as no statements", () => {
    expect(parseStatements("  \n")).toMatchObject({ statements: [], errors: [] });
  });
});
