import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "code-before-migrate deploy: no old code runs once the rename has; the new code queries the new name before the rename creates it, so the message says that and the fix ships the rename a release ahead (the view serves that release's code)",
      config: { deploy: "code-before-migrate" },
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, email text);",
      code: "ALTER TABLE users RENAME TO accounts;",
      lines: [1],
      severities: ["error"],
      messages: ["the deploy puts the new code live before this migration runs (config `deploy: code-before-migrate`), and the new code queries accounts, which does not exist until the rename"],
      fixes: [
        "-- the new code is live before this migration runs (the deploy line names the step) and names accounts, which the rename creates:\n-- release 1: the migration below, with the code still naming users (a view keeps users answering for it); release 2: the code that names accounts, and the migration that follows.\n-- Or run the migrations before the step that puts the new code live, in one release.\nALTER TABLE users RENAME TO accounts;\n-- the old name keeps working (reads and writes) until no code uses it:\nCREATE VIEW users AS SELECT * FROM accounts;\n\n-- then a new migration, db/migrations/003_drop_view_users.sql:\n-- in the next deploy, once no running code uses users (PostgreSQL expands * when the view is made, so it reads every column accounts has now, named or not: DROP COLUMN of one of them and DROP TABLE fail while it stands):\nDROP VIEW users;",
      ],
    },
    {
      framework: "sql",
      name: "funnel ccfad4d5e383: the migration then renames columns of the renamed table: one hazard, told by this finding (rename-column's on them are folded), and the view of the fix, made before those renames, keeps the old column names",
      schema: "CREATE TABLE proposal_space (id int PRIMARY KEY, status int);\nINSERT INTO proposal_space VALUES (1, 2);",
      code: "ALTER TABLE proposal_space RENAME TO project;\nALTER TABLE project RENAME COLUMN status TO state;\n",
      lines: [1],
      messages: ["This migration then renames a column of project too, status to state (line 2): the same old code fails on it, one hazard with this one, and the view of the fix, made before it, keeps its old name as well"],
    },
    {
      framework: "sql",
      name: "a later migration creates a table under the old name (users moved aside, then built again): the view that keeps the old name would make it fail, so the fix has that migration drop the view first, and writes no follow-up",
      path: "db/migrations/002_move_users_aside.sql",
      files: {
        "db/migrations/001_init.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);",
        "db/migrations/003_users.sql": "CREATE TABLE users (id uuid PRIMARY KEY, email text);",
      },
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, email text);",
      code: "ALTER TABLE users RENAME TO users_old;",
      lines: [1],
      fixes: [
        'ALTER TABLE users RENAME TO users_old;\n-- the old name keeps working (reads and writes) until no code uses it:\nCREATE VIEW users AS SELECT * FROM users_old;\n-- db/migrations/003_users.sql:1 creates table users again, which fails while the view holds the name ("already exists"): that migration drops the view first: DROP VIEW IF EXISTS users;',
      ],
      thenRuns: "DROP VIEW IF EXISTS users;\nCREATE TABLE users (id uuid PRIMARY KEY, email text);",
    },
    {
      framework: "sql",
      name: "two renames in one migration: the first is reported, for the name the deployed code uses; the name between them existed only inside the migration, so the second is not",
      schema: "CREATE TABLE adjfeedback_stringanswer (id int PRIMARY KEY);",
      code: "ALTER TABLE adjfeedback_stringanswer RENAME TO adjfeedback_answer;\nALTER TABLE adjfeedback_answer RENAME TO registration_answer;\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "two renames in one migration: the fix renames to the name the table ends with and keeps the old one as a view; the rename between them goes away",
      schema: "CREATE TABLE adjfeedback_stringanswer (id int PRIMARY KEY);\nINSERT INTO adjfeedback_stringanswer VALUES (1);",
      code: "ALTER TABLE adjfeedback_stringanswer RENAME TO adjfeedback_answer;\nALTER TABLE adjfeedback_answer RENAME TO registration_answer;\n",
      lines: [1],
      afterFix: { query: "SELECT id FROM registration_answer", rows: [{ id: 1 }] },
      fixes: ["-- written for registration_answer, the name this migration ends with: adjfeedback_answer exists only inside it, so the rename on line 2 goes away\nALTER TABLE adjfeedback_stringanswer RENAME TO registration_answer;\n-- the old name keeps working (reads and writes) until no code uses it:\nCREATE VIEW adjfeedback_stringanswer AS SELECT * FROM registration_answer;\n\n-- then a new migration, db/migrations/002_drop_view_adjfeedback_stringanswer.sql:\n-- in the next deploy, once no running code uses adjfeedback_stringanswer (PostgreSQL expands * when the view is made, so it reads every column registration_answer has now, named or not: DROP COLUMN of one of them and DROP TABLE fail while it stands):\nDROP VIEW adjfeedback_stringanswer;"],
    },
    {
      framework: "sql",
      name: "a later migration drops a column of the renamed table: the view would make it fail on a database migrated from scratch, so the fix says to drop the view before it there, and the follow-up drops it IF EXISTS",
      path: "db/migrations/002_rename_package_resource_revision.sql",
      files: {
        "db/migrations/001_init.sql": "CREATE TABLE package_resource_revision (id text PRIMARY KEY, url text, resource_group_id text);",
        "db/migrations/003_drop_resource_group.sql": "ALTER TABLE resource_revision DROP COLUMN resource_group_id;",
      },
      schema: "CREATE TABLE package_resource_revision (id text PRIMARY KEY, url text, resource_group_id text);\nINSERT INTO package_resource_revision VALUES ('a', 'http://x', 'g');",
      code: "ALTER TABLE package_resource_revision RENAME TO resource_revision;",
      lines: [1],
      fixes: ["ALTER TABLE package_resource_revision RENAME TO resource_revision;\n-- the old name keeps working (reads and writes) until no code uses it:\nCREATE VIEW package_resource_revision AS SELECT * FROM resource_revision;\n-- db/migrations/003_drop_resource_group.sql drops column resource_group_id of resource_revision on line 1, which fails while the view stands: it runs before the follow-up below on a database migrated from scratch,\n-- so that migration drops the view first, before line 1: DROP VIEW IF EXISTS package_resource_revision;\n\n-- then a new migration, db/migrations/004_drop_view_package_resource_revision.sql:\n-- in the next deploy, once no running code uses package_resource_revision (PostgreSQL expands * when the view is made, so it reads every column resource_revision has now, named or not: DROP COLUMN of one of them and DROP TABLE fail while it stands):\nDROP VIEW IF EXISTS package_resource_revision;"],
    },
    {
      framework: "sql",
      name: "golang-migrate: the down renames the table back, which fails while the view holds the old name: the fix drops the view there first",
      path: "migrations/000002_rename_orders.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE orders (id bigint PRIMARY KEY);",
        "migrations/000001_init.down.sql": "DROP TABLE orders;",
        "migrations/000002_rename_orders.down.sql": "ALTER TABLE purchases RENAME TO orders;",
      },
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY);\nINSERT INTO orders VALUES (1);",
      code: "ALTER TABLE orders RENAME TO purchases;",
      lines: [1],
      fixes: ["ALTER TABLE orders RENAME TO purchases;\n-- the old name keeps working (reads and writes) until no code uses it:\nCREATE VIEW orders AS SELECT * FROM purchases;\n-- and in the down, before the table is renamed back: DROP VIEW IF EXISTS orders;\n\n-- then a new migration, migrations/000003_drop_view_orders.up.sql:\n-- in the next deploy, once no running code uses orders (PostgreSQL expands * when the view is made, so it reads every column purchases has now, named or not: DROP COLUMN of one of them and DROP TABLE fail while it stands):\nDROP VIEW orders;"],
    },
    { framework: "sql", name: "rename a live table", schema: "CREATE TABLE workertaskexecutions (id bigint PRIMARY KEY);", code: "ALTER TABLE workertaskexecutions RENAME TO subflow_executions;", lines: [1] },
    {
      framework: "sql",
      name: "a view under another name does not keep the old name working",
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz);",
      code: "ALTER TABLE orders RENAME TO purchases;\nCREATE VIEW recent_purchases AS SELECT * FROM purchases WHERE created_at > now() - interval '1 day';",
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "the table moved aside and rebuilt under its name",
      code: "ALTER TABLE current_nodes RENAME TO current_nodes_v5;\nCREATE TABLE current_nodes (id bigint PRIMARY KEY, latitude integer NOT NULL, longitude integer NOT NULL);\nINSERT INTO current_nodes SELECT id, round(latitude * 10000000), round(longitude * 10000000) FROM current_nodes_v5;\nDROP TABLE current_nodes_v5;\n",
    },
    {
      framework: "sql",
      name: "a serial column's sequence renamed with ALTER TABLE (PostgreSQL's <table>_<column>_seq name): no code names it",
      code: "ALTER TABLE IF EXISTS ipam_l2vpn_id_seq RENAME TO vpn_l2vpn_id_seq;",
    },
    { framework: "sql", name: "rename a table created here", code: "CREATE TABLE tmp (id int);\nALTER TABLE tmp RENAME TO final;" },
    {
      framework: "sql",
      name: "rename with a compatibility view under the old name (drop the view once no code uses it)",
      code: "ALTER TABLE orders RENAME TO purchases;\nCREATE VIEW orders AS SELECT * FROM purchases;",
    },
  ],
});
