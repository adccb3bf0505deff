/**
 * The copy a fix keeps before a data change is named after the migration (backup-name.ts): Wazo's version bumps,
 * one Alembic revision per release, each `UPDATE infos SET wazo_version = ...`, were all offered
 * `CREATE TABLE infos_backup AS TABLE infos`, which fails with "already exists" from the second bump on. Through
 * `migguard lint`, then the copies of both fixes run one after the other in PGlite.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { DEFAULT_LIMITS } from "../../src/execute/executor.js";
import { PgliteExecutor } from "../../src/execute/pglite/pglite-executor.js";
import { optInRules } from "./support/opt-in-rules.js";

/** The files, with dml-without-where (opt-in) switched on: its fixes keep the copies. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-backup-names-"));
  for (const [path, content] of Object.entries({ ...optInRules("dml-without-where"), ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const revision = (id: string, after: string | null, upgrade: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${after ? `"${after}"` : "None"}\n\n\ndef upgrade():\n    ${upgrade}\n\n\ndef downgrade():\n    pass\n`;

const executor = new PgliteExecutor();
beforeAll(() => executor.start(), 120_000);
afterAll(() => executor.close());

describe("migguard lint: the backup a fix keeps is named after its migration", () => {
  it("two version bumps of one table get two copies, and both run on one database", async () => {
    const root = tree({
      "alembic/versions/1a2b3c4d5e6f_create_infos.py": revision("1a2b3c4d5e6f", null, 'op.create_table("infos", sa.Column("uuid", sa.String(38), primary_key=True), sa.Column("wazo_version", sa.String(64), nullable=False))'),
      "alembic/versions/8863a45bcbd0_bump_version_26_06.py": revision("8863a45bcbd0", "1a2b3c4d5e6f", "op.execute(\"UPDATE infos SET wazo_version = '26.06'\")"),
      "alembic/versions/cb49d48129fd_bump_version_26_07.py": revision("cb49d48129fd", "8863a45bcbd0", "op.execute(\"UPDATE infos SET wazo_version = '26.07'\")"),
    });
    const result = await run(["lint", "--format", "json", "alembic/versions"], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; fix: string }> }).findings.filter((f) => f.rule === "dml-without-where");
    expect(findings.map((f) => f.path.split("/").pop())).toEqual(["8863a45bcbd0_bump_version_26_06.py", "cb49d48129fd_bump_version_26_07.py"]);
    // the fix's first op.execute is the copy: its argument, a JSON-compatible Python string
    const copies = findings.map((f) => JSON.parse(/op\.execute\(("CREATE TABLE [^\n]*")\)/.exec(f.fix)![1]) as string);
    expect(copies).toEqual(["CREATE TABLE infos_backup_8863a45bcbd0 AS TABLE infos", "CREATE TABLE infos_backup_cb49d48129fd AS TABLE infos"]);
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      await session.query("CREATE TABLE infos (uuid varchar(38) PRIMARY KEY, wazo_version varchar(64) NOT NULL)");
      await session.query("INSERT INTO infos VALUES ('u', '26.05')");
      for (const copy of copies) await session.query(copy);
      expect(await session.query("SELECT (SELECT count(*) FROM infos_backup_8863a45bcbd0)::int AS first, (SELECT count(*) FROM infos_backup_cb49d48129fd)::int AS second")).toEqual([{ first: 1, second: 1 }]);
    } finally {
      await session.release();
    }
  }, 120_000);

  it("a name past PostgreSQL's 63 bytes cuts the table part and keeps the version whole", async () => {
    const table = "warehouse_case_reports_with_a_very_long_descriptive_name_for_sync";
    const root = tree({
      "db/migrate/20240101000000_create_reports.rb": `class CreateReports < ActiveRecord::Migration[7.1]\n  def change\n    create_table :${table} do |t|\n      t.string :state\n    end\n  end\nend\n`,
      "db/migrate/20240502125941_reset_reports.rb": `class ResetReports < ActiveRecord::Migration[7.1]\n  def up\n    execute "UPDATE ${table} SET state = 'new'"\n  end\n\n  def down\n  end\nend\n`,
    });
    const result = await run(["lint", "--format", "json", "db/migrate/20240502125941_reset_reports.rb"], { cwd: root });
    const finding = (JSON.parse(result.output) as { findings: Array<{ rule: string; fix: string }> }).findings.find((f) => f.rule === "dml-without-where")!;
    const name = /CREATE TABLE (\w+) AS TABLE/.exec(finding.fix)![1];
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^warehouse_case_reports_with_a_very_long_d\w*_backup_20240502125941$/);
  });
});
