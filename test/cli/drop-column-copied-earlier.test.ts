/**
 * A Flyway history whose V2 copies columns into a version table with INSERT ... SELECT and whose V3 renames the table
 * and drops them (ehrbase's V6_2 / V6_3), through `migguard lint`: the drops are the contract step of that move,
 * not data loss; the finding names the copy. A column the copy did not select keeps the data-loss error.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-copied-earlier-");

type Finding = { rule: string; severity: string; line: number; message: string; fix: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migration"], { cwd })).output) as { findings: Finding[] }).findings;

const FILES = {
  "db/migration/V1__init.sql": "CREATE TABLE comp (id integer PRIMARY KEY, num integer NOT NULL, ehr_id uuid, template_id text, note text);\nCREATE TABLE comp_version (id integer PRIMARY KEY, ehr_id uuid, template_id text);\n",
  "db/migration/V2__version_tables.sql": "INSERT INTO comp_version (id, ehr_id, template_id)\nSELECT id, ehr_id, template_id\nFROM comp\nWHERE num = 0;\n",
  "db/migration/V3__version_tables.sql": "ALTER TABLE comp RENAME TO comp_data;\nALTER TABLE comp_data\n    DROP COLUMN ehr_id,\n    DROP COLUMN template_id,\n    DROP COLUMN note;\n",
};

describe("lint: columns an earlier migration copied into another table, then dropped", () => {
  it("the copied columns are the contract step of the move (the copy named); the column it did not copy is data loss", async () => {
    const drops = (await lint(repo(FILES))).filter((f) => f.rule === "drop-column");
    const copied = drops.filter((f) => f.message.includes("contract step"));
    expect(copied.map((f) => f.message.match(/comp_data\.(\w+)/)?.[1]).sort()).toEqual(["ehr_id", "template_id"]);
    for (const f of copied) {
      expect(f.severity).toBe("warning");
      expect(f.message).toContain("the INSERT ... SELECT at db/migration/V2__version_tables.sql:1 copied");
      expect(f.message).toContain("into comp_version");
      expect(f.fix).not.toContain("CREATE TABLE");
    }
    const lost = drops.filter((f) => !f.message.includes("contract step"));
    expect(lost.map((f) => `${f.severity} ${f.message.match(/comp_data\.(\w+)/)?.[1]}`)).toEqual(["error note"]);
  });
});
