/**
 * `migguard lint` of one migration whose fix runs at the head of the folder's history, or undoes what the history
 * set: the judged cases of mwdb-core (a VALIDATE / SET NOT NULL revision after a later revision renamed or dropped
 * the table), link-checker-api (a `change` of change_column_default and change_column calls, rolled back to the
 * json type and the default {} an earlier migration set) and tock (a RunPython that only fills the field its
 * migration adds).
 */
import { join } from "node:path";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; line: number; fix: string };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-follow-ups-");

async function fixes(root: string, path: string, rule: string): Promise<string[]> {
  const { output } = await run(["lint", "--format", "json", path], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === rule).map((f) => f.fix);
}

const revision = (id: string, down: string | null, body: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down ? `"${down}"` : "None"}\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;

const ALEMBIC = {
  "migrations/versions/a1_create.py": revision("a1", null, '    op.create_table("metakey", sa.Column("id", sa.Integer, primary_key=True), sa.Column("key", sa.String(), nullable=True))\n    op.create_table("text_blob", sa.Column("id", sa.Integer, primary_key=True), sa.Column("blob_name", sa.String(), nullable=True))'),
  "migrations/versions/b2_not_null.py": revision("b2", "a1", '    op.alter_column("metakey", "key", existing_type=sa.VARCHAR(), nullable=False)\n    op.alter_column("text_blob", "blob_name", existing_type=sa.VARCHAR(), nullable=False)'),
  "migrations/versions/c3_later.py": revision("c3", "b2", '    op.rename_table("metakey", "attribute")\n    op.drop_table("text_blob")'),
};

const RAILS = {
  "db/migrate/20170403153631_create_checks.rb": `class CreateChecks < ActiveRecord::Migration[5.0]
  def change
    create_table :checks do |t|
      t.json :link_errors
    end
  end
end
`,
  "db/migrate/20170405124028_add_defaults.rb": `class AddDefaults < ActiveRecord::Migration[5.0]
  def up
    change_column :checks, :link_errors, :json, default: {}, null: false
  end

  def down
    change_column :checks, :link_errors, :json
  end
end
`,
  "db/migrate/20170629094931_check_errors_to_arrays.rb": `class CheckErrorsToArrays < ActiveRecord::Migration[5.0]
  def change
    change_column_default :checks, :link_errors, nil
    change_column :checks, :link_errors, "character varying[] USING array[]::character varying[]"
    change_column_default :checks, :link_errors, []
  end
end
`,
};

const DJANGO = {
  "hours/migrations/__init__.py": "",
  "hours/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Timecard", fields=[("id", models.AutoField(primary_key=True)), ("time_spent", models.IntegerField(null=True))]),
    ]
`,
  "hours/migrations/0002_timecard_submitted.py": `from django.db import migrations, models


def backfill(apps, schema_editor):
    apps.get_model("hours", "Timecard").objects.filter(time_spent__isnull=False).update(submitted=True)


class Migration(migrations.Migration):
    dependencies = [("hours", "0001_initial")]

    operations = [
        migrations.AddField(model_name="timecard", name="submitted", field=models.BooleanField(default=False)),
        migrations.RunPython(backfill),
    ]
`,
};

describe("migguard lint: a fix's follow-up at the head of the history", () => {
  it("Alembic: the VALIDATE / SET NOT NULL revision names a table a later revision renamed by its new name, and none is written for a table a later revision drops", async () => {
    const [renamed, dropped] = await fixes(repo(ALEMBIC), "migrations/versions/b2_not_null.py", "set-not-null");
    expect(renamed).toContain('op.execute("ALTER TABLE attribute VALIDATE CONSTRAINT metakey_key_not_null")');
    expect(renamed).toContain('op.alter_column("attribute", "key", existing_type=sa.VARCHAR(), nullable=False)');
    expect(renamed).not.toContain('op.alter_column("metakey"');
    expect(dropped).not.toContain("then a new migration");
    expect(dropped).toContain("# no migration validates the CHECK or sets NOT NULL: later, migrations/versions/c3_later.py:10 drops table text_blob");
  });

  it("Rails: change_column_default beside a change_column gets up and down for the whole migration, back to json (to_json: no cast from an array) and to the default {} of add_defaults", async () => {
    const [fix] = await fixes(repo(RAILS), "db/migrate/20170629094931_check_errors_to_arrays.rb", "irreversible-migration");
    const down = fix.slice(fix.indexOf("def down"));
    expect(down).toBe(
      [
        "def down",
        "  change_column_default :checks, :link_errors, nil",
        '  change_column :checks, :link_errors, :json, using: "to_json(link_errors)"',
        "  change_column_default :checks, :link_errors, {}",
        "end",
      ].join("\n"),
    );
  });

  it("Django: a RunPython that only fills the field its migration adds gets reverse_code=migrations.RunPython.noop, no copy of the table", async () => {
    const [fix] = await fixes(repo(DJANGO), "hours/migrations/0002_timecard_submitted.py", "irreversible-migration");
    expect(fix).toBe("migrations.RunPython(backfill, reverse_code=migrations.RunPython.noop)  # it writes only hours_timecard.submitted, which this migration adds before it: unapplying removes it right after, so there is nothing to restore");
  });
});
