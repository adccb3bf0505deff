import { loadPythonParser } from "../adapters/python/parser.js";
import { loadRubyParser } from "../adapters/rails/prism.js";
import { loadRubyReaders } from "../adapters/rails/ruby-readers.js";
import { loadGoParser } from "./go-syntax.js";
import { loadJavaColumnParser } from "./java-syntax.js";
import { ormNameUsages } from "./orm-name-forms.js";
import { searchUsages } from "./usage-search.js";

beforeAll(() => Promise.all([loadRubyParser(), loadRubyReaders(), loadPythonParser(), loadGoParser(), loadJavaColumnParser()]));

const where = (usages: ReadonlyArray<{ path: string; line: number }>) => usages.map((u) => `${u.path}:${u.line}`);

describe("comments are prose, not usages of a table or column", () => {
  const java = {
    path: "src/main/java/org/dspace/sort/OrderFormat.java",
    content: '/**\n * helpers for the sort columns (ie. ItemsByAuthor.sort_author)\n */\nclass OrderFormat {\n  // itemsbyauthor is gone\n  String q = "SELECT sort_author FROM itemsbyauthor"; /* itemsbyauthor */\n}\n',
  };
  const go = { path: "internal/store/history.go", content: "package store\n\n// History rows: see history\nconst q = `SELECT * FROM history` // history\n" };
  const python = { path: "app/reports.py", content: '# reads history.note\nrows = db.execute("SELECT note FROM history")\n' };

  it("Java's Javadoc, // and /* */ comments, Go's and Python's comments: only the code on a line counts", () => {
    expect(where(ormNameUsages([java], ["itemsbyauthor"], ["Itemsbyauthor"]))).toEqual(["src/main/java/org/dspace/sort/OrderFormat.java:6"]);
    expect(where(ormNameUsages([go], ["history"], ["History"]))).toEqual(["internal/store/history.go:4"]);
    expect(where(searchUsages([python], ["history", "note"]).usagesOf("history"))).toEqual(["app/reports.py:2"]);
    expect(where(searchUsages([python], ["history", "note"]).usagesOf("note"))).toEqual(["app/reports.py:2"]);
    const ruby = { path: "app/models/report.rb", content: "# é: reads histories.note\nclass Report\n  def notes = History.pluck(:note) # note\nend\n=begin\nnote\n=end\n" };
    expect(where(searchUsages([ruby], ["note"]).usagesOf("note"))).toEqual(["app/models/report.rb:3"]);
  });

  it("a file whose every mention is a comment has no usage", () => {
    const prose = { path: "src/main/java/Notes.java", content: "/** The history table is gone. */\nclass Notes {\n  // history\n}\n" };
    expect(ormNameUsages([prose], ["history"], ["History"])).toEqual([]);
    expect(searchUsages([{ path: "a.py", content: "# history\nx = 1\n" }], ["history"]).usagesOf("history")).toEqual([]);
  });

  it("a word is a whole identifier: ChecksumHistory, checksum_history and historyId are not history", () => {
    const code = { path: "src/main/java/Checksums.java", content: 'class ChecksumHistory {\n  Long historyId;\n  String t = "checksum_history";\n  Long getHistoryId() { return historyId; }\n}\n' };
    expect(ormNameUsages([code], ["history"], ["History"])).toEqual([]);
    expect(searchUsages([{ path: "a.py", content: "ChecksumHistory.checksum_history\nhistoryId = 1\n" }], ["history"]).usagesOf("history")).toEqual([]);
  });
});
