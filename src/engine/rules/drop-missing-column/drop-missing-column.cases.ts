import { defineCases } from "../support/rule.js";

const INIT = { "migrations/000001_init.up.sql": "CREATE TABLE runs (id bigint PRIMARY KEY, score numeric);\n" };

/** OpenLMIS's referencedata: the initial schema creates `orderables` unqualified, a later migration adds a column to `referencedata.orderables` */
const FLYWAY = "src/main/resources/db/migration";
const QUALIFIED_ADD = {
  [`${FLYWAY}/V1__initial_schema.sql`]: "CREATE TABLE orderables (id uuid PRIMARY KEY, code text);\n",
  [`${FLYWAY}/V2__versions.sql`]: "ALTER TABLE referencedata.orderables ADD COLUMN versionid bigint;\n",
};
/** Spring Boot runs Flyway in the schema it names */
const SPRING_SCHEMA = { "src/main/resources/application.properties": "spring.flyway.schemas=referencedata\nspring.flyway.table=schema_version\n" };

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "DROP COLUMN of a column the CREATE TABLE of an earlier migration does not have, nor any ALTER since",
      path: "migrations/000002_drop_success.up.sql",
      files: INIT,
      schema: "CREATE TABLE runs (id bigint PRIMARY KEY, score numeric);",
      code: "ALTER TABLE runs DROP COLUMN success;\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "Flyway configured to run in schema referencedata: a column added to another schema's orderables is not this table's",
      path: `${FLYWAY}/V3__drop_versionid.sql`,
      files: {
        [`${FLYWAY}/V1__initial_schema.sql`]: "CREATE TABLE orderables (id uuid PRIMARY KEY, code text);\nCREATE TABLE archive.orderables (id uuid PRIMARY KEY);\n",
        [`${FLYWAY}/V2__versions.sql`]: "ALTER TABLE archive.orderables ADD COLUMN versionid bigint;\n",
        ...SPRING_SCHEMA,
      },
      schema: "CREATE TABLE orderables (id uuid PRIMARY KEY, code text);\nCREATE SCHEMA archive;\nCREATE TABLE archive.orderables (id uuid PRIMARY KEY, versionid bigint);",
      code: "ALTER TABLE orderables DROP COLUMN versionid;\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "no schema said, and the migrations create the table both unqualified and in schema app: two tables, the unqualified one never had the column",
      path: "migrations/000003_drop_success.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE runs (id bigint PRIMARY KEY);\nCREATE TABLE app.runs (id bigint PRIMARY KEY);\n", "migrations/000002_add_success.up.sql": "ALTER TABLE app.runs ADD COLUMN success boolean;\n" },
      schema: "CREATE TABLE runs (id bigint PRIMARY KEY);\nCREATE SCHEMA app;\nCREATE TABLE app.runs (id bigint PRIMARY KEY, success boolean);",
      code: "ALTER TABLE runs DROP COLUMN success;\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "no schema said, and the migrations write the table explicitly in public and in app: two tables, public's never had the column",
      path: "migrations/000003_drop_success.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE public.runs (id bigint PRIMARY KEY);\n", "migrations/000002_add_success.up.sql": "ALTER TABLE app.runs ADD COLUMN success boolean;\n" },
      schema: "CREATE TABLE public.runs (id bigint PRIMARY KEY);\nCREATE SCHEMA app;\nCREATE TABLE app.runs (id bigint PRIMARY KEY, success boolean);",
      code: "ALTER TABLE runs DROP COLUMN success;\n",
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "Flyway configured to run in schema referencedata (spring.flyway.schemas): the column an earlier migration added to referencedata.orderables is the unqualified orderables' (OpenLMIS, audit 56), though an archive schema has an orderables too",
      path: `${FLYWAY}/V3__drop_versionid.sql`,
      files: { ...QUALIFIED_ADD, [`${FLYWAY}/V2_1__archive.sql`]: "CREATE TABLE archive.orderables (id uuid PRIMARY KEY);\n", ...SPRING_SCHEMA },
      code: "ALTER TABLE orderables DROP COLUMN versionid;\n",
    },
    {
      framework: "sql",
      name: "a rename of a column added under the configured schema's qualified name",
      path: `${FLYWAY}/V3__rename_versionid.sql`,
      files: { ...QUALIFIED_ADD, ...SPRING_SCHEMA },
      code: "ALTER TABLE orderables RENAME COLUMN versionid TO versionnumber;\n",
    },
    {
      framework: "sql",
      name: "flyway.conf's flyway.schemas: the same",
      path: `${FLYWAY}/V3__drop_versionid.sql`,
      files: { ...QUALIFIED_ADD, [`${FLYWAY}/V2_1__archive.sql`]: "CREATE TABLE archive.orderables (id uuid PRIMARY KEY);\n", "flyway.conf": "flyway.url=jdbc:postgresql://localhost/app\nflyway.schemas=referencedata,public\n" },
      code: "ALTER TABLE orderables DROP COLUMN versionid;\n",
    },
    {
      framework: "sql",
      name: "the drop written with the schema, the column added without it",
      path: `${FLYWAY}/V3__drop_code.sql`,
      files: {
        [`${FLYWAY}/V1__initial_schema.sql`]: "CREATE TABLE referencedata.orderables (id uuid PRIMARY KEY);\n",
        [`${FLYWAY}/V2__code.sql`]: "ALTER TABLE orderables ADD COLUMN code text;\n",
        ...SPRING_SCHEMA,
      },
      code: "ALTER TABLE referencedata.orderables DROP COLUMN code;\n",
    },
    {
      framework: "sql",
      name: "no configured schema, but a SET search_path in the migrations: unqualified names are that schema's, though another schema has a runs too",
      path: "migrations/000003_drop_success.up.sql",
      files: {
        "migrations/000001_init.up.sql": "SET search_path TO app;\nCREATE TABLE runs (id bigint PRIMARY KEY);\nCREATE TABLE archive.runs (id bigint PRIMARY KEY);\n",
        "migrations/000002_add_success.up.sql": "ALTER TABLE app.runs ADD COLUMN success boolean;\n",
      },
      code: "ALTER TABLE runs DROP COLUMN success;\n",
    },
    {
      framework: "sql",
      name: "no schema said anywhere: the one schema the migrations write runs under is the table the unqualified name finds",
      path: "migrations/000003_drop_success.up.sql",
      files: { ...INIT, "migrations/000002_add_success.up.sql": "ALTER TABLE app.runs ADD COLUMN success boolean;\n" },
      code: "ALTER TABLE runs DROP COLUMN success;\n",
    },
    {
      framework: "sql",
      name: "a column an earlier migration added",
      path: "migrations/000003_drop_success.up.sql",
      files: { ...INIT, "migrations/000002_add_success.up.sql": "ALTER TABLE runs ADD COLUMN success boolean;\n" },
      code: "ALTER TABLE runs DROP COLUMN success;\n",
    },
    {
      framework: "sql",
      name: "a function an earlier migration runs may change the table: nothing proven",
      path: "migrations/000003_drop_success.up.sql",
      files: { ...INIT, "migrations/000002_fn.up.sql": "DO $$ BEGIN EXECUTE 'ALTER TABLE runs ADD COLUMN success boolean'; END $$;\n" },
      code: "ALTER TABLE runs DROP COLUMN success;\n",
    },
    {
      framework: "sql",
      name: "DROP COLUMN IF EXISTS",
      path: "migrations/000002_drop_success.up.sql",
      files: INIT,
      code: "ALTER TABLE runs DROP COLUMN IF EXISTS success;\n",
    },
    {
      framework: "sql",
      name: "no earlier migration: nothing proven",
      path: "migrations/000001_drop_success.up.sql",
      code: "ALTER TABLE runs DROP COLUMN success;\n",
    },
  ],
});
