import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "ADD COLUMN IF NOT EXISTS of a column that may already be there does not make it a scratch column",
      schema: 'CREATE TABLE "Team" (id int PRIMARY KEY, "isPersonal" boolean);',
      code: 'ALTER TABLE "Team" ADD COLUMN IF NOT EXISTS "isPersonal" boolean;\nALTER TABLE "Team" DROP COLUMN "isPersonal";\n',
      lines: [2],
    },
    {
      framework: "sql",
      name: "MySQL: the copy is MySQL's CREATE TABLE ... AS SELECT, and a reserved word stays in backticks",
      config: { database: "mysql" },
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, `rank` int);\nINSERT INTO users VALUES (1, 2);",
      code: "ALTER TABLE users DROP COLUMN `rank`;",
      lines: [1],
    },
    { framework: "sql", name: "drop a column of a live table", schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);", code: "ALTER TABLE users DROP COLUMN phone_number;", lines: [1] },
    {
      framework: "sql",
      name: "one finding per dropped column, on its statement",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);\nCREATE TABLE accounts (id bigint PRIMARY KEY, fax text);",
      code: "-- deprecate SMS login\nALTER TABLE users\n  DROP COLUMN phone_number;\nALTER TABLE accounts DROP COLUMN IF EXISTS fax;",
      lines: [2, 4],
    },
    {
      framework: "sql",
      name: "a multi-byte comment before the statement does not shift the line",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);",
      code: "/* café ✓ 😀 — déprécié */\n\nALTER TABLE users DROP COLUMN phone_number;",
      lines: [3],
    },
    {
      framework: "sql",
      name: "dropping the id column itself: the copy is the whole table (SELECT id, id would name one column twice), IF EXISTS kept",
      path: "db/migration/V2__drop_id.sql",
      files: { "db/migration/V1__queue.sql": "CREATE TABLE queue (id serial PRIMARY KEY, queue_name text NOT NULL);" },
      schema: "CREATE TABLE queue (id serial PRIMARY KEY, queue_name text NOT NULL);",
      code: "ALTER TABLE queue DROP COLUMN IF EXISTS id;",
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "a scratch column the same migration added to drive its data move: no deployed code knows it, its values were made here",
      schema: 'CREATE TABLE "Team" (id int PRIMARY KEY, name text);\nCREATE TABLE "Organisation" (id int PRIMARY KEY, personal boolean);',
      code: 'ALTER TABLE "Team" ADD COLUMN "isPersonal" BOOLEAN NOT NULL DEFAULT false;\nUPDATE "Organisation" o SET personal = t."isPersonal" FROM "Team" t WHERE t.id = o.id;\nALTER TABLE "Team" DROP COLUMN "isPersonal";\n',
    },
    {
      framework: "sql",
      name: "a scratch column renamed before it is dropped",
      schema: 'CREATE TABLE "Team" (id int PRIMARY KEY, name text);',
      code: 'ALTER TABLE "Team" ADD COLUMN tmp boolean;\nALTER TABLE "Team" RENAME COLUMN tmp TO "isPersonal";\nALTER TABLE "Team" DROP COLUMN "isPersonal";\n',
    },
    {
      framework: "sql",
      name: "one hazard, one finding: a column of a table the same migration drops afterwards (drop-table reports the data loss)",
      code: "ALTER TABLE replication_job DROP COLUMN tags;\nDROP TABLE replication_job;",
    },
    {
      framework: "sql",
      name: "the table is renamed and dropped under its new name afterwards",
      code: "ALTER TABLE jobs DROP COLUMN tags;\nALTER TABLE jobs RENAME TO old_jobs;\nDROP TABLE old_jobs;",
    },
    {
      framework: "sql",
      name: "the down puts the values back from where they now live",
      path: "migrations/000051_drop_tx_date.up.sql",
      code: "ALTER TABLE account_transactions DROP COLUMN date;",
      files: {
        "migrations/000051_drop_tx_date.down.sql":
          "ALTER TABLE account_transactions ADD COLUMN date date;\nUPDATE account_transactions t SET date = e.date FROM account_entries e WHERE e.entryable_id = t.id;",
      },
    },
    { framework: "sql", name: "the column was copied to a backup table first", code: "CREATE TABLE users_phone_backup AS SELECT id, phone_number FROM users;\nALTER TABLE users DROP COLUMN phone_number;" },
    { framework: "sql", name: "dropping a column of a table created in the same migration", code: "CREATE TABLE drafts (id bigint, body text);\nALTER TABLE drafts DROP COLUMN body;" },
    { framework: "sql", name: "waived with a reason", code: "-- migguard:ignore drop-column column was never written, see #42\nALTER TABLE users DROP COLUMN phone_number;" },
  ],
});
