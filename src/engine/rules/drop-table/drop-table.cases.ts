import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "drop a live table", code: "DROP TABLE category;", lines: [1] },
    { framework: "sql", name: "several tables, one statement", code: "SET lock_timeout = '2s';\nDROP TABLE IF EXISTS a, b CASCADE;", lines: [2, 2] },
  ],
  valid: [
    { framework: "sql", name: "table copied first", code: "CREATE TABLE category_backup AS SELECT * FROM category;\nDROP TABLE category;" },
    { framework: "sql", name: "a table created in the same migration", code: "CREATE TABLE tmp_ids (id bigint);\nDROP TABLE tmp_ids;" },
    { framework: "sql", name: "waived for the whole file", code: "-- migguard:ignore-file drop-table the table was empty and unused since 2019\nDROP TABLE legacy_reports;" },
  ],
});
