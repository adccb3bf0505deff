import { commentText } from "./comment-text.js";
import { maySaySize, saysEmpty, saysSmall, saysSmallNarrowly, sizeNotes } from "./size-notes.js";

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

describe("saysSmallNarrowly: the weaker words", () => {
  const narrow = [
    // people's core 0016 and mailbox_manager 0023 (seed 55)
    "# Don't need to batch update here, as the table is likely small or empty",
    "# quite naive but we don't have many data",
    "-- the table is empty at this point",
    "-- people_team is probably tiny",
    "-- there aren't many rows in it",
    "-- not much data there yet",
    "-- a table of less than 500 rows",
    "-- fewer than 2,000 records in production",
  ];
  it.each(narrow)("reads %j as a narrow note", (comment) => {
    const prose = commentText(comment);
    expect(saysSmall(prose)).toBe(false);
    expect(saysSmallNarrowly(prose)).toBe(true);
    expect(maySaySize(`${comment}\nCREATE INDEX i ON t (c);`)).toBe(true);
  });

  const none = [
    "-- this table can be large",
    "-- the table is not small",
    "-- the table isn't empty in production",
    "-- the table is likely small now, but could become huge",
    "-- if the table is empty, nothing to do",
    "-- skip when the table is likely empty",
    "-- the list is empty",
    "-- update in batches of less than 1000 rows",
    "-- so we don't have too many rows in memory",
    "-- less than 50,000 rows",
    "-- this change is likely small",
    "-- millions of rows, but we don't have many data to move",
  ];
  it.each(none)("reads no claim in %j", (comment) => {
    const prose = commentText(comment);
    expect(saysSmall(prose)).toBe(false);
    expect(saysSmallNarrowly(prose)).toBe(false);
  });

  it("a claim that says the opposite too is none, in the strong words as well", () => {
    expect(saysSmall("this table is small today, but can be large")).toBe(false);
    expect(saysSmall("if the table is small this is fine")).toBe(false);
    expect(saysSmall("this table is small")).toBe(true);
  });
});

describe("saysEmpty: the table holds no rows yet", () => {
  const empty = [
    // funnel 82303877b746 (seed 62)
    "# This migration assumes there is no existing data in the table",
    "-- no rows yet in people_team",
    "-- the table has no rows yet",
    "-- invoices holds no data: the feature ships with this release",
    "-- the table is empty at this point",
  ];
  it.each(empty)("reads %j as the table's emptiness, a narrow note", (comment) => {
    const prose = commentText(comment);
    expect(saysEmpty(prose)).toBe(true);
    expect(maySaySize(`${comment}\nALTER TABLE t ADD COLUMN c int NOT NULL;`)).toBe(true);
    expect(sizeNotes([{ line: 1, endLine: 1, text: comment }])).toEqual([expect.objectContaining({ narrow: true, empty: true })]);
  });

  const none = [
    "-- no data is lost",
    "-- no data in the table is lost",
    "-- make sure there are no rows in the table",
    "-- if there is no existing data in the table, skip",
    "-- the list is empty",
    "-- the table isn't empty",
    "-- there are no NULL rows in the column",
    "-- no rows in the table can be large, millions of rows",
  ];
  it.each(none)("reads no emptiness in %j", (comment) => {
    expect(saysEmpty(commentText(comment))).toBe(false);
  });
});
