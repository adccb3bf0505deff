/**
 * The repository's habits through `migguard lint`: a folder whose earlier migrations never have a down (an
 * up-only golang-migrate project) or always leave it empty gets the missing/empty-down finding with one more
 * sentence that names the config line turning the rule off, as a warning: the project rolls forward by policy, so the
 * gap is shown without failing a required check on every pull request.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-conventions-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const lint = async (cwd: string, ...paths: string[]) =>
  (JSON.parse((await run(["lint", "--format", "json", ...paths], { cwd })).output) as { findings: Array<{ path: string; rule: string; severity: string; message: string }> }).findings;

const upOnly = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`migrations/00000${i + 1}_step.up.sql`, `ALTER TABLE t${i} ADD COLUMN c text;\n`]));

describe("down habits", () => {
  it("says so when no earlier migration of the folder has a down, as a warning", async () => {
    const root = repo({ ...upOnly(3), "migrations/000004_phone.up.sql": "ALTER TABLE users ADD COLUMN phone text;\n" });
    const finding = (await lint(root, "migrations")).find((f) => f.rule === "missing-down" && f.path === "migrations/000004_phone.up.sql")!;
    expect(finding.severity).toBe("warning");
    expect(finding.message).toContain("None of the 3 earlier migrations in migrations/ has a down either");
    expect(finding.message).toContain("`rules: { missing-down: off }` in .github/migguard.yml");
  });

  it("says nothing of a habit when the earlier migrations have downs, or are too few to tell", async () => {
    const root = repo({
      ...upOnly(2),
      "migrations/000002_step.down.sql": "ALTER TABLE t1 DROP COLUMN c;\n",
      "migrations/000003_step.up.sql": "ALTER TABLE t2 ADD COLUMN c text;\n",
      "migrations/000004_phone.up.sql": "ALTER TABLE users ADD COLUMN phone text;\n",
    });
    const findings = (await lint(root, "migrations")).filter((f) => f.rule === "missing-down");
    expect(findings.map((f) => f.path).sort()).toEqual(["migrations/000001_step.up.sql", "migrations/000003_step.up.sql", "migrations/000004_phone.up.sql"]);
    for (const f of findings) expect(f.message).not.toContain("earlier migrations");
  });

  it("names empty-down's line when the earlier downs are all empty (dbmate)", async () => {
    const dbmate = (table: string) => `-- migrate:up\nALTER TABLE ${table} ADD COLUMN c text;\n\n-- migrate:down\n`;
    const root = repo({
      "db/migrations/20240101000000_a.sql": dbmate("a"),
      "db/migrations/20240102000000_b.sql": dbmate("b"),
      "db/migrations/20240103000000_c.sql": dbmate("c"),
      "db/migrations/20240104000000_d.sql": dbmate("d"),
    });
    const finding = (await lint(root, "db")).find((f) => f.rule === "empty-down" && f.path === "db/migrations/20240104000000_d.sql")!;
    expect(finding.severity).toBe("warning");
    expect(finding.message).toContain("The 3 earlier migrations in db/migrations/ have no down or an empty one");
    expect(finding.message).toContain("`rules: { empty-down: off }`");
  });
});
