import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
