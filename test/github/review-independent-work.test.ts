/**
 * The rapidpro and vita-min replays' remaining false alarms through the App (a signed webhook against the local
 * GitHub API): independent work on one table out of version order, a reverse accessor other relations keep, and
 * a Python-only default on a model the deployed code never creates. The same patterns go through `migguard
 * review` in test/cli/review-independent-version-order.test.ts, review-shared-reverse-accessor.test.ts and
 * review-deployed-inserts.test.ts. And caseflow's release branch of old migrations against newer ones migguard
 * cannot all read (a notice, not a warning), as test/cli/review-independent-version-order.test.ts reviews it.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const latestRun = (head: string): FakeCheckRun => s!.fake.checkRunsFor(head).at(-1)!;
const levels = (run: FakeCheckRun, rule: string) => run.annotations.filter((a) => a.title.startsWith(rule)).map((a) => a.annotation_level);
const addColumn = (klass: string, column: string) => `class ${klass} < ActiveRecord::Migration[7.1]\n  def change\n    add_column :intakes, :${column}, :integer, default: 0\n  end\nend\n`;

describe("the rapidpro and vita-min replays' patterns through the App", () => {
  it("an older add_column on intakes than a merged add_column of another intakes column: a notice, the check passes", async () => {
    s = await startScenario({
      baseFiles: {
        "README.md": "# vita-min\n",
        "db/migrate/20251101000000_create_intakes.rb": "class CreateIntakes < ActiveRecord::Migration[7.1]\n  def change\n    create_table :intakes\n  end\nend\n",
        "db/migrate/20251208205505_add_brought_last_years_return_to_intake.rb": addColumn("AddBroughtLastYearsReturnToIntake", "brought_last_years_return"),
      },
    });
    const head = s.openPull(1, { "db/migrate/20251201215441_add_new_vehicle_purchased_to_intakes.rb": addColumn("AddNewVehiclePurchasedToIntakes", "new_vehicle_purchased") });
    await s.pullRequest("opened", 1);
    const run = latestRun(head);
    expect(levels(run, "migration-version-order")).toEqual(["notice"]);
    expect(run.conclusion).toBe("success");
  });

  it("caseflow 1158b8e8a7: a release branch's old add_column on conference_links, newer migrations on other tables and one that runs SQL from a file: a notice naming it, the check passes", async () => {
    s = await startScenario({
      baseFiles: {
        "README.md": "# caseflow\n",
        "db/migrate/20230101000000_create_conference_links.rb": "class CreateConferenceLinks < ActiveRecord::Migration[7.1]\n  def change\n    create_table :conference_links do |t|\n      t.string :host_link\n    end\n  end\nend\n",
        "db/migrate/20241001000000_refresh_reports.rb": 'class RefreshReports < ActiveRecord::Migration[7.1]\n  def up\n    execute(File.read(Rails.root.join("db/scripts/refresh_reports.sql")))\n  end\n\n  def down\n  end\nend\n',
        "db/migrate/20241012181521_add_index_to_request_issues_reference_id.rb": "class AddIndexToRequestIssues < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :request_issues, :reference_id, algorithm: :concurrently\n  end\nend\n",
      },
    });
    const head = s.openPull(3, { "db/migrate/20230726203750_add_meeting_type_to_conference_links.rb": "class AddMeetingTypeToConferenceLinks < ActiveRecord::Migration[7.1]\n  def change\n    add_column :conference_links, :meeting_type, :string\n  end\nend\n" });
    await s.pullRequest("opened", 3);
    const run = latestRun(head);
    expect(levels(run, "migration-version-order")).toEqual(["notice"]);
    expect(run.annotations.find((a) => a.title.startsWith("migration-version-order"))?.message).toContain("could not tell whether db/migrate/20241001000000_refresh_reports.rb touches conference_links");
    expect(run.conclusion).toBe("success");
  });

  it("a many-to-many field removed while other relations keep its related_name, used in a mixin: a notice, not a warning", async () => {
    const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="OptIn", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(name="Label", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Flow",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("optin_dependencies", models.ManyToManyField(related_name="dependent_flows", to="flows.optin")),
                ("label_dependencies", models.ManyToManyField(related_name="dependent_flows", to="flows.label")),
            ],
        ),
    ]
`;
    const models = (field: string) =>
      `from django.db import models\n\n\nclass OptIn(models.Model):\n    pass\n\n\nclass Label(models.Model):\n    pass\n\n\nclass Flow(models.Model):\n${field}    label_dependencies = models.ManyToManyField(Label, related_name="dependent_flows")\n`;
    s = await startScenario({
      baseFiles: {
        "README.md": "# rapidpro\n",
        "flows/__init__.py": "",
        "flows/migrations/__init__.py": "",
        "flows/migrations/0001_initial.py": initial,
        "flows/models.py": models('    optin_dependencies = models.ManyToManyField(OptIn, related_name="dependent_flows")\n'),
        "orgs/__init__.py": "",
        "orgs/models.py":
          "class DependencyMixin:\n    def get_dependents(self):\n        return {\"flow\": self.dependent_flows.filter(is_active=True)}\n\n\ndef flows_of(org):\n    from flows.models import Flow\n\n    return Flow.objects.filter(org=org)\n",
      },
    });
    const head = s.openPull(2, {
      "flows/models.py": models(""),
      "flows/migrations/0002_remove_flow_optin_dependencies.py":
        'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("flows", "0001_initial")]\n\n    operations = [migrations.RemoveField(model_name="flow", name="optin_dependencies")]\n',
    });
    await s.pullRequest("opened", 2);
    const run = latestRun(head);
    expect(levels(run, "dropped-object-still-used")).toEqual(["notice"]);
    expect(run.annotations.find((a) => a.title.startsWith("dropped-object-still-used"))?.message).toContain("dependent_flows is also the reverse accessor of Flow.label_dependencies");
  });

  it("a NOT NULL AddField with a Python-only default on a model the base branch creates only in tests, authoring added by the pull request: a notice, the check passes", async () => {
    const models = (language: string) =>
      `from django.db import models\n\n\nclass Article(models.Model):\n    title = models.CharField(max_length=64)\n${language}`;
    s = await startScenario({
      baseFiles: {
        "README.md": "# rapidpro\n",
        "knowledge/__init__.py": "",
        "knowledge/migrations/__init__.py": "",
        "knowledge/migrations/0001_initial.py":
          'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n\n    operations = [migrations.CreateModel(name="Article", fields=[("id", models.BigAutoField(primary_key=True)), ("title", models.CharField(max_length=64))])]\n',
        "knowledge/models.py": models(""),
        "knowledge/views.py": "from knowledge.models import Article\n\n\ndef titles():\n    return Article.objects.values_list(\"title\", flat=True)\n",
        "knowledge/tests.py": "from knowledge.models import Article\n\n\ndef test_it():\n    Article.objects.create(title=\"x\")\n",
      },
    });
    const head = s.openPull(3, {
      "knowledge/models.py": models('    language = models.CharField(default="eng", max_length=3)\n'),
      "knowledge/views.py": "from knowledge.models import Article\n\n\ndef create(title):\n    return Article.objects.create(title=title)\n",
      "knowledge/migrations/0002_article_language.py":
        'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("knowledge", "0001_initial")]\n\n    operations = [migrations.AddField(model_name="article", name="language", field=models.CharField(default="eng", max_length=3))]\n',
    });
    await s.pullRequest("opened", 3);
    const run = latestRun(head);
    expect(levels(run, "required-column-without-default")).toEqual(["notice"]);
    expect(run.conclusion).toBe("success");
  });
});
