import { productionSnapshot } from "../../testing/production-fixtures.js";
import { defineCases } from "../support/rule.js";

/** orders: 200,000 rows; code repeats (160,000 distinct), reference is unique, status has 4 values, region 12. */
export const ORDERS = productionSnapshot({
  orders: {
    rows: 200_000,
    mb: 25,
    columns: {
      code: { type: "text", nDistinct: -0.8 },
      reference: { type: "text", nullFrac: 0.1, nDistinct: -0.9 },
      status: { type: "text", nDistinct: 4 },
      region: { type: "text", nDistinct: 12 },
      customer_id: { type: "bigint", nDistinct: 40_000 },
    },
  },
});

export default defineCases({
  invalid: [
    { framework: "sql", name: "a unique index on a column with repeated values", schema: "CREATE TABLE orders (id bigint PRIMARY KEY, code text);", code: "CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON orders (code);", snapshot: ORDERS, lines: [1] },
    {
      framework: "sql",
      name: "a unique constraint over columns with too few combinations for the rows",
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY, status text, region text);",
      code: "ALTER TABLE orders ADD CONSTRAINT orders_status_region_key UNIQUE (status, region);",
      snapshot: ORDERS,
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "every non-NULL value distinct (NULLs never conflict)",
      code: "CREATE UNIQUE INDEX CONCURRENTLY orders_reference_key ON orders (reference);",
      snapshot: ORDERS,
    },
    {
      framework: "sql",
      name: "enough combinations for every row",
      code: "CREATE UNIQUE INDEX CONCURRENTLY orders_customer_code_key ON orders (customer_id, code);",
      snapshot: ORDERS,
    },
    { framework: "sql", name: "a plain index", code: "CREATE INDEX CONCURRENTLY orders_code_idx ON orders (code);", snapshot: ORDERS },
    { framework: "sql", name: "no production snapshot given", code: "CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON orders (code);" },
  ],
});
