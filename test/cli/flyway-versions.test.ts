/**
 * Flyway's description is optional: Dataverse's db/migration holds V6.1.0.5__x.sql and then V6.1.0.6.sql ...
 * V6.10.1.1.sql. Through `migguard lint`, the files without a description are migrations of the folder (linted, and
 * in its order), so a fix's new files are numbered after the newest of them, where Flyway (outOfOrder off) runs them.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-flyway-");

type Finding = { path: string; rule: string; line: number; fix: string };
const lint = async (cwd: string, folder: string) => (JSON.parse((await run(["lint", "--format", "json", folder], { cwd })).output) as { findings: Finding[] }).findings;

const folder = "src/main/resources/db/migration";

it("a fix's new Flyway files follow the newest version, a file without a description among them", async () => {
  const cwd = repo({
    [`${folder}/V4.16.0.1__5303-addColumn-to-settingTable.sql`]: "ALTER TABLE setting ADD COLUMN id serial PRIMARY KEY;\n",
    [`${folder}/V6.1.0.5__3623-multiple-pid-providers.sql`]: "ALTER TABLE dvobject ADD COLUMN IF NOT EXISTS pidgeneratorspecs text;\n",
    [`${folder}/V6.9.0.1.sql`]: "ALTER TABLE datasetversion ADD COLUMN IF NOT EXISTS versionnote text;\n",
    [`${folder}/V6.10.1.1.sql`]: "ALTER TABLE dataverse ADD COLUMN IF NOT EXISTS requirefilestoprepublish boolean;\n",
  });
  const findings = await lint(cwd, folder);
  // the files without a description are linted as migrations of the folder
  expect(findings.some((f) => f.path.endsWith("V6.10.1.1.sql"))).toBe(true);
  const key = findings.find((f) => f.path.endsWith("V4.16.0.1__5303-addColumn-to-settingTable.sql") && f.rule === "unique-constraint-without-index")!;
  expect(key.fix).toContain("V6.10.1.1.1__");
  expect(key.fix).not.toContain("V6.1.0.5.1__");
});

it("a V1.sql outside Flyway's db/migration is no Flyway migration (only a name with its description is)", async () => {
  const cwd = repo({ "sql/V1.sql": "DROP TABLE users;\n", "sql/V2__drop.sql": "DROP TABLE accounts;\n" });
  const paths = new Set((await lint(cwd, "sql")).map((f) => f.path));
  expect(paths.has("sql/V1.sql")).toBe(false);
  expect(paths.has("sql/V2__drop.sql")).toBe(true);
});
