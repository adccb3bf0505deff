import { loadPgParser, parseStatements, rememberStatementTrees } from "../../adapters/sql/pg-parser.js";
import { pgScan } from "../../adapters/sql/pg-query.js";
import { concurrentIndexFix, concurrentIndexSql, parseOne, plainWords } from "./sql-text.js";

await loadPgParser();

// statements deep in a file, after multibyte text, with comments and IF NOT EXISTS: the tree an analysis parsed
// (positions counted from the file's start) must give the fix a parse of the statement alone gives
const FILE = [
  "-- créé par l'équipe ☃",
  "CREATE TABLE post (id bigint, creator_id bigint, título text);",
  "",
  "  /* leading comment */ CREATE UNIQUE /* ☃ */ INDEX IF NOT EXISTS idx_post_creator ON ONLY public.post (creator_id) WHERE título <> '☃';",
  "CREATE INDEX ON post USING gin (to_tsvector('simple', título));",
  "CREATE INDEX CONCURRENTLY idx_c ON post (id);",
].join("\n");

describe("fixes from the trees an analysis parsed", () => {
  const texts = parseStatements(FILE).statements.map((s) => s.text);
  const alone = texts.map((text) => ({ fix: concurrentIndexFix(text), sql: concurrentIndexSql(text), tree: JSON.stringify(parseOne(text)?.IndexStmt?.idxname) }));

  it("gives the fixes a parse of each statement alone gives", () => {
    const forget = rememberStatementTrees();
    try {
      const statements = parseStatements(FILE).statements;
      // the trees are remembered: positions count from the file, not from the statement
      expect(parseOne(statements[1].text)).toBe(statements[1].stmt);
      expect(statements.map((s) => ({ fix: concurrentIndexFix(s.text), sql: concurrentIndexSql(s.text), tree: JSON.stringify(parseOne(s.text)?.IndexStmt?.idxname) }))).toEqual(alone);
    } finally {
      forget();
    }
    expect(parseOne(texts[1])).not.toBe(parseStatements(FILE).statements[1].stmt);
  });

  it("rebuilds the statement as written", () => {
    expect(alone[1].fix).toBe(
      // IF NOT EXISTS kept, the index never dropped first: it may be there, valid and in use
      "-- IF NOT EXISTS kept: an index public.idx_post_creator already there stays as it is. Only if a build of this statement failed\n-- (SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.idx_post_creator'::regclass gives false), DROP INDEX CONCURRENTLY it and run this again.\nCREATE UNIQUE /* ☃ */ INDEX CONCURRENTLY IF NOT EXISTS idx_post_creator ON ONLY public.post (creator_id) WHERE título <> '☃';",
    );
    expect(alone[2].sql).toBe("CREATE INDEX CONCURRENTLY ON post USING gin (to_tsvector('simple', título))");
  });
});

describe("plainWords (the words before a CREATE INDEX's table, without the scanner)", () => {
  const scanned = (text: string) => pgScan(text).tokens.map(({ text, start, end }) => ({ text, start, end }));

  it.each(["CREATE INDEX ", "create unique index concurrently if not exists idx_a_b ON ONLY ", "CREATE\tINDEX\r\n  _x1\nON ", "  \n"])("gives the scanner's tokens for %j", (text) => {
    expect(plainWords(text)).toEqual(scanned(text));
  });

  it.each(["CREATE INDEX /* c */ ON ", "CREATE INDEX -- c\nON ", 'CREATE INDEX "Idx" ON ', "CREATE INDEX idx$1 ON ", "CREATE INDEX índice ON ", "CREATE INDEX 1x ON ", "CREATE INDEX\u00a0x ON ", ""])("leaves %j to the scanner", (text) => {
    expect(plainWords(text)).toBeUndefined();
  });
});
