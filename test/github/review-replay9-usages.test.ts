/**
 * The ninth replay's dropped-object-still-used false alarms through the App (signed webhooks against the local
 * GitHub API): the same small repositories as test/cli/review-replay9-usages.test.ts, and what the check says;
 * and treeherder 0071's AlterUniqueTogether fix (test/cli/review-replay9-unique-together.test.ts) as the annotation shows it.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { laaCompletedAtBase, laaCompletedAtDrop, laaSettingsBase, laaSettingsDrop, treeherderBase, treeherderDrop } from "../cli/support/replay9-usages.js";

let s: Scenario | undefined;
useScenario();

const latestRun = (head: string): FakeCheckRun => s!.fake.checkRunsFor(head).at(-1)!;
const annotations = (run: FakeCheckRun) => run.annotations.filter((a) => a.title.startsWith("dropped-object-still-used"));

describe("the ninth replay's usage patterns through the App", () => {
  it("treeherder: branch is also RepositoryBranch's field: a notice, not a failure", async () => {
    s = await startScenario({ baseFiles: { "README.md": "# treeherder\n", ...treeherderBase } });
    const head = s.openPull(1, treeherderDrop);
    await s.pullRequest("opened", 1);
    const found = annotations(latestRun(head));
    expect(found.map((a) => a.annotation_level)).toEqual(["notice"]);
    expect(found[0].message).toContain("branch is also a field of RepositoryBranch.branch");
  });

  it("laa: another class's method and a per-table hash key: nothing; a column the base model already ignores: a notice", async () => {
    s = await startScenario({ baseFiles: { "README.md": "# laa\n", ...laaSettingsBase, ...laaCompletedAtBase, "app/models/legal_aid_application.rb": laaCompletedAtBase["app/models/legal_aid_application.rb"] } });
    const settings = s.openPull(2, laaSettingsDrop);
    await s.pullRequest("opened", 2);
    expect(annotations(latestRun(settings))).toEqual([]);
    const completed = s.openPull(3, laaCompletedAtDrop);
    await s.pullRequest("opened", 3);
    const found = annotations(latestRun(completed));
    expect(found.map((a) => a.annotation_level)).toEqual(["notice"]);
    expect(found[0].message).toContain("already cannot read it through the model");
  });
});

describe("treeherder 0071's AlterUniqueTogether through the App", () => {
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AlertTesting",
            fields=[("id", models.BigAutoField(primary_key=True)), ("summary", models.IntegerField()), ("signature", models.IntegerField())],
            options={"db_table": "alert_testing", "unique_together": {("summary",)}},
        ),
    ]
`;
  const replace = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("perf", "0001_initial")]

    operations = [migrations.AlterUniqueTogether(name="alerttesting", unique_together={("summary", "signature")})]
`;

  it("the annotation's safe alternative drops the replaced set's constraint after attaching the new one", async () => {
    s = await startScenario({ baseFiles: { "README.md": "# treeherder\n", "perf/__init__.py": "", "perf/migrations/__init__.py": "", "perf/migrations/0001_initial.py": initial } });
    const head = s.openPull(4, { "perf/migrations/0002_alter_alerttesting_unique_together.py": replace });
    await s.pullRequest("opened", 4);
    const annotation = latestRun(head).annotations.find((a) => a.title.startsWith("unique-constraint-without-index"));
    const details = annotation?.raw_details ?? "";
    expect(details).toContain("# the replaced unique_together set alert_testing (summary)");
    expect(details.indexOf("DROP CONSTRAINT ' || quote_ident(found)")).toBeGreaterThan(details.indexOf("UNIQUE USING INDEX"));
  });
});
