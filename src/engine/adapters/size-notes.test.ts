import { commentText } from "./comment-text.js";
import { maySaySize, saysSmall } from "./size-notes.js";

describe("maySaySize", () => {
  // every kind of claim saysSmall accepts, and one written over two comment lines
  const claims = [
    "-- this table is small",
    "-- the tiny lookup table",
    "-- only a few rows",
    "-- a handful of records",
    "-- never grows",
    "-- only 200 entries",
    "-- the table is very\n-- small",
    "-- it never\n-- grows",
    "/* only\n * 200 rows */",
    "-- only a\n-- ----\n-- few entries",
  ];

  it.each(claims)("lets %j through to the comments", (sql) => {
    expect(saysSmall(commentText(sql))).toBe(true);
    expect(maySaySize(`${sql}\nCREATE INDEX i ON t (c);`)).toBe(true);
  });

  it("skips a file whose words about rows make no claim (no scan of its comments)", () => {
    expect(maySaySize("-- backfill existing rows\nUPDATE records SET x = 1;\nCREATE INDEX i ON entries (c);")).toBe(false);
    expect(maySaySize("ALTER TABLE ONLY t ADD COLUMN few_x smallint;")).toBe(false);
  });
});
