/**
 * DROP TABLE IF EXISTS through `migguard lint`: the drop runs where the table is absent, so the statement a fix
 * writes before it (the rename that keeps the rows, or the copy) must run there too: IF EXISTS on the rename, the
 * copy inside a DO block that asks to_regclass first (supabase/storage 0052, SEED-platform/seed 0100).
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const lint = async (root: string, path: string) =>
  (JSON.parse((await run(["lint", "--format", "json", path], { cwd: root })).output) as { findings: Array<{ rule: string; path: string; line: number; fix: string }> }).findings;

describe("drop-table fixes for DROP TABLE IF EXISTS", () => {
  it("plain SQL: the rename that keeps the rows says IF EXISTS too", async () => {
    const root = new Repo()
      .write({
        "migrations/tenant/0001-prefixes.sql": "CREATE TABLE prefixes (bucket_id text, name text);\n",
        "migrations/tenant/0002-drop-prefixes.sql": "DROP TABLE IF EXISTS prefixes cascade;\n",
      })
      .commit("app").root;
    const fix = (await lint(root, "migrations/tenant")).find((f) => f.rule === "drop-table")!.fix;
    expect(fix).toContain("ALTER TABLE IF EXISTS prefixes RENAME TO prefixes_deprecated;");
  });

  it("Django RunSQL: the copy before the drop runs only where the table exists", async () => {
    const root = new Repo()
      .write({
        "seed/models/properties.py": "from django.db import models\n\n\nclass Property(models.Model):\n    name = models.TextField()\n",
        "seed/migrations/0001_initial.py": "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = []\n",
        "seed/migrations/0002_drop_organizations.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("seed", "0001_initial")]\n\n    operations = [\n        migrations.RunSQL("DROP TABLE IF EXISTS organizations_organization;"),\n    ]\n',
      })
      .commit("app").root;
    const fix = (await lint(root, "seed/migrations")).find((f) => f.rule === "drop-table")!.fix;
    expect(fix).toContain("DO $$ BEGIN IF to_regclass('organizations_organization') IS NOT NULL THEN CREATE TABLE organizations_organization_backup_0002 AS TABLE organizations_organization; END IF; END $$");
    expect(fix).not.toMatch(/RunSQL\("CREATE TABLE/);
  });
});
