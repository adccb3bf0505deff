import { defineCases } from "../support/rule.js";

/** posts and comments, comments.post_id a foreign key ON DELETE CASCADE with one index of its own */
const INIT = "CREATE TABLE posts (id bigint PRIMARY KEY);\nCREATE TABLE comments (id bigint PRIMARY KEY, post_id bigint REFERENCES posts (id) ON DELETE CASCADE, created_at timestamptz);\nCREATE INDEX comments_post_id_idx ON comments (post_id);\n";

/** the key's only index is a composite one, (post_id, created_at) */
const COMPOSITE = "CREATE TABLE posts (id bigint PRIMARY KEY);\nCREATE TABLE comments (id bigint PRIMARY KEY, post_id bigint CONSTRAINT comments_post_fk REFERENCES posts (id), created_at timestamptz);\nCREATE INDEX comments_post_created_idx ON comments (post_id, created_at);\n";

/** a join table: its primary key (post_id, tag_id) covers post_id, and tag_id has an index of its own */
const TAGGINGS = "CREATE TABLE posts (id bigint PRIMARY KEY);\nCREATE TABLE tags (id bigint PRIMARY KEY);\nCREATE TABLE taggings (post_id bigint REFERENCES posts (id), tag_id bigint REFERENCES tags (id), PRIMARY KEY (post_id, tag_id));\nCREATE INDEX taggings_post_id_idx ON taggings (post_id);\nCREATE INDEX taggings_tag_id_idx ON taggings (tag_id);\n";

const MYSQL_INIT = "CREATE TABLE posts (id bigint PRIMARY KEY);\nCREATE TABLE comments (id bigint PRIMARY KEY, post_id bigint, created_at datetime, CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id));\nCREATE INDEX comments_post_created_idx ON comments (post_id, created_at);\n";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "the only index of an ON DELETE CASCADE key: every delete of a post scans comments; the fix keeps it",
      path: "migrations/002_drop_idx.sql",
      schema: INIT,
      files: { "migrations/001_init.sql": INIT },
      code: "DROP INDEX comments_post_id_idx;\n",
      lines: [1],
      severities: ["warning"],
      messages: ["Dropping comments_post_id_idx leaves the foreign key comments_post_id_fkey (post_id) -> posts with no index on comments (post_id): every DELETE on posts, and every update of its key, then scans comments for each row, holding its locks for the scan (ON DELETE CASCADE deletes the child rows by those scans)."],
      fixes: [
        "-- Keep comments_post_id_idx: it is the only index of the foreign key comments_post_id_fkey (post_id) -> posts. Delete the drop of line 1.\n" +
          "-- If the key itself is no longer wanted, drop the key first (ALTER TABLE comments DROP CONSTRAINT comments_post_id_fkey), then the index.",
      ],
    },
    {
      framework: "sql",
      name: "a composite index whose leading column is the key's, the key's only index: the fix builds one on the key's column CONCURRENTLY before the drop",
      path: "migrations/002_drop_idx.sql",
      schema: COMPOSITE,
      files: { "migrations/001_init.sql": COMPOSITE },
      code: "DROP INDEX CONCURRENTLY comments_post_created_idx;\n",
      lines: [1],
      fixes: [
        "-- outside a transaction:\n-- the foreign key comments_post_fk (post_id) -> posts keeps an index on its columns, built before the drop\n" +
          "CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_post_id_idx ON comments (post_id);\nDROP INDEX CONCURRENTLY IF EXISTS comments_post_created_idx;",
      ],
    },
    {
      framework: "sql",
      name: "the same migration drops the primary key that also covered the key, then the key's own index",
      path: "migrations/002_drop_idx.sql",
      schema: TAGGINGS,
      files: { "migrations/001_init.sql": TAGGINGS },
      code: "ALTER TABLE taggings DROP CONSTRAINT taggings_pkey;\nDROP INDEX taggings_post_id_idx;\n",
      lines: [2],
    },
    {
      framework: "sql",
      name: "MySQL: InnoDB refuses to drop the key's only index (ERROR 1553), an error; the fix builds an index on the key's column first",
      path: "migrations/002_drop_idx.sql",
      config: { database: "mysql" },
      schema: MYSQL_INIT,
      files: { "migrations/001_init.sql": MYSQL_INIT },
      code: "DROP INDEX comments_post_created_idx ON comments;\n",
      lines: [1],
      severities: ["error"],
      messages: ["MySQL refuses to drop comments_post_created_idx: it is the only index of the foreign key comments_post_fk (post_id) -> posts on comments, and InnoDB needs one whose leftmost columns are the key's (ERROR 1553: needed in a foreign key constraint). The migration fails."],
      fixes: [
        "-- the foreign key comments_post_fk (post_id) -> posts keeps an index on its columns, built before the drop\nCREATE INDEX comments_post_id_idx ON comments (post_id);\nDROP INDEX comments_post_created_idx ON comments;",
      ],
    },
    {
      framework: "sql",
      name: "dropped CONCURRENTLY and built again CONCURRENTLY after: a note on the window between the two, when deletes of posts scan comments",
      path: "migrations/002_drop_idx.sql",
      schema: INIT,
      files: { "migrations/001_init.sql": INIT },
      code: "DROP INDEX CONCURRENTLY comments_post_id_idx;\nCREATE INDEX CONCURRENTLY comments_post_id_new ON comments (post_id);\n",
      lines: [1],
      severities: ["info"],
      fixes: [
        "-- build the new index before the drop: the foreign key comments_post_id_fkey (post_id) -> posts keeps an index throughout\n" +
          "CREATE INDEX CONCURRENTLY comments_post_id_new ON comments (post_id);\nDROP INDEX CONCURRENTLY comments_post_id_idx;",
      ],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "another index still covers the key (the primary key of a join table leads with post_id)",
      path: "migrations/002_drop_idx.sql",
      schema: TAGGINGS,
      files: { "migrations/001_init.sql": TAGGINGS },
      code: "DROP INDEX CONCURRENTLY taggings_post_id_idx;\n",
    },
    {
      framework: "sql",
      name: "the index that stays covers the key: the dropped one was the second of two on post_id",
      path: "migrations/002_drop_idx.sql",
      files: { "migrations/001_init.sql": `${INIT}CREATE INDEX comments_post_id_created_at_idx ON comments (post_id, created_at);\n` },
      code: "DROP INDEX CONCURRENTLY comments_post_id_idx;\n",
    },
    {
      framework: "sql",
      name: "the same migration drops the foreign key first",
      path: "migrations/002_drop_idx.sql",
      files: { "migrations/001_init.sql": INIT },
      code: "ALTER TABLE comments DROP CONSTRAINT comments_post_id_fkey;\nDROP INDEX comments_post_id_idx;\n",
    },
    {
      framework: "sql",
      name: "the same migration drops the key's column",
      path: "migrations/002_drop_idx.sql",
      files: { "migrations/001_init.sql": INIT },
      code: "DROP INDEX comments_post_id_idx;\nALTER TABLE comments DROP COLUMN post_id;\n",
    },
    {
      framework: "sql",
      name: "a covering index built CONCURRENTLY before the drop (the replacement)",
      path: "migrations/002_drop_idx.sql",
      files: { "migrations/001_init.sql": COMPOSITE },
      code: "CREATE INDEX CONCURRENTLY comments_post_id_idx ON comments (post_id);\nDROP INDEX CONCURRENTLY comments_post_created_idx;\n",
    },
    {
      framework: "sql",
      name: "dropped and built again in one transaction: no other session sees the table without it",
      path: "migrations/002_drop_idx.sql",
      files: { "migrations/001_init.sql": INIT },
      code: "BEGIN;\nDROP INDEX comments_post_id_idx;\nCREATE INDEX comments_post_id_idx ON comments (post_id);\nCOMMIT;\n",
    },
    {
      framework: "sql",
      name: "an index that covers no foreign key (created_at)",
      path: "migrations/002_drop_idx.sql",
      files: { "migrations/001_init.sql": `${INIT}CREATE INDEX comments_created_at_idx ON comments (created_at);\n` },
      code: "DROP INDEX CONCURRENTLY comments_created_at_idx;\n",
    },
    {
      framework: "sql",
      name: "a composite index whose leading column is not the key's (created_at, post_id) covers no key check alone",
      path: "migrations/002_drop_idx.sql",
      files: { "migrations/001_init.sql": `${INIT}CREATE INDEX comments_created_post_idx ON comments (created_at, post_id);\n` },
      code: "DROP INDEX CONCURRENTLY comments_created_post_idx;\n",
    },
    {
      framework: "sql",
      name: "the table is dropped in the same migration",
      path: "migrations/002_drop_idx.sql",
      files: { "migrations/001_init.sql": INIT },
      code: "DROP INDEX comments_post_id_idx;\nDROP TABLE comments;\n",
    },
  ],
});
