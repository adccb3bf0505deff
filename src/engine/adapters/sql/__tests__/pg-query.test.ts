import { loadModule, parseSync, scanSync } from "libpg-query";
import { loadPgQuery, pgParse, pgScan } from "../pg-query.js";

beforeAll(() => Promise.all([loadPgQuery(), loadModule()]));

// pg-query.ts moves text in and out of the module's memory with V8's UTF-8 encoder and decoder, not Emscripten's
// helpers: the trees, token offsets and strings must be libpg-query's own, byte for byte
const texts = [
  "SELECT 1;",
  "CREATE TABLE café (naïve text DEFAULT 'crème brûlée'); -- résumé",
  "INSERT INTO t VALUES ('🎉 emoji 𝔘𝔫𝔦𝔠𝔬𝔡𝔢'), ('日本語');",
  "COMMENT ON TABLE t IS 'a lone surrogate \ud800 and \udfff here';",
  "SELECT 'x';\u0000SELECT 'after a NUL';",
  "/* ü */ ALTER TABLE t ADD COLUMN c int; -- ✓",
];

describe("pgParse and pgScan", () => {
  it.each(texts)("read %j as libpg-query does", (sql) => {
    expect(pgParse(sql)).toEqual(parseSync(sql));
    expect(pgScan(sql)).toEqual(scanSync(sql));
  });

  it("report a syntax error's position in characters as libpg-query does", () => {
    const sql = "SELECT 'é', 'ü' FROM WHERE;";
    const ours = (() => {
      try {
        pgParse(sql);
      } catch (error) {
        return (error as { sqlDetails?: { cursorPosition: number } }).sqlDetails?.cursorPosition;
      }
    })();
    const theirs = (() => {
      try {
        parseSync(sql);
      } catch (error) {
        return (error as { sqlDetails?: { cursorPosition: number } }).sqlDetails?.cursorPosition;
      }
    })();
    expect(ours).toBeDefined();
    expect(ours).toBe(theirs);
  });
});
