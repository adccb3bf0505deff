import { defineCases } from "../support/rule.js";

/** crowd.dev's backend/src/database/flyway_migrate.sh: migrate, as one command continued over lines */
const FLYWAY_MIGRATE = '#!/usr/bin/env bash\n\nset -e\nflyway \\\n    -locations="filesystem:/tmp/migrations" \\\n    -url="jdbc:postgresql://${PGHOST}:${PGPORT}/${PGDATABASE}" \\\n    -schemas=public \\\n    migrate\n';

/**
 * A diesel folder (vaultwarden's layout: migrations/postgresql/<date>_<name>/up.sql and down.sql) of earlier
 * migrations, one per entry, in order: true writes a real down, false leaves down.sql empty.
 */
const dieselFolder = (downs: readonly boolean[]): Record<string, string> =>
  Object.fromEntries(
    downs.flatMap((written, i) => {
      const dir = `migrations/postgresql/2023-01-${String(i + 1).padStart(2, "0")}-000000_step${i + 1}`;
      return [
        [`${dir}/up.sql`, `ALTER TABLE t${i + 1} ADD COLUMN c text;\n`],
        [`${dir}/down.sql`, written ? `ALTER TABLE t${i + 1} DROP COLUMN c;\n` : ""],
      ];
    }),
  );
const repeat = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

/** dbmate files (supabase/postgres' layout) whose `-- migrate:down` section is left empty. */
const dbmateUpOnly = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`db/migrations/2024010${i + 1}000000_step.sql`, `-- migrate:up\nALTER TABLE t${i + 1} ADD COLUMN c text;\n\n-- migrate:down\n`]));

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "golang-migrate: an integer column made uuid (USING NULL): PostgreSQL has no cast from uuid back to integer, so the fix says the values cannot be converted back instead of a USING it rejects",
      schema: "CREATE TABLE events (id bigint PRIMARY KEY, visit_id integer);",
      files: {
        "migrations/000001_events.up.sql": "CREATE TABLE events (id bigint PRIMARY KEY, visit_id integer);\n",
        "migrations/000002_visit_uuid.down.sql": "",
      },
      path: "migrations/000002_visit_uuid.up.sql",
      code: "ALTER TABLE events ALTER COLUMN visit_id TYPE uuid USING NULL;",
      lines: [1],
      severities: ["error"],
      fixes: [
        "-- line 1 changes events.visit_id from integer to uuid, and PostgreSQL has no cast from uuid to integer: no USING computes the old values back; restore them from a copy kept before the up\n" +
          "DO $$ BEGIN RAISE EXCEPTION 'irreversible: line 1 changes events.visit_id from integer to uuid, and PostgreSQL has no cast from uuid to integer: no USING computes the old values back; restore them from a copy kept before the up'; END $$;",
      ],
    },
    {
      framework: "sql",
      name: "golang-migrate: an UPDATE that only fills the columns the migration just before added empty: a note that their rollback drops them",
      schema: "CREATE TABLE people (id bigint PRIMARY KEY, name text);\nALTER TABLE people ADD COLUMN first_name text;",
      files: {
        "migrations/000001_people.up.sql": "CREATE TABLE people (id bigint PRIMARY KEY, name text);\n",
        "migrations/000002_add_first_name.up.sql": "ALTER TABLE people ADD COLUMN first_name text;\n",
        "migrations/000003_backfill_first_name.down.sql": "",
      },
      path: "migrations/000003_backfill_first_name.up.sql",
      code: "UPDATE people SET first_name = split_part(name, ' ', 1);",
      lines: [1],
      severities: ["info"],
      messages: ["only writes first_name of people, which migrations/000002_add_first_name.up.sql, the migration just before it, added with no value"],
      fixRunsAfter: "up",
    },
    {
      framework: "sql",
      name: "golang-migrate: the UPDATE also overwrites a column older than the migration just before: the plain data-change note",
      schema: "CREATE TABLE people (id bigint PRIMARY KEY, name text);\nALTER TABLE people ADD COLUMN first_name text;",
      files: {
        "migrations/000001_people.up.sql": "CREATE TABLE people (id bigint PRIMARY KEY, name text);\n",
        "migrations/000002_add_first_name.up.sql": "ALTER TABLE people ADD COLUMN first_name text;\n",
        "migrations/000003_backfill_first_name.down.sql": "",
      },
      path: "migrations/000003_backfill_first_name.up.sql",
      code: "UPDATE people SET first_name = split_part(name, ' ', 1), name = trim(name);",
      lines: [1],
      severities: ["info"],
      messages: ["this migration only changes rows, not the schema, so a rollback has no schema to restore"],
      fixRunsAfter: "up",
    },
    {
      framework: "sql",
      name: "golang-migrate: DROP NOT NULL on columns of which only some had it: the down sets NOT NULL back on those alone, as the migration that created the table defined them",
      schema: "CREATE TABLE spans (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz, created_by_id uuid NOT NULL, deleted_by_id uuid);",
      files: { "migrations/000001_spans.up.sql": "CREATE TABLE spans (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz, created_by_id uuid NOT NULL, deleted_by_id uuid);\n", "migrations/000002_relax.down.sql": "" },
      path: "migrations/000002_relax.up.sql",
      code: "ALTER TABLE spans ALTER COLUMN created_at DROP NOT NULL;\nALTER TABLE spans ALTER COLUMN deleted_at DROP NOT NULL;\nALTER TABLE spans ALTER COLUMN created_by_id DROP NOT NULL;\nALTER TABLE spans ALTER COLUMN deleted_by_id DROP NOT NULL;",
      lines: [1],
      fixRunsAfter: "up",
      fixes: [
        "ALTER TABLE spans ALTER COLUMN created_by_id SET NOT NULL;  -- fails if rows with NULL were written since the up\nALTER TABLE spans ALTER COLUMN created_at SET NOT NULL;  -- fails if rows with NULL were written since the up",
      ],
    },
    {
      framework: "sql",
      name: "golang-migrate: DROP NOT NULL on a column no earlier migration defines: the down says its earlier nullability is unknown instead of guessing NOT NULL",
      schema: "CREATE TABLE audit_log (id bigint PRIMARY KEY, actor_id uuid NOT NULL);",
      files: { "migrations/000002_relax.down.sql": "" },
      path: "migrations/000002_relax.up.sql",
      code: "ALTER TABLE audit_log ALTER COLUMN actor_id DROP NOT NULL;",
      lines: [1],
      fixRunsAfter: "up",
      fixes: [
        "-- line 1 drops NOT NULL on audit_log.actor_id: no earlier migration migguard read says whether it was NOT NULL before (none defines the column, or one changed it since); if it was, ALTER TABLE audit_log ALTER COLUMN actor_id SET NOT NULL here (it fails if rows with NULL were written since)",
      ],
    },
    {
      framework: "sql",
      name: "golang-migrate .down.sql that says why it is empty: a note that quotes it (the path and line of the comment)",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY);",
      path: "migrations/000021_add_locale.up.sql",
      code: "ALTER TABLE users ADD COLUMN locale text;",
      files: { "migrations/000021_add_locale.down.sql": "-- Intentionally empty: the mobile app of the previous release\n-- already sends locale, so the column must survive a rollback.\n" },
      lines: [1],
      severities: ["info"],
      messages: ["(line 1 of migrations/000021_add_locale.down.sql)"],
      fixRunsAfter: "up",
    },
    { framework: "sql", name: "dbmate with an empty migrate:down", schema: "CREATE ROLE authenticator;", path: "db/migrations/20221028101028_set_timeout.sql", code: "-- migrate:up\nALTER ROLE authenticator SET statement_timeout = '8s';\n\n-- migrate:down\n", lines: [2], fixRunsAfter: "up" },
    {
      framework: "sql",
      name: "golang-migrate .down.sql with only a comment",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, fax text);",
      path: "migrations/000020_drop_fax.up.sql",
      code: "ALTER TABLE users DROP COLUMN fax;",
      files: { "migrations/000020_drop_fax.down.sql": "-- nothing to do\n" },
      lines: [1],
      fixRunsAfter: "up",
      // the fix says what migguard cannot know, and stops the down there instead of reporting success
      fixes: [
        "-- line 1 drops users.fax: add it back with its earlier definition (its values cannot come back)\nDO $$ BEGIN RAISE EXCEPTION 'irreversible: line 1 drops users.fax: add it back with its earlier definition (its values cannot come back)'; END $$;",
      ],
    },
    { framework: "sql", name: "goose Down section with no statement", schema: "CREATE TABLE t (a int);", path: "db/migrations/00020_idx.sql", code: "-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +goose Down\n", lines: [2], fixRunsAfter: "up", fixes: ["DROP INDEX CONCURRENTLY i;"] },
    {
      framework: "rails",
      name: "a data-only migration with an empty down (a note: the data stays as the up left it)",
      code: `class AddInviteBypassPermission < ActiveRecord::Migration[8.1]
  class UserRole < ApplicationRecord; end

  def up
    UserRole.where("permissions & (1 << 16) = 1 << 16").update_all("permissions = permissions | (1 << 21)")
  end

  def down; end
end
`,
      lines: [8],
    },
    {
      framework: "sql",
      name: "Flyway: an empty U file, and a deploy script that runs flyway undo: the undo runs it, so the empty down stays an error",
      path: "backend/src/database/migrations/V1720437208__drop_member_aggregates.sql",
      schema: "CREATE TABLE member_aggregates (id int PRIMARY KEY, total int);\nCREATE INDEX member_aggregates_idx ON member_aggregates (total);",
      code: "DROP INDEX member_aggregates_idx;\n",
      files: {
        "backend/src/database/migrations/V1700000000__member_aggregates.sql": "CREATE TABLE member_aggregates (id int PRIMARY KEY, total int);\nCREATE INDEX member_aggregates_idx ON member_aggregates (total);\n",
        "backend/src/database/migrations/U1720437208__drop_member_aggregates.sql": "",
        "backend/src/database/flyway_migrate.sh": FLYWAY_MIGRATE,
        "backend/src/database/flyway_rollback.sh": "#!/usr/bin/env bash\nflyway -url=\"$URL\" \\\n    undo\n",
      },
      lines: [1],
      severities: ["error"],
      fixRunsAfter: "up",
    },
    {
      framework: "sql",
      name: "diesel: 7 of the 10 migrations just before it leave down.sql empty (two older ones wrote real downs, as vaultwarden's first ones did): the folder's habit, a note naming the config lines, with the inverse as its fix",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY);",
      files: {
        ...dieselFolder([true, true, false, true, false, false, true, false, false, true, false, false]),
        "migrations/postgresql/2024-01-01-000000_add_color/down.sql": "",
      },
      path: "migrations/postgresql/2024-01-01-000000_add_color/up.sql",
      code: "ALTER TABLE users ADD COLUMN color text;",
      lines: [1],
      severities: ["info"],
      messages: ["7 of the 10 most recent earlier migrations in migrations/postgresql/ have no down or an empty one: the project rolls forward rather than back, so this is a note. `rules: { empty-down: off }` in .github/migguard.yml turns this check off; `rules: { empty-down: error }` makes every such down a required fix again."],
      fixes: ["ALTER TABLE users DROP COLUMN color;"],
      fixRunsAfter: "up",
    },
    {
      framework: "sql",
      name: "diesel: half of the 10 migrations just before it leave down.sql empty, the other half write a real one (vaultwarden's MySQL folder before add_avatar_color): a mixed habit is still one of shipping migrations without a way back, a note",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY);",
      files: {
        ...dieselFolder([true, true, true, false, false, false, true, true, false, false, true, true]),
        "migrations/postgresql/2024-01-01-000000_add_color/down.sql": "",
      },
      path: "migrations/postgresql/2024-01-01-000000_add_color/up.sql",
      code: "ALTER TABLE users ADD COLUMN color text;",
      lines: [1],
      severities: ["info"],
      messages: ["5 of the 10 most recent earlier migrations in migrations/postgresql/ have no down or an empty one: the project rolls forward rather than back, so this is a note."],
      fixes: ["ALTER TABLE users DROP COLUMN color;"],
      fixRunsAfter: "up",
    },
    {
      framework: "sql",
      name: "diesel: only 4 of the 10 migrations just before it leave down.sql empty, and older ones were all empty: the team writes downs now, so an empty one is a lapse and keeps the rule's severity",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY);",
      files: {
        ...dieselFolder([...repeat(8, false), true, false, true, true, false, true, false, true, true, false]),
        "migrations/postgresql/2024-01-01-000000_add_color/down.sql": "",
      },
      path: "migrations/postgresql/2024-01-01-000000_add_color/up.sql",
      code: "ALTER TABLE users ADD COLUMN color text;",
      lines: [1],
      severities: ["error"],
      messages: ["is empty: rolling back does nothing."],
      fixRunsAfter: "up",
    },
    {
      framework: "sql",
      name: "dbmate: every file leaves `-- migrate:down` empty (supabase/postgres, 30 of 30): as up-only as no section at all, one note for the folder on its newest migration",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY);",
      files: dbmateUpOnly(4),
      path: "db/migrations/20240201000000_add_color.sql",
      code: "-- migrate:up\nALTER TABLE users ADD COLUMN color text;\n\n-- migrate:down\n",
      lines: [2],
      severities: ["info"],
      messages: ["None of the 5 migrations in db/migrations/ has a down that does anything (each one's is empty), and dbmate needs none"],
      fixes: ["-- if this migration must be undone: a new forward migration in db/migrations/ that runs\nALTER TABLE users DROP COLUMN color;"],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "dbmate: every file leaves `-- migrate:down` empty and a newer one carries the folder's note: nothing on this one",
      path: "db/migrations/20231201000000_step.sql",
      code: "-- migrate:up\nALTER TABLE t0 ADD COLUMN c text;\n\n-- migrate:down\n",
      files: dbmateUpOnly(4),
    },
    {
      framework: "sql",
      name: "a repair that only makes sure a schema and an index are there (IF NOT EXISTS): both may have been there before it ran, so the empty down is right",
      path: "migrations/000003_repair.up.sql",
      code: "CREATE SCHEMA IF NOT EXISTS app;\nCREATE INDEX IF NOT EXISTS app_t_s_idx ON app.t (s);\n",
      files: { "migrations/000003_repair.down.sql": "\n" },
    },
    {
      framework: "sql",
      name: "Flyway: an empty U file where the deploy runs only flyway migrate (crowd.dev's flyway_migrate.sh, a command continued over lines): Flyway runs U files only on undo, which nothing runs",
      path: "backend/src/database/migrations/V1720437208__drop_member_aggregates.sql",
      code: "DROP INDEX member_aggregates_idx;\n",
      files: {
        "backend/src/database/migrations/V1700000000__member_aggregates.sql": "CREATE TABLE member_aggregates (id int PRIMARY KEY, total int);\nCREATE INDEX member_aggregates_idx ON member_aggregates (total);\n",
        "backend/src/database/migrations/U1720437208__drop_member_aggregates.sql": "",
        "backend/src/database/flyway_migrate.sh": FLYWAY_MIGRATE,
      },
    },
    {
      framework: "sql",
      name: "golang-migrate: DROP NOT NULL only on columns the earlier migration created nullable, and an empty down",
      schema: "CREATE TABLE spans (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz, created_by_id uuid NOT NULL, deleted_by_id uuid);",
      files: { "migrations/000001_spans.up.sql": "CREATE TABLE spans (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz, created_by_id uuid NOT NULL, deleted_by_id uuid);\n", "migrations/000002_relax.down.sql": "" },
      path: "migrations/000002_relax.up.sql",
      code: "ALTER TABLE spans ALTER COLUMN deleted_at DROP NOT NULL;\nALTER TABLE spans ALTER COLUMN deleted_by_id DROP NOT NULL;",
    },
    {
      framework: "sql",
      name: "golang-migrate .down.sql left empty after ALTER TYPE ... ADD VALUE: PostgreSQL cannot drop an enum value",
      schema: "CREATE TYPE mood AS ENUM ('sad', 'ok');",
      path: "migrations/000030_add_happy.up.sql",
      code: "ALTER TYPE mood ADD VALUE 'happy';",
      files: { "migrations/000030_add_happy.down.sql": "" },
    },
    {
      framework: "rails",
      name: "an enum value added with execute, and an empty down",
      code: `class AddHappyToMood < ActiveRecord::Migration[7.1]
  def up
    execute "ALTER TYPE mood ADD VALUE 'happy'"
  end

  def down; end
end
`,
    },
    { framework: "sql", name: "dbmate with a real down", path: "db/migrations/20240101_bio.sql", code: "-- migrate:up\nALTER TABLE profiles ADD COLUMN bio text;\n-- migrate:down\nALTER TABLE profiles DROP COLUMN bio;\n" },
    { framework: "sql", name: "empty up and empty down", path: "db/migrations/20240102_nothing.sql", code: "-- migrate:up\n-- migrate:down\n" },
    {
      framework: "rails",
      name: "a repair that recreates an index only where it is missing (Mastodon's revert of a deleted migration)",
      code: `class RevertRemoveOldIndexOnUriFromKeypair < ActiveRecord::Migration[8.1]
  disable_ddl_transaction!

  def up
    return if index_exists?(:keypairs, :uri, name: :index_keypairs_on_uri)

    add_index :keypairs, :uri, name: :index_keypairs_on_uri, unique: true, algorithm: :concurrently
  end

  def down; end
end
`,
    },
    {
      framework: "rails",
      name: "a repair that removes an index where it exists",
      code: `class RemoveStrayIndex < ActiveRecord::Migration[8.1]
  disable_ddl_transaction!

  def up
    remove_index :keypairs, name: :index_keypairs_on_non_null_uri, algorithm: :concurrently, if_exists: true
  end

  def down; end
end
`,
    },
    {
      framework: "sql",
      name: "goose: an index created only if missing, with an empty Down",
      path: "db/migrations/00021_idx.sql",
      code: "-- +goose Up\n-- +goose NO TRANSACTION\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n-- +goose Down\n",
    },
  ],
});
