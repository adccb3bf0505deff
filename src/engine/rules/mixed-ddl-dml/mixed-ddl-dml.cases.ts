import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a DROP TABLE beside a data change that copies from it",
      schema: "CREATE TABLE events (id bigint, kind text);\nCREATE TABLE inventory_discrepancies (id bigint);",
      code: "INSERT INTO events (id, kind) SELECT id, 'discrepancy' FROM inventory_discrepancies;\nDROP TABLE inventory_discrepancies;\n",
      lines: [1],
    },
    { framework: "sql",
      fixRunsAfter: "schema", name: "add column and backfill in one transaction", schema: "CREATE TABLE schedule (id bigint PRIMARY KEY);", path: "db/migrations/00050_rev.sql", code: "-- +goose Up\nALTER TABLE schedule ADD COLUMN revision integer;\nUPDATE schedule SET revision = 0;\n-- +goose Down\nALTER TABLE schedule DROP COLUMN revision;\n", lines: [3] },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "values copied to a new column, then the old one dropped: the drop stays with the copy, in the moved migration",
      schema: "CREATE TABLE person (id bigint PRIMARY KEY, matrix_user_id text);",
      code: "ALTER TABLE person ADD COLUMN matrix_id text;\nUPDATE person SET matrix_id = matrix_user_id;\nALTER TABLE person DROP COLUMN matrix_user_id;",
      lines: [2],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "an UPDATE of a _type column whose values name no renamed table's class: reported",
      schema: "CREATE TABLE transactions (id bigint PRIMARY KEY);\nCREATE TABLE taggings (id bigint PRIMARY KEY, taggable_type text);",
      code: "ALTER TABLE transactions RENAME TO account_transactions;\nUPDATE taggings SET taggable_type = 'Entry' WHERE taggable_type = 'Transaction';",
      lines: [2],
    },
    { framework: "sql",
      fixRunsAfter: "schema", name: "data change on another table", schema: "CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE TABLE carts (id bigint PRIMARY KEY, abandoned boolean);", code: "ALTER TABLE orders ADD COLUMN note text;\nDELETE FROM carts WHERE abandoned;", lines: [2] },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a column added between two backfills, which the second one fills: it moves with the data steps, in its order, so the moved statements run",
      schema: "CREATE TABLE post (id bigint PRIMARY KEY, featured boolean);",
      code: "ALTER TABLE post ADD COLUMN featured_local boolean;\nUPDATE post SET featured_local = featured;\nALTER TABLE post ADD COLUMN featured_community boolean;\nUPDATE post SET featured_community = featured;\nALTER TABLE post DROP COLUMN featured;\n",
      lines: [2],
      fixes: [
        "-- migration 1, db/migrations/001_case.sql as it becomes: without the data change\nALTER TABLE post ADD COLUMN featured_local boolean;\n\n-- migration 2, new file db/migrations/002_backfill_post.sql: the data change with the statements it prepares (one transaction: rows written between them would break them), once migration 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)\nUPDATE post SET featured_local = featured;\nALTER TABLE post ADD COLUMN featured_community boolean;\nUPDATE post SET featured_community = featured;\nALTER TABLE post DROP COLUMN featured;",
      ],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "the only schema change drops a table the data change does not touch",
      schema: "CREATE TABLE events (id bigint, kind text);\nCREATE TABLE inventory_discrepancies (id bigint);",
      code: "DROP TABLE inventory_discrepancies;\nDELETE FROM events WHERE kind = 'snapshot';\n",
    },
    { framework: "sql", name: "create a lookup table and seed it", code: "CREATE TABLE roles (id int PRIMARY KEY, name text);\nINSERT INTO roles VALUES (1, 'admin'), (2, 'member');" },
    { framework: "sql", name: "data only", code: "UPDATE users SET plan = 'free' WHERE plan IS NULL;" },
    {
      framework: "sql",
      name: "a table renamed with the polymorphic type values naming its class: the UPDATE must stay in the rename's transaction",
      code: "ALTER TABLE transactions RENAME TO account_transactions;\nUPDATE taggings SET taggable_type = 'Account::Transaction' WHERE taggable_type = 'Transaction';",
    },
  ],
});
