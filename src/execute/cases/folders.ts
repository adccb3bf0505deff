/** Migration folders the execution cases are written with: golang-migrate pairs, and the table most cases start from. */

export const MIGRATIONS_DIR = "db/migrations";

/** `{ "002_notes": [up, down] }` -> `db/migrations/002_notes.up.sql` and `.down.sql` (no down when omitted). */
export function golangMigrate(migrations: Record<string, readonly [up: string, down?: string]>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, [up, down]] of Object.entries(migrations)) {
    files[`${MIGRATIONS_DIR}/${name}.up.sql`] = up;
    if (down !== undefined) files[`${MIGRATIONS_DIR}/${name}.down.sql`] = down;
  }
  return files;
}

/** The first migration of most cases' folders: a users table, and its down. */
export const USERS = {
  "001_users": ["CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text,\n  name varchar(50)\n);\n", "DROP TABLE users;\n"],
} as const;
