/**
 * A change's Django migrations run in `migrate`'s order, across apps: billing's 0002 depends on catalog's 0002, so
 * it runs after it although "billing/..." sorts first. The index billing's migration builds on catalog's new table
 * is built on a table the same change just created, empty: no lock held on rows anyone uses.
 */
import { run } from "../../src/cli/main.js";
import { djangoApp, featureBranchOn, reviewJson, type Finding } from "./support/review-repo.js";

const migration = (dependencies: Array<[string, string]>, operations: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [${dependencies.map(([app, name]) => `("${app}", "${name}")`).join(", ")}]

    operations = [
${operations}
    ]
`;

const BASE = {
  ...djangoApp("catalog", {
    "catalog/migrations/0001_initial.py": migration([], `        migrations.CreateModel(name="Category", fields=[("id", models.AutoField(primary_key=True)), ("name", models.TextField())]),`),
  }),
  ...djangoApp("billing", {
    "billing/migrations/0001_initial.py": migration([], `        migrations.CreateModel(name="Invoice", fields=[("id", models.AutoField(primary_key=True)), ("total", models.IntegerField())]),`),
  }),
};

const CHANGE = {
  // catalog's new table
  "catalog/migrations/0002_product.py": migration(
    [["catalog", "0001_initial"]],
    `        migrations.CreateModel(name="Product", fields=[("id", models.AutoField(primary_key=True)), ("name", models.TextField())]),`,
  ),
  // billing's index on it: sorts first by path, runs after catalog's 0002 (its dependency)
  "billing/migrations/0002_product_index.py": migration(
    [["billing", "0001_initial"], ["catalog", "0002_product"]],
    `        migrations.RunSQL("CREATE INDEX billing_product_name ON catalog_product (name);", reverse_sql="DROP INDEX billing_product_name;"),`,
  ),
};

const INDEX = "billing/migrations/0002_product_index.py";

describe("a change's Django migrations in migrate's order across apps", () => {
  it("review: billing's index on the table catalog's migration of the same change creates is built on an empty table", async () => {
    const repo = featureBranchOn(BASE).write(CHANGE).commit("products");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.path === INDEX).map((f) => [f.rule, f.severity, f.message])).toEqual([]);
  });

  it("review: without the dependency, Django runs billing's migration first (app label order): the index is built on a table that may hold rows", async () => {
    const independent = CHANGE[INDEX].replace(', ("catalog", "0002_product")', "");
    const repo = featureBranchOn(BASE).write({ ...CHANGE, [INDEX]: independent }).commit("products");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.path === INDEX).map((f) => [f.rule, f.severity])).toEqual([["index-without-concurrently", "error"]]);
  });
});

describe("a column dropped by one app's migration and added again by another's that depends on it", () => {
  const WITH_CODE = {
    ...BASE,
    "catalog/migrations/0002_product.py": CHANGE["catalog/migrations/0002_product.py"].replace('("name", models.TextField())', '("name", models.TextField()), ("code", models.TextField(null=True))'),
  };
  const DROP = "catalog/migrations/0003_remove_code.py";
  const drops = {
    [DROP]: migration([["catalog", "0002_product"]], `        migrations.RemoveField(model_name="product", name="code"),`),
    // sorts first by its number, runs after the drop (its dependency)
    "billing/migrations/0002_code_again.py": migration(
      [["billing", "0001_initial"], ["catalog", "0003_remove_code"]],
      `        migrations.RunSQL("ALTER TABLE catalog_product ADD COLUMN code text;", reverse_sql="ALTER TABLE catalog_product DROP COLUMN code;"),`,
    ),
  };

  it("review: the drop runs first and loses the values; the later add does not make it a drop of a column the change added", async () => {
    const repo = featureBranchOn(WITH_CODE).write(drops).commit("code again");
    const { findings } = await reviewJson(repo);
    // in file order the add came first, and the drop was taken for one of a column the change itself added: no finding
    expect(findings.filter((f) => f.path === DROP).map((f) => [f.rule, f.severity])).toEqual([["drop-column", "error"]]);
  });
});

describe("lint of both files", () => {
  const lint = async (root: string, ...paths: string[]) => {
    const { output } = await run(["lint", "--format", "json", ...paths], { cwd: root });
    return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.path === INDEX);
  };

  it("catalog's table, created by the commit that added billing's index on it, is empty when the index is built: a note", async () => {
    const repo = featureBranchOn(BASE).write(CHANGE).commit("products");
    const findings = await lint(repo.root, INDEX, "catalog/migrations/0002_product.py");
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([["index-without-concurrently", "info"]]);
    expect(findings[0].message).toContain("catalog_product was created by catalog/migrations/0002_product.py, which reached this branch in the same commit");
  });

  it("without the dependency, billing's migration does not meet catalog's table: the error stays", async () => {
    const independent = CHANGE[INDEX].replace(', ("catalog", "0002_product")', "");
    const repo = featureBranchOn(BASE).write({ ...CHANGE, [INDEX]: independent }).commit("products");
    expect((await lint(repo.root, INDEX, "catalog/migrations/0002_product.py")).map((f) => [f.rule, f.severity])).toEqual([["index-without-concurrently", "error"]]);
  });
});
