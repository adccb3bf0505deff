import { PHP_SYNTAX_TEST, RUST_PROSE } from "../../testing/seed72-fixtures.js";
import { defineCases } from "../support/rule.js";

// trigger.dev's remove_prepare_from_job_version: a Prisma migration beside its schema and the app's TypeScript
const PRISMA_DROP = { path: "prisma/migrations/20230515102310_remove_prepare_from_job_version/migration.sql", code: 'ALTER TABLE "JobVersion" DROP COLUMN "prepare";\n' };
const JOB_VERSION_TABLE = 'CREATE TABLE "JobVersion" (id text PRIMARY KEY, prepare boolean NOT NULL DEFAULT false);\nINSERT INTO "JobVersion" VALUES (\'a\', true);';
const jobVersionModel = (fields: string) => `model JobVersion {\n  id String @id\n${fields}  version String\n}\n`;
// the word `prepare` and a type EventRule where no JobVersion is: a comment, a local function, a type, prose
/** Go that reads resource_types without its version, and data that names `version` beside `resource_types` (concourse) */
const CONCOURSE_DATA = {
  "atc/db/resource_types.go": 'package db\n\nconst resourceTypesQuery = "SELECT id, name FROM resource_types"\n',
  "fly/integration/fixtures/format-input.yml": "resource_types:\n- name: custom\n  type: registry-image\n  version: every\n",
  "testflight/fixtures/custom-resource-type.yml": "resource_types:\n- name: my-resource\n  version: {ref: abc}\n",
  "atc/api/testdata/resource_types.json": '{"resource_types": [{"name": "custom", "version": {"ref": "abc"}}]}\n',
  "docs/resource-types.md": "Each of the resource_types keeps a version until the next check.\n",
};

const UNRELATED_TS = {
  "app/components/QueryEditor.tsx": "export function QueryEditor() {\n  // Handle query submission - prepare for title generation\n  const prepare = () => 1;\n  return <p>We prepare the chart</p>;\n}\n",
  "packages/core/src/schemas/eventFilter.ts": "export type EventRule = { event: string };\n",
};

/** linkwarden's Link and User tables, as the migrations before 20231025123038 and 20250215182023 left them */
const LINK_TABLE = 'CREATE TABLE "Link" ("id" SERIAL NOT NULL, "indexVersion" TEXT, CONSTRAINT "Link_pkey" PRIMARY KEY ("id"));\n';
const USER_TABLE = 'CREATE TABLE "User" ("id" SERIAL NOT NULL, "image" TEXT, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n';

/** Dataverse's V4.17.0.1: oauth2tokendata.scope dropped while the OAuth2 providers keep the scopes they request */
/**
 * OpenLMIS referencedata (audit 56): supported_programs' surrogate id replaced by a composite key. The entity maps
 * it with @EmbeddedId; the application's SQL files and native queries join supported_programs and read other tables'
 * ids (sn.id, rg.id, p.id), which are not this column.
 */
const OPENLMIS_SUPPORTED_PROGRAMS = {
  "src/main/java/org/openlmis/referencedata/domain/SupportedProgram.java":
    'package org.openlmis.referencedata.domain;\n\n@Entity\n@Table(name = "supported_programs", schema = "referencedata")\npublic class SupportedProgram {\n    @EmbeddedId\n    private SupportedProgramPrimaryKey facilityProgram;\n    private Boolean supportActive;\n}\n',
  "src/main/java/org/openlmis/referencedata/repository/ProgramRepository.java":
    'package org.openlmis.referencedata.repository;\n\npublic interface ProgramRepository {\n    String SUPPORTED = "SELECT p.id FROM referencedata.programs p JOIN referencedata.supported_programs sp ON sp.programid = p.id WHERE sp.facilityid = :facilityId";\n}\n',
  "src/main/resources/db/right-assignments/get_all_node_facility_program_mappings.sql":
    "SELECT sn.id AS supervisorynodeid, sp.programid\nFROM referencedata.supervisory_nodes sn\n  JOIN referencedata.requisition_groups rg ON rg.supervisorynodeid = sn.id\n  JOIN referencedata.requisition_group_members fm ON fm.requisitiongroupid = rg.id\n  JOIN referencedata.supported_programs sp ON sp.facilityid = fm.facilityid AND sp.active = TRUE;\n",
};
const SUPPORTED_PROGRAMS_SCHEMA = "CREATE TABLE supported_programs (id uuid PRIMARY KEY, facilityid uuid NOT NULL, programid uuid NOT NULL, active boolean);";

const DATAVERSE_PROVIDERS = {
  "src/main/java/edu/harvard/iq/dataverse/authorization/providers/oauth2/AbstractOAuth2AuthenticationProvider.java":
    'package edu.harvard.iq.dataverse.authorization.providers.oauth2;\n\npublic abstract class AbstractOAuth2AuthenticationProvider {\n    /** Defaults to empty so no scope will be requested */\n    protected List<String> scope = Arrays.asList("");\n\n    public OAuth2UserRecord getUserRecord(OAuth2AccessToken accessToken) {\n        if (accessToken.getScope() != null) { return null; }\n        OAuth2TokenData tokenData = OAuth2TokenData.from(accessToken);\n        return null;\n    }\n\n    public List<String> getScope() { return scope; }\n}\n',
  "src/main/java/edu/harvard/iq/dataverse/authorization/providers/oauth2/OAuth2TokenData.java":
    'package edu.harvard.iq.dataverse.authorization.providers.oauth2;\n\nimport jakarta.persistence.*;\n\n/** Token data: access tokens, refresh tokens, scope and expiry. */\n@Entity\npublic class OAuth2TokenData implements Serializable {\n    @Id @GeneratedValue private Long id;\n    @Column(length = 64) private String accessToken;\n    public static OAuth2TokenData from(OAuth2AccessToken token) { return new OAuth2TokenData(); }\n}\n',
};

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "under an offline deploy (the container's entrypoint runs golang-migrate up, then starts the server): no old code reads the column, only the data loss is left, a warning with the copy before the drop",
      path: "migrations/000002_drop_nickname.up.sql",
      code: "ALTER TABLE users DROP COLUMN nickname;\n",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, nickname text);",
      files: {
        "migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, nickname text);\n",
        Dockerfile: 'FROM alpine:3.20\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["/app/server"]\n',
        "docker-entrypoint.sh": '#!/bin/sh\nset -e\nmigrate -path /migrations -database ${DATABASE_URL} up\nexec "$@"\n',
      },
      lines: [1],
      severities: ["warning"],
      messages: ["Dropping column users.nickname deletes its data, and a rollback cannot restore the values. No running code reads it then (docker-entrypoint.sh:3: "],
    },
    {
      framework: "sql",
      name: "the same offline deploy with the database URL quoted, as most projects write it (`-database \"$DATABASE_URL\"`): golang-migrate's command is read from the shell's words, the quotes are the shell's",
      path: "migrations/000002_drop_nickname.up.sql",
      code: "ALTER TABLE users DROP COLUMN nickname;\n",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, nickname text);",
      files: {
        "migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, nickname text);\n",
        Dockerfile: 'FROM alpine:3.20\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["/app/server"]\n',
        "docker-entrypoint.sh": '#!/bin/sh\nset -e\nmigrate -path /migrations -database "$DATABASE_URL" up\nexec "$@"\n',
      },
      lines: [1],
      severities: ["warning"],
      messages: ["No running code reads it then (docker-entrypoint.sh:3: "],
    },
    {
      framework: "sql",
      name: "a column every table has (id): the application's SQL that joins the table but reads other tables' ids (sn.id, rg.id, a native query's p.id), and an entity that maps it with @EmbeddedId, do not name it: the planned last step (OpenLMIS, audit 56)",
      path: "src/main/resources/db/migration/20180129143106317__change_primary_key_for_supported_programs.sql",
      code: "ALTER TABLE ONLY supported_programs DROP COLUMN id;\n",
      schema: SUPPORTED_PROGRAMS_SCHEMA,
      files: OPENLMIS_SUPPORTED_PROGRAMS,
      lines: [1],
      severities: ["info"],
    },
    {
      framework: "sql",
      name: "the same, and an SQL file that reads id of the table itself (supported_programs.id, or unqualified in SQL on it alone): the error names those lines",
      path: "src/main/resources/db/migration/20180129143106317__change_primary_key_for_supported_programs.sql",
      code: "ALTER TABLE ONLY supported_programs DROP COLUMN id;\n",
      schema: SUPPORTED_PROGRAMS_SCHEMA,
      files: {
        ...OPENLMIS_SUPPORTED_PROGRAMS,
        "src/main/resources/db/export/supported_programs.sql": "SELECT referencedata.supported_programs.id, programid\n  FROM referencedata.supported_programs;\nDELETE FROM referencedata.supported_programs WHERE id = ?;\n",
      },
      lines: [1],
      severities: ["error"],
      messages: ["Application code still names id: src/main/resources/db/export/supported_programs.sql:1, src/main/resources/db/export/supported_programs.sql:3."],
    },
    {
      framework: "sql",
      name: "a column qualified by another table's alias in a Java SQL string (teav.storedby, teav for trackedentityattributevalue, beside a join of trackedentity) is that table's: no code names trackedentity.storedby, the planned last step (dhis2-core, replay 40)",
      path: "src/main/resources/db/migration/V2_44_8__drop_stored_by.sql",
      code: "ALTER TABLE trackedentity DROP COLUMN storedby;\n",
      schema: "CREATE TABLE trackedentity (trackedentityid bigint PRIMARY KEY, storedby text); CREATE TABLE trackedentityattributevalue (trackedentityid bigint, storedby text);",
      files: {
        "src/main/java/org/hisp/dhis/tracker/TrackedEntityStore.java":
          'package org.hisp.dhis.tracker;\n\nclass TrackedEntityStore {\n  private static final String GET_ATTRIBUTES =\n      """\n      select te.uid, teav.storedby, teav.value\n      from trackedentityattributevalue teav\n      join trackedentity te on teav.trackedentityid = te.trackedentityid\n      where teav.trackedentityid in (:ids)""";\n}\n',
      },
      lines: [1],
      severities: ["info"],
    },
    {
      framework: "sql",
      name: "a DO block raises if any feeds.enclosure_template IS NOT NULL before the drop, and the code read never names it: only NULLs go, a note naming the check's line",
      path: "migrations/20260714185049_remove_enclosure_template.sql",
      schema: "CREATE TABLE feeds (id bigint PRIMARY KEY, enclosure_template text);",
      files: { "src/feeds.ts": 'export const feedsQuery = "SELECT id FROM feeds";\n' },
      code: `DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM feeds WHERE enclosure_template IS NOT NULL) THEN
    RAISE EXCEPTION 'nil out every enclosure_template first';
  END IF;
END $$;
ALTER TABLE feeds DROP COLUMN enclosure_template;
`,
      lines: [7],
      severities: ["info"],
      messages: ["loses no data: the migration stops on line 3 when enclosure_template holds a value (`EXISTS (SELECT 1 FROM feeds WHERE enclosure_template IS NOT NULL)`)"],
    },
    {
      framework: "sql",
      name: "the same DO block with RAISE NOTICE only reports: the data-loss error stays",
      path: "migrations/20260714185049_remove_enclosure_template.sql",
      schema: "CREATE TABLE feeds (id bigint PRIMARY KEY, enclosure_template text);",
      code: `DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM feeds WHERE enclosure_template IS NOT NULL) THEN
    RAISE NOTICE 'some enclosure_template is still set';
  END IF;
END $$;
ALTER TABLE feeds DROP COLUMN enclosure_template;
`,
      lines: [7],
      severities: ["error"],
    },
    {
      framework: "sql",
      name: "sql-migrate: the column the Down section adds back is the rollback's, not the up's (goalert's remove-email-verified): no change of type, a drop",
      path: "migrate/migrations/20170503144821-remove-email-verified.sql",
      schema: "CREATE TABLE users (id text PRIMARY KEY, email_verified boolean NOT NULL DEFAULT false);",
      code: "\n-- +migrate Up\n\nALTER TABLE users DROP COLUMN email_verified;\n\n-- +migrate Down\n\nALTER TABLE users ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT false;\n",
      lines: [4],
      severities: ["error"],
      messages: ["Dropping column users.email_verified deletes its data"],
    },
    {
      framework: "sql",
      name: "DROP COLUMN IF EXISTS of a column an earlier migration added: its values are lost all the same",
      path: "migrations/000003_drop_phone.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
        "migrations/000002_phone.up.sql": "ALTER TABLE users ADD COLUMN phone text;\n",
      },
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone text);",
      code: "ALTER TABLE users DROP COLUMN IF EXISTS phone;\n",
      lines: [1],
      messages: ["Dropping column users.phone deletes its data"],
    },
    {
      framework: "sql",
      name: "an earlier migration copied the column into another table (INSERT ... SELECT), this one renames the table and drops it: the contract step of the move, no data loss, and the copy is named",
      path: "db/migration/V3__drop_version_columns.sql",
      files: {
        "db/migration/V1__init.sql": "CREATE TABLE comp (id integer PRIMARY KEY, num integer NOT NULL, ehr_id uuid);\nCREATE TABLE comp_version (id integer PRIMARY KEY, ehr_id uuid);\n",
        "db/migration/V2__copy_version_columns.sql": "INSERT INTO comp_version (id, ehr_id)\nSELECT id, ehr_id\nFROM comp\nWHERE num = 0;\n",
      },
      schema: "CREATE TABLE comp (id integer PRIMARY KEY, num integer NOT NULL, ehr_id uuid);\nCREATE TABLE comp_version (id integer PRIMARY KEY, ehr_id uuid);",
      code: "ALTER TABLE comp RENAME TO comp_data;\nALTER TABLE comp_data DROP COLUMN ehr_id;\n",
      lines: [2],
      severities: ["warning"],
      messages: ["Dropping column comp_data.ehr_id is the contract step of a move: the INSERT ... SELECT at db/migration/V2__copy_version_columns.sql:1 copied ehr_id into comp_version, so its values live on there"],
      fixes: [
        [
          "-- 1. Stop reading and writing comp_data.ehr_id in the application and deploy.",
          "-- 2. Then, in a later migration (the INSERT ... SELECT at db/migration/V2__copy_version_columns.sql:1 copied ehr_id into comp_version: nothing to keep):",
          "ALTER TABLE comp_data DROP COLUMN ehr_id;",
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      name: "an UPDATE ... FROM earlier in the migration set the new key column from the dropped name column (warehouse's ee5b8f66a223): the values live on converted, no copy is suggested",
      path: "migrations/000002_squat_ids.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE packages (id uuid PRIMARY KEY, name text UNIQUE NOT NULL);\nCREATE TABLE squats (id serial PRIMARY KEY, squattee_name text NOT NULL);\n" },
      schema: "CREATE TABLE packages (id uuid PRIMARY KEY, name text UNIQUE NOT NULL);\nCREATE TABLE squats (id serial PRIMARY KEY, squattee_name text NOT NULL);",
      code: [
        "ALTER TABLE squats ADD COLUMN squattee_id uuid;",
        "UPDATE squats SET squattee_id = packages.id FROM packages WHERE packages.name = squats.squattee_name;",
        "ALTER TABLE squats ALTER COLUMN squattee_id SET NOT NULL;",
        "ALTER TABLE squats DROP COLUMN squattee_name;",
        "",
      ].join("\n"),
      lines: [4],
      severities: ["warning"],
      messages: ["Dropping column squats.squattee_name is the contract step of a move: the UPDATE at line 2 of this migration set squattee_id from squattee_name, so its values live on in it"],
      fixes: [
        [
          "-- 1. Stop reading and writing squats.squattee_name in the application and deploy.",
          "-- 2. Then, in a later migration (the UPDATE at line 2 of this migration set squattee_id from squattee_name: nothing to keep):",
          "ALTER TABLE squats DROP COLUMN squattee_name;",
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      name: "an UPDATE whose WHERE alone names the dropped column (no FROM joins rows on it) sets a constant: it copies nothing, data loss",
      path: "migrations/000002_drop_name.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE squats (id serial PRIMARY KEY, squattee_name text NOT NULL, flagged boolean);\n" },
      schema: "CREATE TABLE squats (id serial PRIMARY KEY, squattee_name text NOT NULL, flagged boolean);",
      code: "UPDATE squats SET flagged = true WHERE squattee_name = 'x';\nALTER TABLE squats DROP COLUMN squattee_name;\n",
      lines: [2],
      severities: ["error"],
      messages: ["Dropping column squats.squattee_name deletes its data"],
    },
    {
      framework: "sql",
      name: "INSERT ... (SELECT ... UNION ALL SELECT ...) copies the column into a per-locale table, each arm filtered by a subquery of another table (alf.io's V12_1.5.15), then the column goes: a move, no data loss",
      path: "db/migration/V2__remove_description.sql",
      files: { "db/migration/V1__init.sql": "CREATE TABLE event (id integer PRIMARY KEY, locales integer NOT NULL, description text);\nCREATE TABLE event_text (event_id_fk integer NOT NULL, locale text NOT NULL, description text);\n" },
      schema: "CREATE TABLE event (id integer PRIMARY KEY, locales integer NOT NULL, description text);\nCREATE TABLE event_text (event_id_fk integer NOT NULL, locale text NOT NULL, description text);",
      code: [
        "INSERT INTO event_text (SELECT id AS event_id_fk, 'en' AS locale, description FROM event WHERE (SELECT count(*) FROM event_text WHERE event_id_fk = event.id) = 0",
        "UNION ALL",
        "SELECT e.id AS event_id_fk, 'de' AS locale, e.description FROM event e JOIN event_text t ON t.event_id_fk = e.id WHERE e.locales = 7);",
        "ALTER TABLE event DROP COLUMN description;",
        "",
      ].join("\n"),
      lines: [4],
      severities: ["warning"],
      messages: ["Dropping column event.description is the contract step of a move: the INSERT ... SELECT at line 1 of this migration copied description into event_text, so its values live on there"],
    },
    {
      framework: "sql",
      name: "INSERT ... SELECT that reads the dropped column only in a subquery of its WHERE copies other rows' columns: data loss",
      path: "db/migration/V2__remove_description.sql",
      files: { "db/migration/V1__init.sql": "CREATE TABLE event (id integer PRIMARY KEY, description text);\nCREATE TABLE audit (id integer NOT NULL, note text);\n" },
      schema: "CREATE TABLE event (id integer PRIMARY KEY, description text);\nCREATE TABLE audit (id integer NOT NULL, note text);",
      code: "INSERT INTO audit (SELECT id, 'x' FROM audit WHERE (SELECT description FROM event WHERE event.id = audit.id) IS NOT NULL);\nALTER TABLE event DROP COLUMN description;\n",
      lines: [2],
      severities: ["error"],
      messages: ["Dropping column event.description deletes its data"],
    },
    {
      framework: "sql",
      name: "a value mapping: one UPDATE per old value sets the new column to a constant on the rows the old value picks (osparc's 009c81406676), then the old column goes: its values live on converted",
      path: "migrations/000002_state_enum.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE comp_tasks (id serial PRIMARY KEY, deprecated_state integer NOT NULL, state text);\n" },
      schema: "CREATE TABLE comp_tasks (id serial PRIMARY KEY, deprecated_state integer NOT NULL, state text);",
      code: "UPDATE comp_tasks SET state = 'PENDING' WHERE deprecated_state = 1;\nUPDATE comp_tasks SET state = 'SUCCESS' WHERE deprecated_state IN (3, 4);\nALTER TABLE comp_tasks DROP COLUMN deprecated_state;\n",
      lines: [3],
      severities: ["warning"],
      messages: ["the UPDATE at line 2 of this migration set state from deprecated_state, so its values live on in it"],
    },
    {
      framework: "sql",
      name: "an earlier migration kept the column with CREATE TABLE ... AS SELECT of it: its values live on in that table",
      path: "migrations/000003_drop_phone.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, phone text);\n",
        "migrations/000002_keep_phones.up.sql": "CREATE TABLE user_phones AS SELECT id, phone FROM users;\n",
      },
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone text);\nCREATE TABLE user_phones AS SELECT id, phone FROM users;",
      code: "ALTER TABLE users DROP COLUMN phone;\n",
      lines: [1],
      severities: ["warning"],
      messages: ["the CREATE TABLE ... AS SELECT at migrations/000002_keep_phones.up.sql:1 copied phone into user_phones"],
    },
    {
      framework: "sql",
      name: "an earlier migration kept the column with SELECT ... INTO a new table: its values live on in that table, as with CREATE TABLE ... AS",
      path: "migrations/000003_drop_phone.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, phone text);\n",
        "migrations/000002_keep_phones.up.sql": "SELECT id, phone INTO user_phones FROM users;\n",
      },
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone text);\nSELECT id, phone INTO user_phones FROM users;",
      code: "ALTER TABLE users DROP COLUMN phone;\n",
      lines: [1],
      severities: ["warning"],
      messages: ["the SELECT ... INTO at migrations/000002_keep_phones.up.sql:1 copied phone into user_phones"],
    },
    {
      framework: "sql",
      name: "the table an earlier migration copied the column into was dropped since: the values are gone with it, data loss",
      path: "migrations/000004_drop_phone.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, phone text);\n",
        "migrations/000002_keep_phones.up.sql": "CREATE TABLE user_phones AS SELECT id, phone FROM users;\n",
        "migrations/000003_drop_copy.up.sql": "DROP TABLE user_phones;\n",
      },
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone text);",
      code: "ALTER TABLE users DROP COLUMN phone;\n",
      lines: [1],
      severities: ["error"],
      messages: ["Dropping column users.phone deletes its data"],
    },
    {
      framework: "sql",
      name: "an earlier whole-row snapshot (SELECT *) is a backup taken then, not a move of the column: data loss",
      path: "migrations/000003_drop_phone.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, phone text);\n",
        "migrations/000002_snapshot.up.sql": "CREATE TABLE users_snapshot AS SELECT * FROM users;\n",
      },
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone text);\nCREATE TABLE users_snapshot AS SELECT * FROM users;",
      code: "ALTER TABLE users DROP COLUMN phone;\n",
      lines: [1],
      severities: ["error"],
      messages: ["Dropping column users.phone deletes its data"],
    },
    {
      framework: "sql",
      name: "the column was dropped and added again after the copy: the values dropped now are not the ones copied",
      path: "migrations/000004_drop_phone.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, phone text);\nCREATE TABLE old_phones (id bigint, phone text);\n",
        "migrations/000002_keep_phones.up.sql": "INSERT INTO old_phones SELECT id, phone FROM users;\n",
        "migrations/000003_phone_again.up.sql": "ALTER TABLE users DROP COLUMN phone;\nALTER TABLE users ADD COLUMN phone text;\n",
      },
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone text);\nCREATE TABLE old_phones (id bigint, phone text);",
      code: "ALTER TABLE users DROP COLUMN phone;\n",
      lines: [1],
      severities: ["error"],
      messages: ["Dropping column users.phone deletes its data"],
    },
    {
      framework: "sql",
      name: "goose NO TRANSACTION: a drop before the NOT NULL column without a default commits on its own, on the rows the table had; the one after it runs on an empty table",
      path: "db/migrations/00002_projects_created_at.sql",
      schema: "CREATE TABLE projects (id integer PRIMARY KEY, created timestamp, updated timestamp);",
      code: "-- +goose NO TRANSACTION\n-- +goose Up\nALTER TABLE projects DROP COLUMN created;\nALTER TABLE projects ADD COLUMN created_at timestamp NOT NULL;\nALTER TABLE projects DROP COLUMN updated;\n-- +goose Down\nSELECT 1;\n",
      lines: [3],
    },
    {
      framework: "sql",
      name: "a GENERATED ... STORED column (its definition read from an earlier migration) dropped while the columns it reads stay: no data lost, a note whose fix says how a rollback computes it again",
      path: "migrations/000002_drop_extension.up.sql",
      files: { "migrations/000001_init.up.sql": "create table torrents (info_hash bytea primary key, name text not null, single_file boolean, extension text generated always as (case when single_file then substring(lower(name) from '[^/.]\\.([a-z0-9]+)$') end) stored);\n", "migrations/000002_drop_extension.down.sql": "alter table torrents add column extension text generated always as (case when single_file then substring(lower(name) from '[^/.]\\.([a-z0-9]+)$') end) stored;\n" },
      schema: "create table torrents (info_hash bytea primary key, name text not null, single_file boolean, extension text generated always as (case when single_file then substring(lower(name) from '[^/.]\\.([a-z0-9]+)$') end) stored);\ninsert into torrents (info_hash, name, single_file) values ('\\x01', 'a/b.mkv', true);",
      code: "alter table torrents drop column extension;\n",
      lines: [1],
      severities: ["info"],
      messages: ["Dropping column torrents.extension loses no data: it is GENERATED ALWAYS AS (CASE WHEN single_file THEN SUBSTRING(lower(name) FROM E'[^/.]\\\\.([a-z0-9]+)$') END) STORED, computed from single_file, name of the same row, which stay"],
      fixes: [
        [
          "-- nothing to copy: a rollback adds the column back as it was, and PostgreSQL computes its values again:",
          "--   ALTER TABLE torrents ADD COLUMN extension text GENERATED ALWAYS AS (CASE",
          "--     WHEN single_file THEN SUBSTRING(lower(name) FROM E'[^/.]\\\\.([a-z0-9]+)$')",
          "--   END) STORED;",
          "alter table torrents drop column extension;",
        ].join("\n"),
      ],
      // the statement the fix's comment gives the rollback runs as written
      thenRuns: "ALTER TABLE torrents ADD COLUMN extension text GENERATED ALWAYS AS (CASE\n  WHEN single_file THEN SUBSTRING(lower(name) FROM E'[^/.]\\\\.([a-z0-9]+)$')\nEND) STORED;",
      afterFix: { query: "SELECT extension FROM torrents", rows: [{ extension: "mkv" }] },
    },
    {
      framework: "sql",
      name: "a generated column dropped with a column its expression reads: its values cannot be computed again, the finding stays",
      path: "migrations/000002_drop_extension.up.sql",
      files: { "migrations/000001_init.up.sql": "create table torrents (info_hash bytea primary key, name text not null, single_file boolean, extension text generated always as (case when single_file then substring(lower(name) from '[^/.]\\.([a-z0-9]+)$') end) stored);\n" },
      schema: "create table torrents (info_hash bytea primary key, name text not null, single_file boolean, extension text generated always as (case when single_file then substring(lower(name) from '[^/.]\\.([a-z0-9]+)$') end) stored);\ninsert into torrents (info_hash, name, single_file) values ('\\x01', 'a/b.mkv', true);",
      code: "alter table torrents drop column extension;\nalter table torrents drop column single_file;\n",
      lines: [1, 2],
      severities: ["error", "error"],
    },
    {
      framework: "sql",
      name: "linkwarden 20250215182023: Prisma drops indexVersion and adds it again as INTEGER in one statement: a change of type that empties the column, not a removal: no code finds it missing, so a warning for the values; the schema's field is the new column's, and the fix keeps a copy and runs the statement as written (never the drop alone)",
      path: "prisma/migrations/20250215182023_change_field_type/migration.sql",
      files: {
        "prisma/migrations/20230719181459_init/migration.sql": LINK_TABLE,
        "prisma/schema.prisma": "model Link {\n  id           Int  @id @default(autoincrement())\n  indexVersion Int?\n}\n",
      },
      schema: `${LINK_TABLE}INSERT INTO "Link" ("indexVersion") VALUES ('1');`,
      code: 'ALTER TABLE "Link" DROP COLUMN "indexVersion",\nADD COLUMN     "indexVersion" INTEGER;\n',
      lines: [1],
      severities: ["warning"],
      messages: [
        "Dropping column Link.indexVersion deletes its values; a rollback cannot restore them. The same statement adds indexVersion to Link again (integer). What names it today (prisma/schema.prisma:3) reads that one, not this one. Code that names it finds it when the migration ends, so only the values are lost. In effect a change of type that starts the column empty.",
      ],
      fixes: [
        '-- the same statement adds indexVersion to Link again (integer): a change of type that starts the column empty. Keep a copy of the values, then run the statement as written:\nCREATE TABLE "Link_indexVersion_backup_20250215182023" AS SELECT id, "indexVersion" FROM "Link";\nALTER TABLE "Link" DROP COLUMN "indexVersion",\nADD COLUMN     "indexVersion" INTEGER;',
      ],
      afterFix: { query: 'SELECT "indexVersion" FROM "Link_indexVersion_backup_20250215182023"', rows: [{ indexVersion: "1" }] },
      thenRuns: 'SELECT "indexVersion" + 1 FROM "Link";',
    },
    {
      framework: "sql",
      name: "linkwarden 20231025123038: User.image dropped, and 20231028041930 renames imagePath to image: the schema's image is that column, so no claim that running code reads this one; the fix keeps a copy and drops now, since a drop deferred to a later migration would collide with the rename",
      path: "prisma/migrations/20231025123038_added_pathname_to_files/migration.sql",
      files: {
        "prisma/migrations/20230719181459_init/migration.sql": USER_TABLE,
        "prisma/migrations/20231028041930_rename_image_path_to_image/migration.sql": 'ALTER TABLE "User" RENAME COLUMN "imagePath" TO "image";\n',
        "prisma/schema.prisma": "model User {\n  id    Int     @id @default(autoincrement())\n  image String?\n}\n",
      },
      schema: `${USER_TABLE}INSERT INTO "User" ("image") VALUES ('a.png');`,
      code: 'ALTER TABLE "User" DROP COLUMN "image",\nADD COLUMN     "imagePath" TEXT;\n',
      lines: [1],
      severities: ["error"],
      messages: [
        "prisma/migrations/20231028041930_rename_image_path_to_image/migration.sql:1 renames imagePath to image on User. What names it today (prisma/schema.prisma:3) reads that one, not this one. Code that used the dropped one can only have run between the two migrations; today's code says nothing about that.",
      ],
      fixes: [
        '-- prisma/migrations/20231028041930_rename_image_path_to_image/migration.sql:1 renames imagePath to image on User: a column kept here (left for the old code, dropped in a later migration) makes it fail with "already exists", so the drop stays. Keep a copy of the values, then drop it as written:\nCREATE TABLE "User_image_backup_20231025123038" AS SELECT id, image FROM "User";\nALTER TABLE "User" DROP COLUMN "image",\nADD COLUMN     "imagePath" TEXT;',
      ],
      thenRuns: 'ALTER TABLE "User" RENAME COLUMN "imagePath" TO "image";',
    },
    {
      framework: "sql",
      name: "a DELETE without WHERE empties the table first and nothing writes it since: no value is dropped, so no data-loss claim and no copy of the emptied table; the old code selecting it stays, a warning",
      path: "db/migrations/20210410195727_restructure_notifications.up.sql",
      schema: "CREATE TABLE notifications (id integer PRIMARY KEY, user_id integer, title varchar, received_at timestamptz);",
      code: "DELETE FROM notifications;\nALTER TABLE notifications ADD COLUMN content_id integer NOT NULL;\nALTER TABLE notifications DROP COLUMN received_at;\n",
      lines: [3],
      severities: ["warning"],
      messages: ["Dropping column notifications.received_at loses no data: the DELETE on line 1 removed every row of notifications, so no value is dropped. Servers still running the old code select received_at"],
      fixes: ["-- 1. Stop reading and writing notifications.received_at in the application and deploy.\n-- 2. Then, in a later migration (the DELETE on line 1 left no rows in notifications: nothing to keep):\nALTER TABLE notifications DROP COLUMN received_at;"],
    },
    {
      framework: "sql",
      name: "TRUNCATE first (truncate-table's finding), then the drop: no value is dropped",
      path: "db/migrations/20210410195727_restructure_notifications.up.sql",
      schema: "CREATE TABLE notifications (id integer PRIMARY KEY, title varchar);",
      code: "TRUNCATE notifications;\nALTER TABLE notifications DROP COLUMN title;\n",
      lines: [2],
      severities: ["warning"],
      messages: ["the TRUNCATE on line 1 removed every row of notifications, so no value is dropped"],
    },
    {
      framework: "sql",
      name: "emptied, then filled again before the drop: the values written since are lost, the error stays",
      path: "db/migrations/20210410195727_restructure_notifications.up.sql",
      schema: "CREATE TABLE notifications (id integer PRIMARY KEY, title varchar);\nCREATE TABLE old_notifications (id integer PRIMARY KEY, title varchar);",
      code: "DELETE FROM notifications;\nINSERT INTO notifications (id, title) SELECT id, title FROM old_notifications;\nALTER TABLE notifications DROP COLUMN title;\n",
      lines: [3],
      severities: ["error"],
      messages: ["Dropping column notifications.title deletes its data"],
    },
    {
      framework: "sql",
      name: "a DELETE of every row where the column is set runs first: only NULLs are dropped, so no data-loss claim; the old code selecting it stays, a warning whose fix keeps no copy",
      path: "db/migrations/20240110130000_hard_delete_alerts.up.sql",
      schema: "CREATE TABLE alert (id bigint PRIMARY KEY, deleted_at timestamptz);",
      code: "DELETE FROM alert WHERE deleted_at IS NOT NULL;\nALTER TABLE alert DROP COLUMN deleted_at;\n",
      lines: [2],
      severities: ["warning"],
      messages: ["loses no data: the DELETE on line 1 removed every row where it was set, so only NULLs are dropped. Servers still running the old code select deleted_at"],
      fixes: ["-- 1. Stop reading and writing alert.deleted_at in the application and deploy.\n-- 2. Then, in a later migration (the DELETE on line 1 left only NULLs in deleted_at: nothing to keep):\nALTER TABLE alert DROP COLUMN deleted_at;"],
    },
    {
      framework: "sql",
      name: "a DELETE whose condition also requires something else (AND) may keep rows with a value: the data-loss error stays",
      path: "db/migrations/20240110130000_hard_delete_old_alerts.up.sql",
      schema: "CREATE TABLE alert (id bigint PRIMARY KEY, deleted_at timestamptz);",
      code: "DELETE FROM alert WHERE deleted_at IS NOT NULL AND deleted_at < now() - interval '30 days';\nALTER TABLE alert DROP COLUMN deleted_at;\n",
      lines: [2],
      severities: ["error"],
      messages: ["deletes its data"],
    },
    {
      framework: "sql",
      name: "rows written after the DELETE may hold values again: the data-loss error stays",
      path: "db/migrations/20240110130000_hard_delete_then_import.up.sql",
      schema: "CREATE TABLE alert (id bigint PRIMARY KEY, deleted_at timestamptz);\nCREATE TABLE old_alert (id bigint, deleted_at timestamptz);",
      code: "DELETE FROM alert WHERE deleted_at IS NOT NULL OR id < 0;\nINSERT INTO alert (id, deleted_at) SELECT id, deleted_at FROM old_alert;\nALTER TABLE alert DROP COLUMN deleted_at;\n",
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "sql",
      name: "a column of a table an earlier migration created 4 hours before and nothing wrote to: no values to lose: a note",
      path: "db/migrations/20240110130000_drop_charges_note.up.sql",
      files: { "db/migrations/20240110090000_create_charges.up.sql": "CREATE TABLE charges (id bigint PRIMARY KEY, note text);\n" },
      schema: "CREATE TABLE charges (id bigint PRIMARY KEY, note text);",
      code: "ALTER TABLE charges DROP COLUMN note;\n",
      lines: [1],
      severities: ["info"],
      messages: ["charges was created 4 hours earlier by 20240110090000_create_charges.up.sql"],
    },
    {
      framework: "sql",
      name: "Prisma: the schema no longer declares the field and the code names the word only in a comment, a local name, JSX prose and a type: the planned last step, a note",
      ...PRISMA_DROP,
      schema: JOB_VERSION_TABLE,
      files: { "prisma/schema.prisma": jobVersionModel(""), ...UNRELATED_TS },
      lines: [1],
      severities: ["info"],
      messages: ["the Prisma schema (prisma/schema.prisma) no longer declares it, so Prisma's client does not read it, and none of the 2 source files of application code read names prepare in SQL on JobVersion"],
    },
    {
      framework: "sql",
      name: "Prisma: the schema still declares the field (with @map): the client selects it, the error cites the declaration",
      ...PRISMA_DROP,
      schema: JOB_VERSION_TABLE,
      files: { "prisma/schema.prisma": jobVersionModel('  isPrepared Boolean @default(false) @map("prepare")\n'), ...UNRELATED_TS },
      lines: [1],
      severities: ["error"],
      messages: ['The Prisma schema still declares it (prisma/schema.prisma:3: isPrepared Boolean @default(false) @map("prepare"))'],
    },
    {
      framework: "sql",
      name: "Prisma: the field is gone from the schema but raw SQL on the table still reads the column: the error names the file",
      ...PRISMA_DROP,
      schema: JOB_VERSION_TABLE,
      files: { "prisma/schema.prisma": jobVersionModel(""), "app/jobs.server.ts": 'export const prepared = (prisma) => prisma.$queryRaw`SELECT id FROM "JobVersion" WHERE "prepare" = true`;\n', ...UNRELATED_TS },
      lines: [1],
      severities: ["error"],
      messages: ["Application code still names prepare: app/jobs.server.ts:1."],
    },
    {
      framework: "sql",
      name: "plain SQL beside TypeScript that names the word only in a comment, a local name, JSX prose and a type (EventRule is no eventRule): the planned step, a note",
      path: "migrations/000012_drop_prepare.up.sql",
      code: 'ALTER TABLE "JobVersion" DROP COLUMN "prepare", DROP COLUMN "eventRule";\n',
      schema: 'CREATE TABLE "JobVersion" (id text PRIMARY KEY, prepare boolean, "eventRule" jsonb);',
      files: UNRELATED_TS,
      lines: [1, 1],
      severities: ["info", "info"],
    },
    {
      framework: "sql",
      name: "plain SQL beside TypeScript: a common word counts where the file names the table's client delegate, not in unrelated files",
      path: "migrations/000012_drop_prepare.up.sql",
      code: 'ALTER TABLE "JobVersion" DROP COLUMN "prepare";\n',
      schema: JOB_VERSION_TABLE,
      files: { "app/jobs.server.ts": "export const ready = (prisma) => prisma.jobVersion.findMany({ where: { prepare: true } });\n", ...UNRELATED_TS },
      lines: [1],
      severities: ["error"],
      messages: ["Application code still names prepare: app/jobs.server.ts:1."],
    },
    {
      framework: "sql",
      name: "plain SQL beside Go that never names the column, and YAML pipeline fixtures, a JSON fixture and a guide that do (concourse's resource_types.version): data and prose read no column, the planned step, a note",
      path: "atc/db/migration/migrations/1537546150_global_resource_version_history.up.sql",
      code: "ALTER TABLE resource_types DROP COLUMN version;\n",
      schema: "CREATE TABLE resource_types (id serial PRIMARY KEY, name text NOT NULL, version text);",
      files: CONCOURSE_DATA,
      lines: [1],
      severities: ["info"],
    },
    {
      framework: "sql",
      name: "the same fixtures, and Go code that selects the column on its table: the error names the Go file alone",
      path: "atc/db/migration/migrations/1537546150_global_resource_version_history.up.sql",
      code: "ALTER TABLE resource_types DROP COLUMN version;\n",
      schema: "CREATE TABLE resource_types (id serial PRIMARY KEY, name text NOT NULL, version text);",
      files: { ...CONCOURSE_DATA, "atc/db/resource_type.go": 'package db\n\nconst resourceTypeVersion = "SELECT version FROM resource_types WHERE id = $1"\n' },
      lines: [1],
      severities: ["error"],
      messages: ["Application code still names version: atc/db/resource_type.go:3."],
    },
    {
      framework: "sql",
      name: "frontier's 20240206233616: Go's Plan struct tags trial_days, in a file that queries billing_plans (the column this migration adds) and never billing_subscriptions: another table's column, no use of the one dropped (the planned last step)",
      path: "internal/store/postgres/migrations/20240206233616_plan_trial_days.up.sql",
      code: "ALTER TABLE billing_plans ADD COLUMN IF NOT EXISTS trial_days int8;\n\nALTER TABLE billing_subscriptions ADD COLUMN IF NOT EXISTS trial_ends_at timestamptz;\nALTER TABLE billing_subscriptions DROP COLUMN IF EXISTS trial_days;\n",
      schema: "CREATE TABLE billing_plans (id uuid PRIMARY KEY);\nCREATE TABLE billing_subscriptions (id uuid PRIMARY KEY, trial_days int8);",
      files: {
        "internal/store/postgres/postgres.go": 'package postgres\n\nconst (\n\tTABLE_BILLING_PLANS = "billing_plans"\n\tTABLE_BILLING_SUBSCRIPTIONS = "billing_subscriptions"\n)\n',
        "internal/store/postgres/billing_plan_repository.go": 'package postgres\n\ntype Plan struct {\n\tID        string `db:"id"`\n\tTrialDays *int64 `db:"trial_days"`\n}\n\nfunc list(d Dialect) { d.From(TABLE_BILLING_PLANS) }\n',
      },
      lines: [4],
      severities: ["info"],
      messages: ["planned last step"],
    },
    {
      framework: "sql",
      name: "the same tag on the struct of a file that queries billing_subscriptions through its table constant: code still reads the column, the error names the field",
      path: "internal/store/postgres/migrations/20240206233616_plan_trial_days.up.sql",
      code: "ALTER TABLE billing_subscriptions DROP COLUMN IF EXISTS trial_days;\n",
      schema: "CREATE TABLE billing_subscriptions (id uuid PRIMARY KEY, trial_days int8);",
      files: {
        "internal/store/postgres/postgres.go": 'package postgres\n\nconst (\n\tTABLE_BILLING_SUBSCRIPTIONS = "billing_subscriptions"\n)\n',
        "internal/store/postgres/billing_subscription_repository.go": 'package postgres\n\ntype Subscription struct {\n\tTrialDays *int64 `db:"trial_days"`\n}\n\nfunc list(d Dialect) { d.From(TABLE_BILLING_SUBSCRIPTIONS) }\n',
      },
      lines: [1],
      severities: ["error"],
      messages: ["internal/store/postgres/billing_subscription_repository.go:4"],
    },
    {
      framework: "sql",
      name: "Java beside the migration: the OAuth2 providers' own requested scope field, another object's getScope() and comments name scope, the entity of the table no longer maps it (Dataverse's oauth2tokendata.scope): the planned last step",
      path: "src/main/resources/db/migration/V4.17.0.1__5991-update-scribejava.sql",
      code: "ALTER TABLE OAuth2TokenData DROP COLUMN IF EXISTS scope;\n",
      schema: "CREATE TABLE oauth2tokendata (id bigserial PRIMARY KEY, accesstoken text, scope text);",
      files: DATAVERSE_PROVIDERS,
      lines: [1],
      severities: ["info"],
    },
    {
      framework: "sql",
      name: "the same code, and the entity of the table still maps the column, a variable of its type calls its accessor and JPQL on the entity names it: the error names those lines",
      path: "src/main/resources/db/migration/V4.17.0.1__5991-update-scribejava.sql",
      code: "ALTER TABLE OAuth2TokenData DROP COLUMN IF EXISTS scope;\n",
      schema: "CREATE TABLE oauth2tokendata (id bigserial PRIMARY KEY, accesstoken text, scope text);",
      files: {
        ...DATAVERSE_PROVIDERS,
        "src/main/java/edu/harvard/iq/dataverse/authorization/providers/oauth2/OAuth2TokenData.java":
          'package edu.harvard.iq.dataverse.authorization.providers.oauth2;\n\n@Entity\n@Table(name = "oauth2tokendata")\npublic class OAuth2TokenData {\n    @Id private Long id;\n    private String scope;\n}\n',
        "src/main/java/edu/harvard/iq/dataverse/authorization/providers/oauth2/OAuth2TokenDataServiceBean.java":
          'package edu.harvard.iq.dataverse.authorization.providers.oauth2;\n\npublic class OAuth2TokenDataServiceBean {\n    public String scopeOf(OAuth2TokenData data) {\n        return data.getScope();\n    }\n    static final String BY_SCOPE = "SELECT d FROM OAuth2TokenData d WHERE d.scope = :scope";\n}\n',
      },
      lines: [1],
      severities: ["error"],
      messages: ["OAuth2TokenData.java:7, src/main/java/edu/harvard/iq/dataverse/authorization/providers/oauth2/OAuth2TokenDataServiceBean.java:5, src/main/java/edu/harvard/iq/dataverse/authorization/providers/oauth2/OAuth2TokenDataServiceBean.java:7."],
    },
    {
      framework: "sql",
      name: "ADD COLUMN IF NOT EXISTS of a column that may already be there does not make it a scratch column",
      schema: 'CREATE TABLE "Team" (id int PRIMARY KEY, "isPersonal" boolean);',
      code: 'ALTER TABLE "Team" ADD COLUMN IF NOT EXISTS "isPersonal" boolean;\nALTER TABLE "Team" DROP COLUMN "isPersonal";\n',
      lines: [2],
    },
    {
      framework: "sql",
      name: "MySQL: the copy is MySQL's CREATE TABLE ... AS SELECT, and a reserved word stays in backticks",
      config: { database: "mysql" },
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, `rank` int);\nINSERT INTO users VALUES (1, 2);",
      code: "ALTER TABLE users DROP COLUMN `rank`;",
      lines: [1],
    },
    {
      framework: "sql",
      name: "openmeter charges refactor: one ALTER drops several columns and adds one: each finding's fix is the statement's, the ADD COLUMN stays, the columns are copied together and dropped later",
      schema: "CREATE TABLE charges (id char(26) PRIMARY KEY, name text, status text);\nINSERT INTO charges VALUES ('a', 'n', 's');",
      code: 'ALTER TABLE "charges" DROP COLUMN "name", DROP COLUMN "status", ADD COLUMN "kind" character varying NULL;\n',
      lines: [1, 1],
      fixes: ["-- the statement's other parts stay here, as written:\nALTER TABLE charges ADD COLUMN kind varchar NULL;\n-- 1. Stop reading and writing name, status of charges in the application and deploy.\n-- 2. Keep a copy of the data (migguard found no primary key of charges: the whole table):\nCREATE TABLE charges_dropped_columns_backup_001 AS TABLE charges;\n-- 3. Then, in a later migration:\nALTER TABLE charges DROP COLUMN name, DROP COLUMN status;", "-- the statement's other parts stay here, as written:\nALTER TABLE charges ADD COLUMN kind varchar NULL;\n-- 1. Stop reading and writing name, status of charges in the application and deploy.\n-- 2. Keep a copy of the data (migguard found no primary key of charges: the whole table):\nCREATE TABLE charges_dropped_columns_backup_001 AS TABLE charges;\n-- 3. Then, in a later migration:\nALTER TABLE charges DROP COLUMN name, DROP COLUMN status;"],
    },
    {
      framework: "sql",
      name: "lemmy 000192: ADD PRIMARY KEY needs the old key gone with DROP COLUMN id: the statement is not split (the column's own fix)",
      schema: "CREATE TABLE captcha_answer (id serial PRIMARY KEY, uuid uuid NOT NULL UNIQUE);",
      code: "ALTER TABLE captcha_answer DROP COLUMN id, ADD PRIMARY KEY (uuid);\n",
      lines: [1],
      fixes: ["-- 1. Stop reading and writing captcha_answer.id in the application and deploy.\n-- 2. Keep a copy of the data:\n-- migguard found no primary key of captcha_answer in the migrations: the whole table is copied (keeping only its key and id is enough)\nCREATE TABLE captcha_answer_id_backup_001 AS TABLE captcha_answer;\n-- 3. Then, in a later migration:\nALTER TABLE captcha_answer DROP COLUMN id;"],
    },
    {
      framework: "sql",
      name: "lemmy 000215: a column dropped and added again under its name in one ALTER is not split (the ADD needs the DROP first): the fix keeps a copy and runs the statement whole, never the drop alone",
      schema: "CREATE TABLE modes (local_user_id int PRIMARY KEY, score boolean);",
      code: "ALTER TABLE modes DROP COLUMN score, ADD COLUMN score boolean DEFAULT false NOT NULL;\n",
      lines: [1],
      fixes: ["-- the same statement adds score to modes again (boolean): a change of type that starts the column empty. Keep a copy of the values, then run the statement as written:\n-- migguard found no primary key of modes in the migrations: the whole table is copied (keeping only its key and score is enough)\nCREATE TABLE modes_score_backup_001 AS TABLE modes;\nALTER TABLE modes DROP COLUMN score, ADD COLUMN score boolean DEFAULT false NOT NULL;"],
      thenRuns: "SELECT count(*) FROM modes WHERE NOT score;",
    },
    { framework: "sql", name: "drop a column of a live table", schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);", code: "ALTER TABLE users DROP COLUMN phone_number;", lines: [1] },
    {
      framework: "sql",
      name: "one finding per dropped column, on its statement",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);\nCREATE TABLE accounts (id bigint PRIMARY KEY, fax text);",
      code: "-- deprecate SMS login\nALTER TABLE users\n  DROP COLUMN phone_number;\nALTER TABLE accounts DROP COLUMN IF EXISTS fax;",
      lines: [2, 4],
    },
    {
      framework: "sql",
      name: "a multi-byte comment before the statement does not shift the line",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);",
      code: "/* café ✓ 😀 — déprécié */\n\nALTER TABLE users DROP COLUMN phone_number;",
      lines: [3],
    },
    {
      framework: "sql",
      name: "dropping the id column itself: the copy is the whole table (SELECT id, id would name one column twice), IF EXISTS kept",
      path: "db/migration/V2__drop_id.sql",
      files: { "db/migration/V1__queue.sql": "CREATE TABLE queue (id serial PRIMARY KEY, queue_name text NOT NULL);" },
      schema: "CREATE TABLE queue (id serial PRIMARY KEY, queue_name text NOT NULL);",
      code: "ALTER TABLE queue DROP COLUMN IF EXISTS id;",
      lines: [1],
    },
    {
      framework: "sql",
      name: "Atlas's atlas:nolint DS103 waived the drop: a note that names it, not an error (it gives no reason)",
      schema: "CREATE TABLE billing_invoices (id bigint PRIMARY KEY, provider_config jsonb, provider_reference text);",
      code: '-- modify "billing_invoices" table\n-- atlas:nolint DS103\nALTER TABLE "billing_invoices" DROP COLUMN "provider_config", DROP COLUMN "provider_reference";\n',
      lines: [3, 3],
      severities: ["info", "info"],
      messages: ["(waived by atlas:nolint DS103 on line 2)", "(waived by atlas:nolint DS103 on line 2)"],
    },
    {
      framework: "sql",
      name: "atlas:nolint of another check (MF101: duplicates) does not cover the drop: still the data-loss error",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);",
      code: "-- atlas:nolint MF101\nALTER TABLE users DROP COLUMN phone_number;",
      lines: [2],
      severities: ["error"],
    },
    {
      framework: "sql",
      name: "atlas:nolint covers the next statement only: a later drop stays an error",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text, fax text);",
      code: "-- atlas:nolint DS103\nALTER TABLE users DROP COLUMN phone_number;\nALTER TABLE users DROP COLUMN fax;",
      lines: [2, 3],
      severities: ["info", "error"],
    },
    {
      framework: "sql",
      name: "atlas:nolint in the file's header (before a blank line) covers the whole file",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text, fax text);",
      code: "-- atlas:nolint destructive\n\nALTER TABLE users DROP COLUMN phone_number;\nALTER TABLE users DROP COLUMN fax;",
      lines: [3, 4],
      severities: ["info", "info"],
      messages: ["(waived by atlas:nolint destructive on line 1)", "(waived by atlas:nolint destructive on line 1)"],
    },
    {
      framework: "sql",
      name: "squawk-ignore ban-drop-column (a list, with a trailing remark): a note",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);",
      code: "-- squawk-ignore ban-drop-column, renaming-column -- SMS login is gone\nALTER TABLE users DROP COLUMN phone_number;",
      lines: [2],
      severities: ["info"],
      messages: ["(waived by squawk-ignore ban-drop-column,renaming-column on line 1)"],
    },
    {
      framework: "sql",
      name: "squawk-ignore-file without rule names covers every rule of the file",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);",
      code: "ALTER TABLE users DROP COLUMN phone_number;\n/* squawk-ignore-file */",
      lines: [1],
      severities: ["info"],
      messages: ["(waived by squawk-ignore-file on line 2)"],
    },
    {
      framework: "sql",
      name: "eugene's ignore of other hints (E6 index) leaves the drop an error",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);",
      code: "-- eugene: ignore E6, E9\nALTER TABLE users DROP COLUMN phone_number;",
      lines: [2],
      severities: ["error"],
    },
    {
      framework: "sql",
      name: "inbox-zero remove_old_fields: Prisma, the previous migration copied the column to another table: the fix is about the old deployment's client still selecting it, not a backup",
      path: "prisma/migrations/20240122015840_remove_old_fields/migration.sql",
      files: {
        "prisma/migrations/20240101000000_init/migration.sql": 'CREATE TABLE "User" ("id" TEXT NOT NULL PRIMARY KEY, "lemonSqueezyCustomerId" INTEGER NOT NULL);\nCREATE TABLE "Premium" ("id" TEXT NOT NULL PRIMARY KEY, "lemonSqueezyCustomerId" INTEGER);\n',
        "prisma/migrations/20240116235134_shared_premium/migration.sql": 'INSERT INTO "Premium" ("id", "lemonSqueezyCustomerId") SELECT "id", "lemonSqueezyCustomerId" FROM "User";\n',
      },
      schema: 'CREATE TABLE "User" ("id" TEXT NOT NULL PRIMARY KEY, "lemonSqueezyCustomerId" INTEGER NOT NULL);\nCREATE TABLE "Premium" ("id" TEXT NOT NULL PRIMARY KEY, "lemonSqueezyCustomerId" INTEGER);',
      code: 'ALTER TABLE "User" DROP COLUMN "lemonSqueezyCustomerId";\n',
      lines: [1],
      severities: ["warning"],
      fixes: [
        '-- the data step at prisma/migrations/20240116235134_shared_premium/migration.sql:1 (INSERT INTO "Premium" ("id", "lemonSqueezyCustomerId") SELECT "id", "lemonSqueez) already took care of the values: a copy adds nothing. What breaks is the deployment still serving while\n-- `prisma migrate deploy` runs: its generated client selects every scalar column of User, lemonSqueezyCustomerId included.\n-- 1. Release the Prisma schema without the field first (and without this migration): the new client stops selecting it.\n-- lemonSqueezyCustomerId is NOT NULL without a default and the new client\'s inserts leave it out, so that release\'s migration runs:\nALTER TABLE "User" ALTER COLUMN "lemonSqueezyCustomerId" DROP NOT NULL;\n-- 2. Then, in a migration of the next release, drop it as written here:\nALTER TABLE "User" DROP COLUMN "lemonSqueezyCustomerId";',
      ],
    },
    {
      framework: "sql",
      name: "docs.rs: Rust code names the words only in comments, prose strings, locals and parameters, and another language's source ships as assets (Sublime's PHP syntax test under assets/syntaxes/): no code names files.public or releases.files, the planned last step",
      path: "crates/db/migrations/20251202020754_remove-file-public.up.sql",
      code: "ALTER TABLE files DROP COLUMN public;\nALTER TABLE releases DROP COLUMN files;\n",
      schema: "CREATE TABLE files (path text PRIMARY KEY, public boolean);\nCREATE TABLE releases (id integer PRIMARY KEY, files jsonb);",
      files: {
        "crates/admin/src/main.rs": RUST_PROSE,
        ...PHP_SYNTAX_TEST,
      },
      lines: [1, 2],
      severities: ["info", "info"],
    },
    {
      framework: "sql",
      name: "docs.rs: Rust code whose sqlx query reads releases.files (SQL on the table in a string over several lines) and reads the record's field: the error names those lines",
      path: "crates/db/migrations/20260811210608_remove-release-files.up.sql",
      code: "ALTER TABLE releases DROP COLUMN files;\n",
      schema: "CREATE TABLE releases (id integer PRIMARY KEY, files jsonb);",
      files: {
        "crates/admin/src/main.rs": RUST_PROSE,
        "crates/web/src/source.rs": `pub async fn source(db: &Pool, id: i32) -> Result<Value> {
    // the file list of a release
    let row = sqlx::query!(
        "SELECT files
         FROM releases
         WHERE id = $1",
        id
    )
    .fetch_one(db)
    .await?;
    Ok(row.files)
}
`,
      },
      lines: [1],
      severities: ["error"],
      messages: ["Application code still names files: crates/web/src/source.rs:4, crates/web/src/source.rs:11."],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "DROP COLUMN IF EXISTS of a column no earlier migration gave the table (its CREATE TABLE and every change since read): a no-op, no values lost, no backup of a column that is not there",
      path: "db/migration/V3__merge_history.sql",
      files: {
        "db/migration/V1__init.sql": "CREATE TABLE comp_version_history (vo_id uuid, sys_version integer, root_concept text, PRIMARY KEY (vo_id, sys_version));\n",
        "db/migration/V2__data.sql": "ALTER TABLE comp_version_history ADD COLUMN ov_data text;\n",
      },
      code: "ALTER TABLE comp_version_history\n    DROP COLUMN IF EXISTS ov_ref;\nALTER TABLE comp_version_history\n    ADD COLUMN ov_ref int DEFAULT NULL;\n",
    },
    {
      framework: "sql",
      name: "the same migration adds a NOT NULL column without a default to the table, which PostgreSQL runs only on an empty table: the dropped column held no values, before the proof in the same transaction too",
      path: "db/migrations/000002_projects_created_at.up.sql",
      code: "ALTER TABLE projects DROP COLUMN created;\nALTER TABLE projects ADD COLUMN created_at timestamp NOT NULL;\nALTER TABLE projects DROP COLUMN updated;\n",
    },
    {
      framework: "sql",
      name: "bitmagnet's 00002: a GENERATED ... STORED column dropped and added back generated (from a new column) in the same migration: every value is computed again, nothing lost",
      path: "migrations/00002_files_status.sql",
      files: { "migrations/00001_init.sql": "-- +goose Up\ncreate table torrents (info_hash bytea primary key, name text not null, single_file boolean, extension text generated always as (case when single_file then substring(lower(name) from '[^/.]\\.([a-z0-9]+)$') end) stored);\n-- +goose Down\ndrop table torrents;\n" },
      code: "-- +goose Up\nalter table torrents add column files_status text not null default 'no_info';\nalter table torrents drop column extension;\nalter table torrents add column extension text generated always as (case when files_status = 'single' then substring(lower(name) from '[^/.]\\.([a-z0-9]+)$') end) stored;\n-- +goose Down\nalter table torrents drop column extension;\nalter table torrents drop column files_status;\nalter table torrents add column extension text generated always as (case when single_file then substring(lower(name) from '[^/.]\\.([a-z0-9]+)$') end) stored;\n",
    },
    {
      framework: "sql",
      name: "a scratch column the same migration added to drive its data move: no deployed code knows it, its values were made here",
      schema: 'CREATE TABLE "Team" (id int PRIMARY KEY, name text);\nCREATE TABLE "Organisation" (id int PRIMARY KEY, personal boolean);',
      code: 'ALTER TABLE "Team" ADD COLUMN "isPersonal" BOOLEAN NOT NULL DEFAULT false;\nUPDATE "Organisation" o SET personal = t."isPersonal" FROM "Team" t WHERE t.id = o.id;\nALTER TABLE "Team" DROP COLUMN "isPersonal";\n',
    },
    {
      framework: "sql",
      name: "a scratch column renamed before it is dropped",
      schema: 'CREATE TABLE "Team" (id int PRIMARY KEY, name text);',
      code: 'ALTER TABLE "Team" ADD COLUMN tmp boolean;\nALTER TABLE "Team" RENAME COLUMN tmp TO "isPersonal";\nALTER TABLE "Team" DROP COLUMN "isPersonal";\n',
    },
    {
      framework: "sql",
      name: "one hazard, one finding: a column of a table the same migration drops afterwards (drop-table reports the data loss)",
      code: "ALTER TABLE replication_job DROP COLUMN tags;\nDROP TABLE replication_job;",
    },
    {
      framework: "sql",
      name: "the table is renamed and dropped under its new name afterwards",
      code: "ALTER TABLE jobs DROP COLUMN tags;\nALTER TABLE jobs RENAME TO old_jobs;\nDROP TABLE old_jobs;",
    },
    {
      framework: "sql",
      name: "the down puts the values back from where they now live",
      path: "migrations/000051_drop_tx_date.up.sql",
      code: "ALTER TABLE account_transactions DROP COLUMN date;",
      files: {
        "migrations/000051_drop_tx_date.down.sql":
          "ALTER TABLE account_transactions ADD COLUMN date date;\nUPDATE account_transactions t SET date = e.date FROM account_entries e WHERE e.entryable_id = t.id;",
      },
    },
    { framework: "sql", name: "the column was copied to a backup table first", code: "CREATE TABLE users_phone_backup AS SELECT id, phone_number FROM users;\nALTER TABLE users DROP COLUMN phone_number;" },
    { framework: "sql", name: "dropping a column of a table created in the same migration", code: "CREATE TABLE drafts (id bigint, body text);\nALTER TABLE drafts DROP COLUMN body;" },
    { framework: "sql", name: "waived with a reason", code: "-- migguard:ignore drop-column column was never written, see #42\nALTER TABLE users DROP COLUMN phone_number;" },
  ],
});
