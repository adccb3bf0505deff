/**
 * `migguard lint` on a Spring Boot Flyway project that runs its migrations in schema referencedata
 * (spring.flyway.schemas, OpenLMIS referencedata, audit 56): the initial schema creates `orderables` unqualified,
 * a later migration adds columns to `referencedata.orderables`, and a third drops and renames them unqualified.
 * One table: no drop-missing-column, the usual drop and rename findings instead. The same files in another schema's
 * table stay a drop of a column that table never had.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-flyway-schema-"));
  mkdirSync(join(root, ".git"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

type Finding = { path: string; line: number; rule: string; severity: string; message: string };
const lint = async (cwd: string) => {
  const result = await run(["lint", "--format", "json", "src/main/resources/db/migration"], { cwd });
  return (JSON.parse(result.output) as { findings: Finding[] }).findings;
};

const FOLDER = "src/main/resources/db/migration";
const MIGRATIONS = {
  [`${FOLDER}/20170206205240748__initial_schema.sql`]: "CREATE TABLE orderables (id uuid PRIMARY KEY, code text);\nCREATE TABLE archive.orderables (id uuid PRIMARY KEY);\n",
  [`${FOLDER}/20180821210354785__versions.sql`]: "ALTER TABLE referencedata.orderables ADD COLUMN versionid bigint;\nALTER TABLE referencedata.orderables ADD COLUMN mintemperature double precision;\n",
  [`${FOLDER}/20190722091929982__drop_and_rename.sql`]: "ALTER TABLE orderables DROP COLUMN versionid;\nALTER TABLE orderables RENAME COLUMN mintemperature TO minimumtemperature;\n",
};
const LAST = `${FOLDER}/20190722091929982__drop_and_rename.sql`;

describe("migguard lint: Flyway's configured schema names the migrations' unqualified tables", () => {
  it("spring.flyway.schemas=referencedata: the columns added to referencedata.orderables are orderables'", async () => {
    const findings = await lint(repo({ ...MIGRATIONS, "src/main/resources/application.properties": "spring.flyway.schemas=referencedata\nspring.flyway.table=schema_version\n" }));
    const last = findings.filter((f) => f.path === LAST);
    expect(last.filter((f) => f.rule === "drop-missing-column")).toEqual([]);
    expect(last.map((f) => `${f.rule}:${f.line}`)).toEqual(expect.arrayContaining(["drop-column:1", "rename-column:2"]));
  });

  it("configured to run in schema archive: referencedata.orderables is another table, and orderables never had those columns", async () => {
    const findings = await lint(repo({ ...MIGRATIONS, "src/main/resources/application.properties": "spring.flyway.default-schema=archive\n" }));
    expect(findings.filter((f) => f.path === LAST && f.rule === "drop-missing-column").map((f) => f.line)).toEqual([1, 2]);
  });

  it("a drop of supported_programs.id: application SQL that joins the table but reads other tables' ids does not name it, SQL on the table itself does", async () => {
    const files = {
      [`${FOLDER}/20170206205240748__initial_schema.sql`]: "CREATE TABLE supported_programs (id uuid PRIMARY KEY, facilityid uuid NOT NULL, programid uuid NOT NULL);\n",
      [`${FOLDER}/20180129143106317__change_primary_key.sql`]: "ALTER TABLE ONLY supported_programs DROP COLUMN id;\n",
      "src/main/resources/application.properties": "spring.flyway.schemas=referencedata\n",
      "src/main/java/org/example/domain/SupportedProgram.java": 'package org.example.domain;\n\n@Entity\n@Table(name = "supported_programs")\npublic class SupportedProgram {\n    @EmbeddedId\n    private SupportedProgramPrimaryKey key;\n}\n',
      "src/main/resources/db/right-assignments/mappings.sql": "SELECT sn.id\nFROM referencedata.supervisory_nodes sn\n  JOIN referencedata.requisition_groups rg ON rg.supervisorynodeid = sn.id\n  JOIN referencedata.supported_programs sp ON sp.programid = rg.programid;\n",
    };
    const drop = (findings: Finding[]) => findings.filter((f) => f.rule === "drop-column").map((f) => `${f.severity}: ${f.message}`);
    const [planned] = drop(await lint(repo(files)));
    expect(planned).toMatch(/^info: .*none of the 1 source file of application code read names id/);
    const [named] = drop(await lint(repo({ ...files, "src/main/resources/db/export.sql": "SELECT supported_programs.id FROM referencedata.supported_programs;\n" })));
    expect(named).toMatch(/^error: .*Application code still names id: src\/main\/resources\/db\/export\.sql:1\./);
  });
});
