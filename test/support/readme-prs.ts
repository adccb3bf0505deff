/**
 * Three pull requests the README makes promises about, shared by the CLI, in-process App and queue tests, so
 * each entry point is held to the same outcome:
 *  - LOCKS: a golang-migrate pair that builds an index and sets NOT NULL, whose down forgets the index: the
 *    check summary has the measured lock table (SHARE for the index, ACCESS EXCLUSIVE for SET NOT NULL);
 *  - SAFE: creates a table and adds a nullable column, with a down: success, no inline comment;
 *  - EMPTY_DOWN: a 0-byte .down.sql: `empty-down` with its fix, no syntax error.
 * The base branch has the users table the migrations build on.
 */
export const BASE = {
  "README.md": "# Shop\n",
  "db/migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
  "db/migrations/000001_users.down.sql": "DROP TABLE users;\n",
};

export const LOCKS_UP = "db/migrations/000002_email.up.sql";
export const LOCKS_DOWN = "db/migrations/000002_email.down.sql";
export const LOCKS = {
  [LOCKS_UP]: "CREATE INDEX users_email_idx ON users (email);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n",
  // forgets the index
  [LOCKS_DOWN]: "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n",
};

export const SAFE_UP = "db/migrations/000002_notes.up.sql";
export const SAFE = {
  [SAFE_UP]: "CREATE TABLE notes (id bigint PRIMARY KEY, body text);\nALTER TABLE users ADD COLUMN nickname text;\n",
  "db/migrations/000002_notes.down.sql": "ALTER TABLE users DROP COLUMN nickname;\nDROP TABLE notes;\n",
};

export const EMPTY_DOWN_UP = "db/migrations/000002_tags.up.sql";
export const EMPTY_DOWN_DOWN = "db/migrations/000002_tags.down.sql";
export const EMPTY_DOWN = {
  [EMPTY_DOWN_UP]: "CREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL);\n",
  [EMPTY_DOWN_DOWN]: "",
};

/** The lock table's rows as the check summary (markdown) shows them: line, lock, blocks reads, blocks writes. */
export function lockRows(markdown: string): string[][] {
  return markdown
    .split("\n")
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => line.split("|").map((cell) => cell.trim()).filter(Boolean));
}
