/**
 * `migguard review` and `migguard lint` of a Django app that keeps the SQL of each migration beside it for review
 * (`sqlmigrate` output: CourtListener's `0002_x.sql` and `0002_x_customers.sql` next to `0002_x.py`). Django runs
 * the module only: the .sql files are not migrations of a SQL layout (the sixteenth replay: 16 duplicate-version
 * errors failed 13 of 25 pull requests, and the same DROP TABLE was judged three times).
 */
import { run } from "../../src/cli/main.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const INITIAL =
  'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Referer", fields=[("id", models.AutoField(primary_key=True)), ("url", models.TextField())]),\n    ]\n';
const CREATE_SQL = 'BEGIN;\nCREATE TABLE "visualizations_referer" ("id" serial NOT NULL PRIMARY KEY, "url" text NOT NULL);\nCOMMIT;\n';
const REMOVE = 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("visualizations", "0001_initial")]\n    operations = [\n        migrations.DeleteModel(name="Referer"),\n    ]\n';
const DROP_SQL = 'BEGIN;\nDROP TABLE "visualizations_referer" CASCADE;\nCOMMIT;\n';
const app = "cl/visualizations";
const folder = `${app}/migrations`;

const base = (withPackage: boolean) => {
  const files = djangoApp(app, {
    [`${folder}/0001_initial.py`]: INITIAL,
    [`${folder}/0001_initial.sql`]: CREATE_SQL,
    [`${folder}/0001_initial_customers.sql`]: CREATE_SQL,
  });
  if (!withPackage) delete files[`${folder}/__init__.py`];
  return files;
};
const removal = {
  [`${folder}/0002_remove_referer.py`]: REMOVE,
  [`${folder}/0002_remove_referer.sql`]: DROP_SQL,
  [`${folder}/0002_remove_referer_customers.sql`]: DROP_SQL,
};

describe("the .sql copies beside a Django migrations package's modules", () => {
  it("are not reviewed as migrations: the module's drop-table is the one finding, no duplicate versions", async () => {
    const repo = featureBranchOn(base(true));
    repo.write(removal).commit("remove the referer model");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.path.endsWith(".sql"))).toEqual([]);
    expect(findings.map((f) => [f.path, f.rule])).toContainEqual([`${folder}/0002_remove_referer.py`, "drop-table"]);
    expect(findings.filter((f) => f.rule === "drop-table")).toHaveLength(1);
  });

  it("a change that adds only a copy reviews nothing", async () => {
    const repo = featureBranchOn({ ...base(true), [`${folder}/0002_remove_referer.py`]: REMOVE });
    repo.write({ [`${folder}/0002_remove_referer_customers.sql`]: DROP_SQL }).commit("the SQL for customers");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("without the package's __init__.py the folder is no Django migrations package: its .sql files stay a SQL layout", async () => {
    const repo = featureBranchOn(base(false));
    repo.write(removal).commit("remove the referer model");
    const { findings } = await reviewJson(repo);
    expect(findings.map((f) => [f.path, f.rule])).toContainEqual([`${folder}/0002_remove_referer_customers.sql`, "duplicate-migration-version"]);
  });

  it("a Django app's migrations package holding only SQL copies (of a third-party app's migrations) reviews nothing", async () => {
    const repo = featureBranchOn({ "cl/oauth/__init__.py": "", "cl/oauth/apps.py": "from django.apps import AppConfig\n\n\nclass OauthConfig(AppConfig):\n    name = \"cl.oauth\"\n", "cl/oauth/migrations/__init__.py": "", "cl/oauth/migrations/0011_x.sql": CREATE_SQL });
    repo.write({ "cl/oauth/migrations/0012_add_token_checksum.sql": 'BEGIN;\nDROP INDEX IF EXISTS "oauth2_provider_accesstoken_token_8af090f8_like";\nCOMMIT;\n' }).commit("sqlmigrate oauth2_provider 0012");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("lint of the folder reads the modules only", async () => {
    const repo = featureBranchOn({ ...base(true), ...removal });
    const result = await run(["lint", "--format", "json", folder], { cwd: repo.root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ path: string; rule: string }> }).findings;
    expect(findings.filter((f) => f.path.endsWith(".sql"))).toEqual([]);
    expect(findings.map((f) => [f.path, f.rule])).toContainEqual([`${folder}/0002_remove_referer.py`, "drop-table"]);
  });
});
