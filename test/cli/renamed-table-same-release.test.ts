/**
 * A NOT NULL column whose default only fills the existing rows, on a table that got its name from a rename the
 * running code has not seen (ralph's networks 0004 on networks_networkenvironment, which data_center 0012 moved there
 * with AlterModelTable, both first in 20160609.2): the code deployed before inserts under the old name, so none of
 * its inserts can miss the column. Lint asks the release tags, review the change.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True)), ("number", models.CharField(max_length=20))]),
    ]
`;
const RENAME = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [migrations.AlterModelTable(name="order", table="sales_order")]
`;
const ADD = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_rename_order")]
    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(default="web", max_length=20), preserve_default=False),
    ]
`;

type Finding = { path: string; rule: string; severity: string; message: string };
const added = (findings: Finding[]) => findings.find((f) => f.path === "shop/migrations/0003_order_channel.py" && f.rule === "required-column-without-default");

describe("required-column-without-default on a table renamed in the same release", () => {
  /** 0001 released as v1.0.0; the rename, then the AddField (`tagBetween` tags the rename alone), then v1.1.0. */
  const lintWithTags = async (tagBetween?: string) => {
    const repo = new Repo().write(djangoApp("shop", { "shop/migrations/0001_initial.py": INITIAL })).commit("shop");
    repo.git("tag", "v1.0.0");
    repo.write({ "shop/migrations/0002_rename_order.py": RENAME }).commit("rename the orders table");
    if (tagBetween) repo.git("tag", tagBetween);
    repo.write({ "shop/migrations/0003_order_channel.py": ADD }).commit("order channel");
    repo.git("tag", "v1.1.0");
    const result = await run(["lint", "--format", "json", "shop/migrations"], { cwd: repo.root });
    return added((JSON.parse(result.output) as { findings: Finding[] }).findings);
  };

  it("lint: a note when the rename first shipped in the same release as the AddField", async () => {
    const finding = await lintWithTags();
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain("But sales_order got this name from 0002_rename_order.py, and both first shipped in v1.1.0: code of earlier releases uses the table under its old name");
  });

  it("lint: stays an error when a release shipped the rename before the AddField", async () => {
    expect((await lintWithTags("v1.0.1"))?.severity).toBe("error");
  });

  it("review: a note when a migration of the same change renamed the table", async () => {
    const repo = featureBranchOn(djangoApp("shop", { "shop/migrations/0001_initial.py": INITIAL }));
    repo.write({ "shop/migrations/0002_rename_order.py": RENAME, "shop/migrations/0003_order_channel.py": ADD }).commit("rename, then a channel");
    const finding = added((await reviewJson(repo)).findings);
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain("But 0002_rename_order.py, a migration of this change, renamed the table to sales_order: the code running before the deploy uses the table under its old name");
  });

  it("review: stays an error when the base branch renamed the table", async () => {
    const repo = featureBranchOn(djangoApp("shop", { "shop/migrations/0001_initial.py": INITIAL, "shop/migrations/0002_rename_order.py": RENAME }));
    repo.write({ "shop/migrations/0003_order_channel.py": ADD }).commit("a channel");
    expect(added((await reviewJson(repo)).findings)?.severity).toBe("error");
  });
});
