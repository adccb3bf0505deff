import { searchUsages } from "./usage-search.js";

describe("searchUsages", () => {
  const files = [
    { path: "app/reports/legacy.rb", content: "class LegacyReport\n  def rows\n    User.pluck(:id, :phone_number)\n  end\nend\n" },
    { path: "app/models/contact.rb", content: "attr_accessor :phone_numbers, :old_phone_number # not phone_number_verified\n" },
    { path: "web/q.sql", content: "SELECT u.phone_number, u.email\nFROM users u\nWHERE u.email <> '' AND u.phone_number IS NOT NULL;\n" },
    { path: "web/€.ts", content: "const é = 'ü'; // ✓ multibyte before\nconst q = `SELECT phone_number FROM users`;\n" },
  ];

  it("finds whole words only, with their lines, in one pass for every identifier", () => {
    const index = searchUsages(files, ["phone_number", "users", "email"]);
    expect(index.usagesOf("phone_number").map((u) => `${u.path}:${u.line}`)).toEqual(["app/reports/legacy.rb:3", "web/q.sql:1", "web/q.sql:3", "web/€.ts:2"]);
    expect(index.usagesOf("users").map((u) => `${u.path}:${u.line}`)).toEqual(["web/q.sql:2", "web/€.ts:2"]);
    expect(index.usagesOf("email").map((u) => u.line)).toEqual([1, 3]); // once per line
    expect(index.usagesOf("phone_number")[0].text).toBe("User.pluck(:id, :phone_number)");
    expect(index.filesSearched).toBe(4);
  });

  it("prefers the longer identifier at the same position", () => {
    const index = searchUsages([{ path: "a.rb", content: "x.phone_number_verified\nx.phone_number\n" }], ["phone_number", "phone_number_verified"]);
    expect(index.usagesOf("phone_number_verified").map((u) => u.line)).toEqual([1]);
    expect(index.usagesOf("phone_number").map((u) => u.line)).toEqual([2]);
  });

  it("treats regex characters in names literally and copes with nothing to search", () => {
    expect(searchUsages([{ path: "a.sql", content: "SELECT a.b FROM t;" }], ["a.b"]).usagesOf("a.b")).toHaveLength(1);
    expect(searchUsages(files, []).usagesOf("x")).toEqual([]);
  });

  it("keeps a bounded number of usages per identifier and says so", () => {
    const content = Array.from({ length: 500 }, () => "id").join("\n");
    const index = searchUsages([{ path: "big.rb", content }], ["id"]);
    expect(index.usagesOf("id")).toHaveLength(200);
    expect(index.truncated("id")).toBe(true);
  });

  it("in Python and JavaScript counts attributes, lookups, keys and strings, not bare local names", () => {
    const py = [
      "error = run()",
      "Build.objects.filter(error='x')",
      "qs.exclude(error__isnull=True)",
      "build.error",
      'values_list("error", flat=True)',
      "def setup(self):",
      'cursor.execute("""',
      "  SELECT error FROM builds_build",
      '""")',
      "except Exception as error:",
      "from builds.models import Build",
    ].join("\n");
    const js = ["const error = 1;", "catch (error) {}", "build.error", "{ error: true }", "x ? error : y", "get('error')", "sql`", "SELECT setup FROM t", "`", "setup();"].join("\n");
    const index = searchUsages([{ path: "a.py", content: py }, { path: "b.ts", content: js }], ["error", "setup", "Build"]);
    expect(index.usagesOf("error").map((u) => `${u.path}:${u.line}`)).toEqual(["a.py:2", "a.py:3", "a.py:4", "a.py:5", "a.py:8", "b.ts:3", "b.ts:4", "b.ts:6"]);
    expect(index.usagesOf("setup").map((u) => `${u.path}:${u.line}`)).toEqual(["b.ts:8"]);
    expect(index.usagesOf("Build").map((u) => u.line)).toEqual([2, 11]);
  });
});
