import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "CREATE UNIQUE INDEX waits for a SHARE lock: the writes to the table queue behind it, the reads do not",
      schema: 'CREATE TABLE "ExecutedRule" (id text PRIMARY KEY, "ruleId" text, "threadId" text);',
      code: 'CREATE UNIQUE INDEX "ExecutedRule_ruleId_threadId_key" ON "ExecutedRule" ("ruleId", "threadId");\n',
      lines: [1],
      messages: ["if it waits behind a long query, every write to the table queues behind it (its SHARE lock lets reads through)."],
    },
    {
      framework: "sql",
      name: "ALTER TABLE ... ADD COLUMN waits for ACCESS EXCLUSIVE: every query on the table queues behind it",
      schema: 'CREATE TABLE "User" (id text PRIMARY KEY);',
      code: 'ALTER TABLE "User" ADD COLUMN "summaryEmailAt" timestamp;\n',
      lines: [1],
      messages: ["if it waits behind a long query, every query on the table queues behind it."],
    },
    {
      framework: "sql",
      name: "the author's word that the table is small does not cover the lock wait: a queue forms behind a small hot table too",
      schema: "CREATE TABLE settings (id bigint PRIMARY KEY);",
      code: "-- this table is small\nALTER TABLE settings ADD COLUMN note text;\n",
      lines: [2],
      severities: ["warning"],
    },
    {
      framework: "sql",
      name: "the first statement that takes a lock others wait on is a DROP INDEX (ACCESS EXCLUSIVE on its table), before the ALTER TABLE",
      path: "prisma/migrations/20231206073509_add_multiple_subscriptions/migration.sql",
      files: { "prisma/migrations/20231101000000_init/migration.sql": 'CREATE TABLE "Subscription" (id int PRIMARY KEY, "planId" text, "customerId" text);\nCREATE UNIQUE INDEX "Subscription_customerId_key" ON "Subscription" ("customerId");\n' },
      schema: 'CREATE TABLE "Subscription" (id int PRIMARY KEY, "planId" text, "customerId" text);\nCREATE UNIQUE INDEX "Subscription_customerId_key" ON "Subscription" ("customerId");',
      code: 'DELETE FROM "Subscription" WHERE "planId" IS NULL;\nDROP INDEX "Subscription_customerId_key";\nALTER TABLE "Subscription" ALTER COLUMN "planId" SET NOT NULL;\n',
      lines: [2],
    },
    { framework: "sql", name: "ALTER TABLE without lock_timeout (reported once)", schema: "CREATE TABLE orders (id bigint PRIMARY KEY);", code: "ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN tag text;", lines: [1] },
    { framework: "sql", name: "lock_timeout set too late", schema: "CREATE TABLE orders (id bigint PRIMARY KEY);", code: "ALTER TABLE orders ADD COLUMN note text;\nSET lock_timeout = '2s';", lines: [1] },
    {
      framework: "sql",
      name: "golang-migrate file holding a CONCURRENTLY statement: no SET in the file (it would join the statement's one-query transaction), the connection's setting instead",
      path: "migrations/000130_accessory.up.sql",
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY);",
      code: "ALTER TABLE orders ADD COLUMN note text;\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);",
      lines: [1],
      fixes: [
        "-- this file holds a CONCURRENTLY statement, which golang-migrate can run only alone in its file (the file is one query,\n-- one transaction): a SET lock_timeout beside it would make it fail.\n-- set it for the migration's connection instead: golang-migrate's postgres and pgx drivers pass a run-time\n-- parameter of the database URL to the server, e.g. postgres://user@host/db?lock_timeout=5000 (milliseconds)",
      ],
    },
    {
      framework: "sql",
      name: "Prisma migration.sql holding a CONCURRENTLY statement: the role's setting, for the role that runs it (CURRENT_USER, no role name made up)",
      path: "prisma/migrations/20240101000000_note/migration.sql",
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY);",
      code: "ALTER TABLE orders ADD COLUMN note text;\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);",
      lines: [1],
      fixes: [
        "-- this file holds a CONCURRENTLY statement, which prisma can run only alone in its file (the file is one query,\n-- one transaction): a SET lock_timeout beside it would make it fail.\n-- set it for the migration's connection instead, e.g. for the role it runs as (run this as that role):\n-- ALTER ROLE CURRENT_USER SET lock_timeout = '5s';",
      ],
    },
  ],
  valid: [
    { framework: "sql", name: "lock_timeout first", code: "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;" },
    { framework: "sql", name: "SET LOCAL via set_config", code: "SELECT set_config('lock_timeout', '2s', true);\nALTER TABLE orders ADD COLUMN note text;" },
    { framework: "sql", name: "only new tables", code: "CREATE TABLE t (id bigint);\nCREATE INDEX t_idx ON t (id);" },
    { framework: "sql", name: "CREATE INDEX CONCURRENTLY does not queue", code: "CREATE INDEX CONCURRENTLY i ON orders (note);" },
  ],
});
