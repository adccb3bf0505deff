import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "two renames of one column in one migration: the first is reported, for the name the deployed code uses; the name between them existed only inside the migration, so the second is not",
      schema: "CREATE TABLE comments (id int PRIMARY KEY, commented_on int);",
      code: "ALTER TABLE comments RENAME COLUMN commented_on TO commentable;\nALTER TABLE comments RENAME COLUMN commentable TO commentable_id;\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "two renames of one column in one migration: the expand is written for the name the migration ends with (a trigger on the middle name would fail once the second rename ran), and the second rename goes away",
      schema: "CREATE TABLE comments (id int PRIMARY KEY, commented_on int);\nINSERT INTO comments VALUES (1, 7);",
      code: "ALTER TABLE comments RENAME COLUMN commented_on TO commentable;\nALTER TABLE comments RENAME COLUMN commentable TO commentable_id;\n",
      lines: [1],
      afterFix: { query: "SELECT * FROM comments", rows: [{ id: 1, commentable_id: 7 }] },
    },
    {
      framework: "sql",
      name: "the renamed column has a foreign key (document.uploader_id -> role.id): the new column gets the same key, NOT VALID while old and new code run, validated in the contract; PostgreSQL ends with the key on the new column",
      path: "migrations/000002_rename.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE role (id serial PRIMARY KEY);\nCREATE TABLE document (id serial PRIMARY KEY, uploader_id integer REFERENCES role (id));\n" },
      schema: "CREATE TABLE role (id serial PRIMARY KEY);\nCREATE TABLE document (id serial PRIMARY KEY, uploader_id integer REFERENCES role (id));\nINSERT INTO role DEFAULT VALUES;\nINSERT INTO document (uploader_id) VALUES (1);",
      code: "ALTER TABLE document RENAME COLUMN uploader_id TO role_id;\n",
      lines: [1],
      afterFix: {
        query: "SELECT conname, pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE conrelid = 'document'::regclass AND contype = 'f'",
        rows: [{ conname: "document_role_id_fkey", def: "FOREIGN KEY (role_id) REFERENCES role(id)", convalidated: true }],
      },
    },
    {
      framework: "sql",
      name: "the referenced table was renamed by an earlier migration (lemmy's user_ renamed to person): the new column's key references it by its name now",
      path: "migrations/000003_rename.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE user_ (id serial PRIMARY KEY);\nCREATE TABLE comment_like (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES user_);\n",
        "migrations/000002_person.up.sql": "ALTER TABLE user_ RENAME TO person;\n",
      },
      schema: "CREATE TABLE person (id serial PRIMARY KEY);\nCREATE TABLE comment_like (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES person);\nINSERT INTO person DEFAULT VALUES;\nINSERT INTO comment_like (user_id) VALUES (1);",
      code: "ALTER TABLE comment_like RENAME COLUMN user_id TO person_id;\n",
      lines: [1],
      afterFix: {
        query: "SELECT conname, pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE conrelid = 'comment_like'::regclass AND contype = 'f' AND conname LIKE '%person%'",
        rows: [{ conname: "comment_like_person_id_fkey", def: "FOREIGN KEY (person_id) REFERENCES person(id)", convalidated: true }],
      },
    },
    {
      framework: "sql",
      name: "the referenced table is renamed earlier in the same migration (lemmy's 000076: user_ to person, then comment_like.user_id): the key references the new name",
      path: "migrations/000002_person.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE user_ (id serial PRIMARY KEY);\nCREATE TABLE comment_like (id serial PRIMARY KEY, user_id integer REFERENCES user_ (id));\n" },
      schema: "CREATE TABLE user_ (id serial PRIMARY KEY);\nCREATE TABLE comment_like (id serial PRIMARY KEY, user_id integer REFERENCES user_ (id));\nINSERT INTO user_ DEFAULT VALUES;\nINSERT INTO comment_like (user_id) VALUES (1);",
      code: "ALTER TABLE user_ RENAME TO person;\nALTER TABLE comment_like RENAME COLUMN user_id TO person_id;\n",
      lines: [2],
      afterFix: {
        query: "SELECT conname, pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE conrelid = 'comment_like'::regclass AND contype = 'f' AND conname LIKE '%person%'",
        rows: [{ conname: "comment_like_person_id_fkey", def: "FOREIGN KEY (person_id) REFERENCES person(id)", convalidated: true }],
      },
    },
    {
      framework: "sql",
      name: "the table itself is renamed earlier in the same migration (user_ban to person_ban, then its user_id): its key is read under the name it had, and goes to the new column",
      path: "migrations/000002_person.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE person (id serial PRIMARY KEY);\nCREATE TABLE user_ban (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES person);\n" },
      schema: "CREATE TABLE person (id serial PRIMARY KEY);\nCREATE TABLE user_ban (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES person);\nINSERT INTO person DEFAULT VALUES;\nINSERT INTO user_ban (user_id) VALUES (1);",
      code: "ALTER TABLE user_ban RENAME TO person_ban;\nALTER TABLE person_ban RENAME COLUMN user_id TO person_id;\n",
      lines: [2],
      afterFix: {
        query: "SELECT conname, pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE conrelid = 'person_ban'::regclass AND contype IN ('f', 'c') AND conname LIKE '%person_id%' ORDER BY conname",
        rows: [{ conname: "person_ban_person_id_fkey", def: "FOREIGN KEY (person_id) REFERENCES person(id)", convalidated: true }],
      },
    },
    {
      framework: "sql",
      name: "the table is renamed earlier in the same migration and its UNIQUE constraint's index renamed to the new column's name (lemmy's 000076: user_ban_user_id_key to person_ban_person_id_key): the new column's unique index takes a name still free, and the constraint is attached to it under the name the migration gave it",
      path: "migrations/000002_person.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE person (id serial PRIMARY KEY);\nCREATE TABLE user_ban (id serial PRIMARY KEY, user_id integer NOT NULL UNIQUE REFERENCES person);\n" },
      schema:
        "CREATE TABLE person (id serial PRIMARY KEY);\nCREATE TABLE user_ban (id serial PRIMARY KEY, user_id integer NOT NULL UNIQUE REFERENCES person);\nINSERT INTO person DEFAULT VALUES;\nINSERT INTO user_ban (user_id) VALUES (1);",
      code: "ALTER TABLE user_ban RENAME TO person_ban;\nALTER INDEX user_ban_user_id_key RENAME TO person_ban_person_id_key;\nALTER TABLE person_ban RENAME COLUMN user_id TO person_id;\n",
      lines: [3],
      afterFix: {
        query: "SELECT conname, pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE conrelid = 'person_ban'::regclass AND contype IN ('f', 'u') ORDER BY conname",
        rows: [
          { conname: "person_ban_person_id_fkey", def: "FOREIGN KEY (person_id) REFERENCES person(id)", convalidated: true },
          { conname: "person_ban_person_id_key", def: "UNIQUE (person_id)", convalidated: true },
        ],
      },
    },
    {
      framework: "sql",
      name: "a renamed table whose UNIQUE constraint kept its old name (user_ban_user_id_key on person_ban) while an index of the migration took the new column's default name: the new column's unique index is numbered, and the constraint keeps its name",
      path: "migrations/000002_person.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE person (id serial PRIMARY KEY);\nCREATE TABLE user_ban (id serial PRIMARY KEY, user_id integer NOT NULL UNIQUE REFERENCES person);\n" },
      schema:
        "CREATE TABLE person (id serial PRIMARY KEY);\nCREATE TABLE user_ban (id serial PRIMARY KEY, user_id integer NOT NULL UNIQUE REFERENCES person);\nINSERT INTO person DEFAULT VALUES;\nINSERT INTO user_ban (user_id) VALUES (1);",
      code: "ALTER TABLE user_ban RENAME TO person_ban;\nCREATE INDEX person_ban_person_id_key ON person (id);\nALTER TABLE person_ban RENAME COLUMN user_id TO person_id;\n",
      lines: [3],
      afterFix: {
        query: "SELECT conname, pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE conrelid = 'person_ban'::regclass AND contype IN ('f', 'u') ORDER BY conname",
        rows: [
          { conname: "person_ban_person_id_fkey", def: "FOREIGN KEY (person_id) REFERENCES person(id)", convalidated: true },
          { conname: "user_ban_user_id_key", def: "UNIQUE (person_id)", convalidated: true },
        ],
      },
    },
    {
      framework: "sql",
      name: "the table was renamed by an earlier migration (user_ban to person_ban): what migguard knew of its keys stays under the old name, so the fix says the old column's foreign keys are not known instead of leaving them out silently",
      path: "migrations/000003_rename.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE person (id serial PRIMARY KEY);\nCREATE TABLE user_ban (id serial PRIMARY KEY, user_id integer REFERENCES person);\n",
        "migrations/000002_person_ban.up.sql": "ALTER TABLE user_ban RENAME TO person_ban;\n",
      },
      schema: "CREATE TABLE person (id serial PRIMARY KEY);\nCREATE TABLE person_ban (id serial PRIMARY KEY, user_id integer REFERENCES person);\nINSERT INTO person DEFAULT VALUES;\nINSERT INTO person_ban (user_id) VALUES (1);",
      code: "ALTER TABLE person_ban RENAME COLUMN user_id TO person_id;\n",
      lines: [1],
      fixes: [
        "-- expand: person_id beside user_id, kept in step by a trigger while old and new code run\nALTER TABLE person_ban ADD COLUMN person_id integer;\n-- not known: the foreign keys user_id had before an earlier migration renamed user_ban to person_ban (migguard does not follow them across the rename): give person_id the same ones\nCREATE FUNCTION person_ban_sync_person_id() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF TG_OP = 'INSERT' THEN\n    NEW.person_id := COALESCE(NEW.person_id, NEW.user_id);\n    NEW.user_id := COALESCE(NEW.user_id, NEW.person_id);\n  ELSIF NEW.user_id IS DISTINCT FROM OLD.user_id THEN\n    NEW.person_id := NEW.user_id;\n  ELSIF NEW.person_id IS DISTINCT FROM OLD.person_id THEN\n    NEW.user_id := NEW.person_id;\n  END IF;\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER person_ban_sync_person_id BEFORE INSERT OR UPDATE ON person_ban\n  FOR EACH ROW EXECUTE FUNCTION person_ban_sync_person_id();\n\n-- then a new migration, migrations/000004_fill_person_ban_person_id.up.sql:\n-- alone in its file: golang-migrate sends the file as one query, and a query of one statement may commit\nDO $$\nDECLARE\n  filled bigint;\nBEGIN\n  LOOP\n    UPDATE person_ban SET person_id = user_id\n    WHERE ctid IN (SELECT ctid FROM person_ban WHERE person_id IS DISTINCT FROM user_id LIMIT 1000);\n    GET DIAGNOSTICS filled = ROW_COUNT;\n    EXIT WHEN filled = 0;\n    COMMIT;\n  END LOOP;\nEND $$;\n\n-- then a new migration, migrations/000005_drop_person_ban_user_id.up.sql:\n-- once no running code uses user_id (every server runs the code that uses person_id):\nDROP TRIGGER person_ban_sync_person_id ON person_ban;\nDROP FUNCTION person_ban_sync_person_id();\nALTER TABLE person_ban DROP COLUMN user_id;",
      ],
    },
    {
      framework: "sql",
      name: "the referenced column was renamed by an earlier migration (role.id to role_id): the key is left out with a comment saying it is not known, not written on a column that is gone",
      path: "migrations/000003_rename.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE role (id serial PRIMARY KEY);\nCREATE TABLE document (id serial PRIMARY KEY, uploader_id integer REFERENCES role (id));\n",
        "migrations/000002_role_id.up.sql": "ALTER TABLE role RENAME COLUMN id TO role_id;\n",
      },
      schema: "CREATE TABLE role (role_id serial PRIMARY KEY);\nCREATE TABLE document (id serial PRIMARY KEY, uploader_id integer REFERENCES role (role_id));\nINSERT INTO role DEFAULT VALUES;\nINSERT INTO document (uploader_id) VALUES (1);",
      code: "ALTER TABLE document RENAME COLUMN uploader_id TO owner_id;\n",
      lines: [1],
      afterFix: { query: "SELECT conname FROM pg_constraint WHERE conrelid = 'document'::regclass AND conname LIKE '%owner_id%'", rows: [] },
    },
    {
      framework: "sql",
      name: "the referenced column is renamed earlier in the same migration: the key references it by its new name",
      path: "migrations/000002_rename.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE role (id serial PRIMARY KEY, name text);\nCREATE TABLE document (id serial PRIMARY KEY, uploader_id integer REFERENCES role (id));\n" },
      schema: "CREATE TABLE role (id serial PRIMARY KEY, name text);\nCREATE TABLE document (id serial PRIMARY KEY, uploader_id integer REFERENCES role (id));\nINSERT INTO role DEFAULT VALUES;\nINSERT INTO document (uploader_id) VALUES (1);",
      code: "-- migguard:ignore rename-column role.id is renamed with its keys in a maintenance window\nALTER TABLE role RENAME COLUMN id TO role_id;\nALTER TABLE document RENAME COLUMN uploader_id TO owner_id;\n",
      lines: [3],
      afterFix: {
        query: "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'document'::regclass AND conname LIKE '%owner_id%'",
        rows: [{ conname: "document_owner_id_fkey", def: "FOREIGN KEY (owner_id) REFERENCES role(role_id)" }],
      },
    },
    {
      framework: "sql",
      name: "other tables' foreign keys reference the renamed column (price.currency_code -> currency.code, the primary key): DROP COLUMN would fail on them, so the fix builds a unique index over the new column, adds each key again on it NOT VALID, and in the contract validates it, drops the old one and gives the new one its name; the primary key is attached to the index after DROP COLUMN",
      path: "migrations/000002_rename.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE currency (code text PRIMARY KEY);\nCREATE TABLE price (id serial PRIMARY KEY, currency_code text NOT NULL REFERENCES currency (code) ON DELETE CASCADE);\n" },
      schema:
        "CREATE TABLE currency (code text PRIMARY KEY);\nCREATE TABLE price (id serial PRIMARY KEY, currency_code text NOT NULL REFERENCES currency (code) ON DELETE CASCADE);\nINSERT INTO currency VALUES ('EUR'), ('USD');\nINSERT INTO price (currency_code) VALUES ('EUR');",
      code: "ALTER TABLE currency RENAME COLUMN code TO iso_code;\n",
      lines: [1],
      afterFix: {
        query:
          "SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE conrelid IN ('currency'::regclass, 'price'::regclass) AND contype IN ('p', 'f', 'u') ORDER BY 1, 2",
        rows: [
          { tbl: "currency", conname: "currency_pkey", def: "PRIMARY KEY (iso_code)", convalidated: true },
          { tbl: "price", conname: "price_currency_code_fkey", def: "FOREIGN KEY (currency_code) REFERENCES currency(iso_code) ON DELETE CASCADE", convalidated: true },
          { tbl: "price", conname: "price_pkey", def: "PRIMARY KEY (id)", convalidated: true },
        ],
      },
    },
    {
      framework: "sql",
      name: "a serial primary key referenced without naming its column (REFERENCES role), from another table and from the table itself: both keys move to the new column, which takes the sequence (DROP COLUMN would drop it) and the primary key",
      path: "migrations/000002_rename.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE role (id serial PRIMARY KEY, parent_id integer REFERENCES role);\nCREATE TABLE document (id serial PRIMARY KEY, uploader_id integer REFERENCES role);\n" },
      schema:
        "CREATE TABLE role (id serial PRIMARY KEY, parent_id integer REFERENCES role);\nCREATE TABLE document (id serial PRIMARY KEY, uploader_id integer REFERENCES role);\nINSERT INTO role DEFAULT VALUES;\nINSERT INTO role (parent_id) VALUES (1);\nINSERT INTO document (uploader_id) VALUES (2);",
      code: "ALTER TABLE role RENAME COLUMN id TO role_id;\n",
      lines: [1],
      afterFix: {
        query:
          "SELECT conname, pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE confrelid = 'role'::regclass OR (conrelid = 'role'::regclass AND contype = 'p') UNION ALL SELECT 'default', column_default, is_nullable = 'NO' FROM information_schema.columns WHERE table_name = 'role' AND column_name = 'role_id' ORDER BY 1",
        rows: [
          { conname: "default", def: "nextval('role_id_seq'::regclass)", convalidated: true },
          { conname: "document_uploader_id_fkey", def: "FOREIGN KEY (uploader_id) REFERENCES role(role_id)", convalidated: true },
          { conname: "role_parent_id_fkey", def: "FOREIGN KEY (parent_id) REFERENCES role(role_id)", convalidated: true },
          { conname: "role_pkey", def: "PRIMARY KEY (role_id)", convalidated: true },
        ],
      },
    },
    {
      framework: "sql",
      name: "a UNIQUE column (not the primary key) referenced by another table: the key moves to the new column, and the UNIQUE constraint, under its name, is attached to the new column's index after DROP COLUMN",
      path: "migrations/000002_rename.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE account (id serial PRIMARY KEY, email text UNIQUE);\nCREATE TABLE invite (id serial PRIMARY KEY, account_email text REFERENCES account (email));\n" },
      schema:
        "CREATE TABLE account (id serial PRIMARY KEY, email text UNIQUE);\nCREATE TABLE invite (id serial PRIMARY KEY, account_email text REFERENCES account (email));\nINSERT INTO account (email) VALUES ('a@example.org'), (NULL);\nINSERT INTO invite (account_email) VALUES ('a@example.org');",
      code: "ALTER TABLE account RENAME COLUMN email TO email_address;\n",
      lines: [1],
      afterFix: {
        query:
          "SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE conrelid IN ('account'::regclass, 'invite'::regclass) AND contype IN ('f', 'u') ORDER BY 1, 2",
        rows: [
          { tbl: "account", conname: "account_email_key", def: "UNIQUE (email_address)", convalidated: true },
          { tbl: "invite", conname: "invite_account_email_fkey", def: "FOREIGN KEY (account_email) REFERENCES account(email_address)", convalidated: true },
        ],
      },
    },
    {
      framework: "sql",
      name: "a view on the table reads the old column (SELECT *): the contract drops it before DROP COLUMN and creates it again after",
      path: "migrations/000002_rename.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE person (id serial PRIMARY KEY, preferred_username text);\nCREATE VIEW person_alias_1 AS SELECT * FROM person;\n" },
      schema: "CREATE TABLE person (id serial PRIMARY KEY, preferred_username text);\nCREATE VIEW person_alias_1 AS SELECT * FROM person;\nINSERT INTO person (preferred_username) VALUES ('a');",
      code: "ALTER TABLE person RENAME preferred_username TO display_name;\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "a json column (no equality operator): the fill and the sync trigger compare it as text, the value kept as written",
      path: "migrations/000002_rename.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE prompts (id serial PRIMARY KEY, config json);\n" },
      schema: "CREATE TABLE prompts (id serial PRIMARY KEY, config json);\nINSERT INTO prompts (config) VALUES ('{\"b\": 1, \"a\": 2}');",
      code: "ALTER TABLE prompts RENAME COLUMN config TO settings;\n",
      lines: [1],
      afterFix: {
        query: "SELECT settings::text AS settings FROM prompts",
        rows: [{ settings: '{"b": 1, "a": 2}' }],
      },
    },
    {
      framework: "sql",
      name: "MySQL: the type read from information_schema, the backfill batched with UPDATE ... LIMIT",
      config: { database: "mysql" },
      schema: "CREATE TABLE site (id bigint PRIMARY KEY, `desc` varchar(300));\nINSERT INTO site VALUES (1, 'a'), (2, NULL);",
      code: "ALTER TABLE site RENAME COLUMN `desc` TO sidebar;",
      lines: [1],
    },
    {
      framework: "sql",
      name: "MySQL: the type known from an earlier migration",
      config: { database: "mariadb" },
      schema: "CREATE TABLE site (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, description varchar(200));",
      path: "db/migrations/000002_rename.up.sql",
      code: "ALTER TABLE site CHANGE `description` `sidebar` varchar(200);",
      files: { "db/migrations/000001_site.up.sql": "CREATE TABLE site (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, description varchar(200)) ENGINE=InnoDB;" },
      lines: [1],
    },
    { framework: "sql", name: "rename a column of a live table", schema: "CREATE TABLE site (id bigint PRIMARY KEY, description text);", code: "ALTER TABLE site ADD COLUMN short_description text;\nALTER TABLE site RENAME COLUMN description TO sidebar;", lines: [2] },
    {
      framework: "sql",
      name: "the column's type renamed earlier in the migration (ALTER TYPE ... RENAME TO): the new column gets the type's new name",
      schema: "CREATE TYPE sort_type_enum AS ENUM ('Hot', 'New');\nCREATE TABLE local_user (id serial PRIMARY KEY, default_sort_type sort_type_enum NOT NULL DEFAULT 'Hot');",
      path: "migrations/000238_sort.up.sql",
      files: { "migrations/000142_sort.up.sql": "CREATE TYPE sort_type_enum AS ENUM ('Hot', 'New');\nCREATE TABLE local_user (id serial PRIMARY KEY, default_sort_type sort_type_enum NOT NULL DEFAULT 'Hot');\n" },
      code: "ALTER TYPE sort_type_enum RENAME TO post_sort_type_enum;\nALTER TABLE local_user RENAME COLUMN default_sort_type TO default_post_sort_type;\n",
      lines: [2],
    },
  ],
  valid: [
    { framework: "sql", name: "a column of a table the same migration drops afterwards: drop-table reports the breakage", code: "ALTER TABLE replication_job RENAME COLUMN job_uuid TO job_id;\nDROP TABLE replication_job;" },
    {
      framework: "sql",
      name: "a column added in this migration and renamed into the old one's place: no running code knows its temporary name",
      code: "ALTER TABLE entity_data ADD COLUMN id_text text;\nUPDATE entity_data SET id_text = id::text;\nALTER TABLE entity_data DROP COLUMN id;\nALTER TABLE entity_data RENAME COLUMN id_text TO id;",
    },
    { framework: "sql", name: "rename in a table created here", code: "CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;" },
    { framework: "sql", name: "waived on the line before", code: "-- migguard:ignore rename-column no code reads site yet (feature flagged off)\nALTER TABLE site RENAME COLUMN description TO sidebar;" },
  ],
});
