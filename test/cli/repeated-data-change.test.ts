/**
 * `migguard lint`: mixed-ddl-dml's split never sends a data change that applies again when it runs again (a column
 * set by arithmetic on itself, an INSERT ... SELECT with nothing skipping rows already there) to run after the deploy,
 * where it would convert or copy again the rows the new code wrote (flexile's hours to minutes, drone-tm's STARTED
 * event per upload, seed31). A guarded one (NOT EXISTS) still waits for the deploy.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-repeated-");

const splitFixes = async (root: string) => {
  const result = await run(["lint", "--format", "json", "."], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ path: string; rule: string; fix?: string }> }).findings.filter((f) => f.rule === "mixed-ddl-dml");
};

const BEFORE_THE_NEW_CODE = "right after migration 1, in the same deploy, before the new code starts: running it again changes the data again";

describe("a data change that applies again when run again is not moved after the deploy", () => {
  it("Rails: a loop that multiplies each record's attribute by 60 runs right after the rename, before the new code", async () => {
    const root = repo({
      "db/migrate/20220225082714_create_invoices.rb": "class CreateInvoices < ActiveRecord::Migration[7.0]\n  def change\n    create_table :invoices do |t|\n      t.integer :total_hours\n    end\n  end\nend\n",
      "db/migrate/20240404104940_change_hours_to_minutes_in_invoices.rb":
        "class ChangeHoursToMinutesInInvoices < ActiveRecord::Migration[7.0]\n  def up\n    rename_column :invoices, :total_hours, :total_minutes\n    Invoice.reset_column_information\n    Invoice.find_each do |invoice|\n      next if invoice.total_minutes.blank?\n\n      invoice.total_minutes = invoice.total_minutes * 60\n      invoice.save!\n    end\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration\n  end\nend\n",
      "db/migrate/20240405000000_touch_invoices.rb":
        "class TouchInvoices < ActiveRecord::Migration[7.0]\n  def up\n    add_column :invoices, :note, :text\n    Invoice.find_each do |invoice|\n      invoice.update!(note: \"minutes\")\n    end\n  end\n\n  def down\n    remove_column :invoices, :note\n  end\nend\n",
    });
    const fixes = await splitFixes(root);
    const minutes = fixes.find((f) => f.path.endsWith("change_hours_to_minutes_in_invoices.rb"));
    expect(minutes?.fix).toContain(`${BEFORE_THE_NEW_CODE} (invoice.total_minutes = invoice.total_minutes * 60)`);
    expect(minutes?.fix).not.toContain("once migration 1 is deployed");
    // a constant written to each record applies nothing twice: it waits for the deploy as before
    const note = fixes.find((f) => f.path.endsWith("touch_invoices.rb"));
    expect(note?.fix).toContain("once migration 1 is deployed");
  });

  it("Alembic: an INSERT ... SELECT of an event per upload runs right after revision 1; with NOT EXISTS it waits for the deploy", async () => {
    const revision = (id: string, down: string, insert: string) =>
      `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    op.add_column("task_events", sa.Column("comment", sa.String(), nullable=True))\n    op.execute("""${insert}""")\n\n\ndef downgrade():\n    op.drop_column("task_events", "comment")\n`;
    const insert = "INSERT INTO task_events (event_id, task_id, state) SELECT gen_random_uuid(), task_id, 'IMAGE_PROCESSING_STARTED' FROM task_events WHERE state = 'IMAGE_UPLOADED'";
    const guarded = `${insert} AND NOT EXISTS (SELECT 1 FROM task_events s WHERE s.task_id = task_events.task_id AND s.state = 'IMAGE_PROCESSING_STARTED')`;
    const root = repo({
      "alembic.ini": "[alembic]\nscript_location = migrations\n",
      "migrations/versions/e23c05f21542_events.py": revision("e23c05f21542", "None", insert),
      "migrations/versions/f1a2b3c4d5e6_guarded.py": revision("f1a2b3c4d5e6", '"e23c05f21542"', guarded),
    });
    const fixes = await splitFixes(root);
    const plain = fixes.find((f) => f.path.endsWith("e23c05f21542_events.py"));
    expect(plain?.fix).toContain(BEFORE_THE_NEW_CODE.replace("migration 1", "revision 1") + " (an INSERT ... SELECT into task_events with no ON CONFLICT or NOT EXISTS)");
    expect(fixes.find((f) => f.path.endsWith("f1a2b3c4d5e6_guarded.py"))?.fix).toContain("once revision 1 is deployed");
  });

  it("Django: a RunPython that multiplies each row's field, or updates it from F() of itself, runs right after migration 1", async () => {
    const initial = 'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Invoice", fields=[("id", models.BigAutoField(primary_key=True)), ("total_hours", models.IntegerField(null=True))]),\n    ]\n';
    const data = (fn: string, body: string, schema: string, dependency: string) =>
      `from django.db import migrations, models\n\n\ndef ${fn}(apps, schema_editor):\n    Invoice = apps.get_model("app", "Invoice")\n${body}\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "${dependency}")]\n    operations = [\n        ${schema},\n        migrations.RunPython(${fn}, migrations.RunPython.noop),\n    ]\n`;
    const root = repo({
      "manage.py": "",
      "app/__init__.py": "",
      "app/migrations/__init__.py": "",
      "app/migrations/0001_initial.py": initial,
      "app/migrations/0002_minutes.py": data("to_minutes", "    for invoice in Invoice.objects.all():\n        invoice.total_minutes = invoice.total_minutes * 60\n        invoice.save()\n", 'migrations.RenameField(model_name="invoice", old_name="total_hours", new_name="total_minutes")', "0001_initial"),
      "app/migrations/0003_cents.py": data("to_cents", '    Invoice.objects.update(total_minutes=models.F("total_minutes") * 100)\n', 'migrations.AddField(model_name="invoice", name="note", field=models.TextField(null=True))', "0002_minutes"),
      "app/migrations/0004_note.py": data("fill_note", '    Invoice.objects.update(note="minutes")\n', 'migrations.AddField(model_name="invoice", name="unit", field=models.TextField(null=True))', "0003_cents"),
    });
    const fixes = await splitFixes(root);
    expect(fixes.find((f) => f.path.endsWith("0002_minutes.py"))?.fix).toContain(`${BEFORE_THE_NEW_CODE} (invoice.total_minutes = invoice.total_minutes * 60)`);
    expect(fixes.find((f) => f.path.endsWith("0003_cents.py"))?.fix).toContain(`${BEFORE_THE_NEW_CODE} (Invoice.objects.update(total_minutes=models.F("total_minutes") * 100))`);
    expect(fixes.find((f) => f.path.endsWith("0004_note.py"))?.fix).toContain("once migration 1 is deployed");
  });
});
