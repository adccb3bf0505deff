/**
 * mixed-ddl-dml's split of a data change that a later migration of the folder needs, through `migguard lint`
 * (uktrade/lite-api survey 0002/0003): the backfill runs right after migration 1, before the later migration that
 * sets NOT NULL on the column it fills, never after it (there the NOT NULL fails on the NULLs still left).
 * Django: the new file depends on migration 1 and the fix says which dependency the later one must get; Rails: the
 * new file's version falls between the two.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-split-before-not-null-");

const mixedFix = async (cwd: string, folder: string) => {
  const { findings } = JSON.parse((await run(["lint", "--format", "json", folder], { cwd })).output) as { findings: Array<{ rule: string; fix: string }> };
  return findings.find((f) => f.rule === "mixed-ddl-dml")!.fix;
};

const SURVEY_0001 = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SurveyResponse",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("user_journey", models.TextField()),
            ],
        ),
    ]
`;
const CASES_0001 = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="CaseType", fields=[("id", models.AutoField(primary_key=True)), ("reference", models.TextField())]),
    ]
`;
const SURVEY_0002 = `from django.db import migrations, models
import django.db.models.deletion


def populate_case_type(apps, schema_editor):
    CaseType = apps.get_model("cases", "CaseType")
    SurveyResponse = apps.get_model("survey", "SurveyResponse")
    siel = CaseType.objects.get(reference="siel")
    SurveyResponse.objects.filter(user_journey="APPLICATION_SUBMISSION").update(case_type=siel)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("survey", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="surveyresponse",
            name="case_type",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.DO_NOTHING, to="cases.casetype"),
        ),
        migrations.RunPython(populate_case_type, migrations.RunPython.noop),
    ]
`;
const SURVEY_0003 = `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [("survey", "0002_surveyresponse_case_type")]

    operations = [
        migrations.AlterField(
            model_name="surveyresponse",
            name="case_type",
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.DO_NOTHING, to="cases.casetype"),
        ),
    ]
`;

describe("a data change split out before the later migration that needs it", () => {
  it("Django (lite-api survey 0002/0003): the backfill depends on 0002, and 0003 must depend on it", async () => {
    const fix = await mixedFix(
      repo({
        "cases/__init__.py": "",
        "cases/migrations/__init__.py": "",
        "cases/migrations/0001_initial.py": CASES_0001,
        "survey/__init__.py": "",
        "survey/migrations/__init__.py": "",
        "survey/migrations/0001_initial.py": SURVEY_0001,
        "survey/migrations/0002_surveyresponse_case_type.py": SURVEY_0002,
        "survey/migrations/0003_alter_surveyresponse_case_type.py": SURVEY_0003,
      }),
      "survey/migrations",
    );
    expect(fix).toContain("# migration 2, new file survey/migrations/0004_backfill_survey_surveyresponse.py: the data change, right after migration 1, before survey/migrations/0003_alter_surveyresponse_case_type.py, which needs it (line 9 sets NOT NULL on survey_surveyresponse.case_type_id, which it fills)");
    expect(fix).toContain('    dependencies = [("survey", "0002_surveyresponse_case_type")]\n');
    expect(fix).not.toContain('dependencies = [("survey", "0003_alter_surveyresponse_case_type")]');
    // lint cannot tell whether 0003 ran anywhere: the dependency only while it has not (InconsistentMigrationHistory otherwise)
    expect(fix).toContain('# survey/migrations/0003_alter_surveyresponse_case_type.py needs the data change first: only while it has run nowhere yet (new on this branch, like this one) add ("survey", "0004_backfill_survey_surveyresponse") to its dependencies; once any database ran it, leave it as it is');
  });

  it("Rails: the backfill's version falls between the migration and the later change_column_null", async () => {
    const fix = await mixedFix(
      repo({
        "db/migrate/20240101000000_create_posts.rb": "class CreatePosts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts do |t|\n      t.string :title\n    end\n  end\nend\n",
        "db/migrate/20240201000000_add_slug.rb": 'class AddSlug < ActiveRecord::Migration[7.1]\n  def up\n    add_column :posts, :slug, :string\n    execute "UPDATE posts SET slug = lower(title)"\n  end\n\n  def down\n    remove_column :posts, :slug\n  end\nend\n',
        "db/migrate/20240301000000_require_slug.rb": "class RequireSlug < ActiveRecord::Migration[7.1]\n  def change\n    change_column_null :posts, :slug, false\n  end\nend\n",
      }),
      "db/migrate",
    );
    expect(fix).toContain("# migration 2, new file db/migrate/20240201000001_backfill_posts.rb: the data change, right after migration 1, before db/migrate/20240301000000_require_slug.rb, which needs it (line 3 sets NOT NULL on posts.slug, which it fills)");
  });
});
