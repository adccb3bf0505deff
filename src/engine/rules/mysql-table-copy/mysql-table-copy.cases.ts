import { defineCases } from "../support/rule.js";

const mysql = { database: "mysql" };

/** An earlier migration that creates events and adds `count` columns one ALTER at a time (each one row version on MySQL 8.0.29+). */
const columnsAddedOneByOne = (count: number, extra = "") => ({
  "db/migrations/001_events.sql": [
    "CREATE TABLE events (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY);",
    ...Array.from({ length: count }, (_, i) => `ALTER TABLE events ADD COLUMN c${i + 1} int;`),
    extra,
  ].join("\n"),
});

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "MODIFY of a column whose previous type is unknown (a warning), CONVERT TO CHARACTER SET, FULLTEXT",
      config: mysql,
      code: `ALTER TABLE orders MODIFY total decimal(14,2) NOT NULL;
ALTER TABLE customers CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER TABLE posts ADD FULLTEXT INDEX ft_body (body);
`,
      lines: [1, 2, 3],
    },
    {
      framework: "sql",
      name: "MODIFY to another type than the one an earlier migration created: the table is copied (an error)",
      config: mysql,
      files: { "db/migrations/001_orders.sql": "CREATE TABLE orders (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, total int NOT NULL);\n" },
      path: "db/migrations/002_total.sql",
      code: `ALTER TABLE orders MODIFY total decimal(14,2) NOT NULL;
`,
      lines: [1],
      // the database is the connection's, named by no migration: a shell variable the fix says, no <database>
      fixes: [
        [
          "-- run the change online, outside the migration (gh-ost or pt-online-schema-change copy the table in the background",
          "-- and swap it in), then keep this migration as the record that it ran:",
          "--  (MYSQL_DATABASE: the database the migrations run in, which they do not name)",
          '--  gh-ost --database="$MYSQL_DATABASE" --table=orders --alter="MODIFY total decimal(14,2) NOT NULL" --execute',
          '--  pt-online-schema-change --alter "MODIFY total decimal(14,2) NOT NULL" D="$MYSQL_DATABASE",t=orders --execute',
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      name: "a foreign key added while foreign_key_checks is on; the primary key dropped without another",
      config: mysql,
      code: `ALTER TABLE line_items ADD CONSTRAINT fk_order FOREIGN KEY (order_id) REFERENCES orders (id);
ALTER TABLE events DROP PRIMARY KEY;
`,
      lines: [1, 2],
    },
    {
      framework: "sql",
      name: "a new primary key, or one swapped in one statement, rebuilds the table in place (a warning); names MySQL reserves stay in backticks",
      config: mysql,
      schema: "CREATE TABLE events (id bigint NOT NULL, created_at datetime NOT NULL, PRIMARY KEY (id));\nCREATE TABLE `order` (`rank` int NOT NULL);\nINSERT INTO `order` VALUES (1);",
      code: `ALTER TABLE events DROP PRIMARY KEY, ADD PRIMARY KEY (id, created_at);
ALTER TABLE \`order\` ADD PRIMARY KEY (\`rank\`);
`,
      lines: [1, 2],
      severities: ["warning", "warning"],
    },
    {
      framework: "sql",
      name: "an AUTO_INCREMENT column added to a table with rows (an id for a table made without one): the rebuild numbers every row and no write runs meanwhile",
      config: mysql,
      schema:
        "CREATE TABLE legacy_events (name varchar(20) NOT NULL);\nINSERT INTO legacy_events VALUES ('a'), ('b');\nCREATE TABLE events (id bigint NOT NULL PRIMARY KEY, body text);\nINSERT INTO events VALUES (1, 'x'), (2, 'y');",
      code: `ALTER TABLE legacy_events ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;
ALTER TABLE events ADD COLUMN seq INT NOT NULL AUTO_INCREMENT, ADD UNIQUE KEY uq_events_seq (seq);
`,
      lines: [1, 2],
      severities: ["error", "error"],
    },
    {
      framework: "sql",
      name: "a primary key on a column the same statement adds (no AUTO_INCREMENT): every row gets the same value, so the ALTER fails on a duplicate entry",
      config: mysql,
      schema: "CREATE TABLE tags (name varchar(20) NOT NULL);\nCREATE TABLE labels (name varchar(20) NOT NULL);",
      code: `ALTER TABLE tags ADD COLUMN code CHAR(8) NOT NULL PRIMARY KEY;
ALTER TABLE labels ADD COLUMN num INT NOT NULL, ADD PRIMARY KEY (num);
`,
      lines: [1, 2],
      severities: ["error", "error"],
    },
    {
      framework: "sql",
      name: "the 65th instant ADD COLUMN on MySQL 8.0.29+: the table is at the 64-row-version limit, so this one rebuilds it (a warning with the query that tells)",
      config: mysql,
      path: "db/migrations/002_note.sql",
      files: columnsAddedOneByOne(64),
      code: `ALTER TABLE events ADD COLUMN note text;
`,
      lines: [1],
      severities: ["warning"],
    },
    {
      framework: "sql",
      name: "MariaDB: the same table copies",
      config: { database: "mariadb", database_version: "10.11" },
      code: `CREATE FULLTEXT INDEX ft_title ON articles (title);
`,
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "MODIFY that only makes a column NOT NULL, its type read from the ADD COLUMN before it (ory/hydra's client metadata): in place, writes go on",
      config: mysql,
      code: `ALTER TABLE hydra_client ADD metadata TEXT NULL;

UPDATE hydra_client SET metadata='{}';

ALTER TABLE hydra_client MODIFY metadata TEXT NOT NULL;
`,
    },
    {
      framework: "sql",
      name: "online changes: ADD INDEX, ADD/DROP/RENAME COLUMN, defaults; a new table",
      config: mysql,
      code: `ALTER TABLE orders ADD INDEX idx_customer (customer_id), ADD COLUMN note varchar(200), ALTER COLUMN status SET DEFAULT 'new';
ALTER TABLE orders DROP COLUMN legacy, RENAME COLUMN ref TO reference;
CREATE TABLE audits (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, body text);
ALTER TABLE audits ADD FULLTEXT INDEX ft_body (body), MODIFY body mediumtext;
`,
    },
    {
      framework: "sql",
      name: "ALGORITHM=INPLACE makes MySQL refuse instead of copying; foreign_key_checks=0 lets the key be added in place; a primary key swapped in one statement",
      config: mysql,
      code: `ALTER TABLE orders MODIFY total decimal(14,2) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;
SET foreign_key_checks = 0;
ALTER TABLE line_items ADD CONSTRAINT fk_order FOREIGN KEY (order_id) REFERENCES orders (id);
SET foreign_key_checks = 1;
ALTER TABLE events DROP PRIMARY KEY, ADD PRIMARY KEY (id, created_at), ALGORITHM=INPLACE, LOCK=NONE;
`,
    },
    {
      framework: "sql",
      name: "an AUTO_INCREMENT column with the lock named (LOCK=SHARED: the statement says it blocks writes), or on a table this migration creates",
      config: mysql,
      code: `ALTER TABLE legacy_events ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST, ALGORITHM=INPLACE, LOCK=SHARED;
CREATE TABLE imports (name varchar(20) NOT NULL);
ALTER TABLE imports ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;
`,
    },
    {
      framework: "sql",
      name: "a key column added to a table this migration creates: no rows yet",
      config: mysql,
      code: `CREATE TABLE tags (name varchar(20) NOT NULL);
ALTER TABLE tags ADD COLUMN code CHAR(8) NOT NULL PRIMARY KEY;
`,
    },
    {
      framework: "sql",
      name: "63 instant column changes: one row version left",
      config: mysql,
      path: "db/migrations/002_note.sql",
      files: columnsAddedOneByOne(63),
      code: `ALTER TABLE events ADD COLUMN note text;
`,
    },
    {
      framework: "sql",
      name: "100 instant column changes: the 65th rebuilt the table (no algorithm named), so it is at 35 row versions",
      config: mysql,
      path: "db/migrations/002_note.sql",
      files: columnsAddedOneByOne(100),
      code: `ALTER TABLE events ADD COLUMN note text;
`,
    },
    {
      framework: "sql",
      name: "64 columns added two per ALTER: 32 row versions (one per statement)",
      config: mysql,
      path: "db/migrations/002_note.sql",
      files: {
        "db/migrations/001_events.sql": [
          "CREATE TABLE events (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY);",
          ...Array.from({ length: 32 }, (_, i) => `ALTER TABLE events ADD COLUMN a${i + 1} int, ADD COLUMN b${i + 1} int;`),
        ].join("\n"),
      },
      code: `ALTER TABLE events ADD COLUMN note text;
`,
    },
    {
      framework: "sql",
      name: "64 instant column changes, then a rebuild (a type change copies the table and resets the count)",
      config: mysql,
      path: "db/migrations/002_note.sql",
      files: columnsAddedOneByOne(64, "ALTER TABLE events MODIFY c1 bigint;"),
      code: `ALTER TABLE events ADD COLUMN note text;
`,
    },
    {
      framework: "sql",
      name: "64 instant column changes on MariaDB: no row-version limit there",
      config: { database: "mariadb", database_version: "10.11" },
      path: "db/migrations/002_note.sql",
      files: columnsAddedOneByOne(64),
      code: `ALTER TABLE events ADD COLUMN note text;
`,
    },
    {
      framework: "sql",
      name: "MySQL 8.0.28: instant ADD COLUMN has no row-version limit yet",
      config: { database: "mysql", database_version: "8.0.28" },
      path: "db/migrations/002_note.sql",
      files: columnsAddedOneByOne(64),
      code: `ALTER TABLE events ADD COLUMN note text;
`,
    },
    {
      framework: "sql",
      name: "on PostgreSQL this rule says nothing (index-without-concurrently and column-type-change do)",
      code: `ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);
CREATE INDEX idx ON posts USING gin (to_tsvector('english', body));
`,
    },
  ],
});
