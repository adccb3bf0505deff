import { loadModule, scanSync } from "libpg-query";
import { loadPgParser, parseStatements, rememberStatementTrees, scanComments } from "../pg-parser.js";

beforeAll(() => Promise.all([loadPgParser(), loadModule()]));

// During an analysis, scanComments scans only the pieces between a parsed text's statements that hold `--` or `/*`:
// the comments must be those of libpg-query's scan of the whole text, byte for byte
const texts = [
  "-- migrate:up\nCREATE TABLE t (id int); -- after\n/* between */ ALTER TABLE t ADD COLUMN c int;\n\n-- migrate:down\nDROP TABLE t;\n",
  "SELECT '-- not a comment', $$ /* nor this */ $$;\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; -- inside the body\n$body$ LANGUAGE sql; -- après ✓\n",
  "CREATE TABLE café (naïve text DEFAULT 'crème -- brûlée' /* é */); -- résumé\nSELECT 3 -- trailing spaces   \n;  -- end",
  "/* a /* nested */ block\n spanning lines */ SELECT 1;\nSELECT 2 /* inside */ + 1",
  "UPDATE t SET c = 1 WHERE id = 2; -- no newline at the end",
  // does not parse: the whole text's scan, as before
  "SELECT FROM WHERE; -- broken\nSELECT 1;",
];

const oracle = (text: string) =>
  scanSync(text)
    .tokens.filter((t) => t.tokenName === "SQL_COMMENT" || t.tokenName === "C_COMMENT")
    .map((t) => ({ text: t.text, startByte: t.start, endByte: t.end }));
const ours = (text: string) => scanComments(text).map(({ text: comment, startByte, endByte }) => ({ text: comment, startByte, endByte }));

describe("scanComments", () => {
  it.each(texts)("finds the comments of %j as a scan of the whole text does", (text) => {
    expect(ours(text)).toEqual(oracle(text));
    const release = rememberStatementTrees();
    try {
      parseStatements(text); // the adapter's parse, whose statements give the cuts
      expect(ours(text)).toEqual(oracle(text));
      // a text not parsed yet is parsed for its cuts
      const other = `${text}\n-- one more`;
      expect(ours(other)).toEqual(oracle(other));
    } finally {
      release();
    }
  });
});
