/**
 * mixed-ddl-dml through `migguard lint` (audit seed 65): a data change that only prepares the constraint after it
 * (content-tagger's delete_all before a NOT NULL column without a default, security_monkey's dedupe before a unique
 * constraint) is the keep-together note, not a split; a split's data migration runs right after the migration it
 * comes from, not at the head of a history that later renames or deletes what it touches (karrot's subscriptions
 * 0005, whose model 0009 deletes), and a conversion of the very column a type change retypes is a warning.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-mixed-prepares-");

type Finding = { rule: string; severity: string; message: string; fix: string; path: string };
const mixed = async (cwd: string, folder: string): Promise<Finding[]> => {
  const { findings } = JSON.parse((await run(["lint", "--format", "json", folder], { cwd })).output) as { findings: Finding[] };
  return findings.filter((f) => f.rule === "mixed-ddl-dml");
};

describe("a data change that prepares the schema change after it", () => {
  it("Rails (content-tagger 20160815093345): delete_all, then a NOT NULL column without a default: a note that keeps the migration as written, no split to the head", async () => {
    const found = await mixed(
      repo({
        "db/migrate/20160801000000_create_tag_mappings.rb": "class CreateTagMappings < ActiveRecord::Migration[4.2]\n  def change\n    create_table :tag_mappings do |t|\n      t.string :link_title\n    end\n  end\nend\n",
        "db/migrate/20160815093345_add_state_and_message_to_tag_mappings.rb": "class AddStateAndMessageToTagMappings < ActiveRecord::Migration[4.2]\n  def change\n    BulkTagging::TagMapping.delete_all\n    add_column :tag_mappings, :state, :string, null: false\n    add_column :tag_mappings, :message, :string\n  end\nend\n",
        "db/migrate/20160915140148_rename_message.rb": "class RenameMessage < ActiveRecord::Migration[4.2]\n  def change\n    rename_column :tag_mappings, :message, :messages\n  end\nend\n",
      }),
      "db/migrate",
    );
    const note = found.find((f) => f.path.endsWith("20160815093345_add_state_and_message_to_tag_mappings.rb"))!;
    expect(note.severity).toBe("info");
    expect(note.message).toContain("This data change prepares the schema change of line 4 (add column on tag_mappings)");
    expect(note.fix).toContain("# keep the data change and the add column it prepares in this migration");
    expect(note.fix).not.toContain("new file");
  });

  it("Alembic (security_monkey 11f081cf54e2): duplicates collected by an ORM session loop and deleted, then the unique constraint: a note", async () => {
    const found = await mixed(
      repo({
        "migrations/env.py": "",
        "migrations/versions/11f081cf54e2_.py": `from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker
from sqlalchemy.ext.declarative import declarative_base

revision = "11f081cf54e2"
down_revision = None

Session = sessionmaker()
Base = declarative_base()


class AccountTypeCustomValues(Base):
    __tablename__ = "account_type_values"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(64))
    account_id = sa.Column(sa.Integer, nullable=False)


def upgrade():
    session = Session(bind=op.get_bind())
    results = session.query(AccountTypeCustomValues).all()
    seen = {}
    delete_list = []
    for result in results:
        key = "{}-{}".format(result.account_id, result.name)
        if seen.get(key):
            delete_list.append(result)
        else:
            seen[key] = result
    for d in delete_list:
        session.delete(d)
    session.commit()
    op.create_unique_constraint("uq_account_id_name", "account_type_values", ["account_id", "name"])


def downgrade():
    op.drop_constraint("uq_account_id_name", "account_type_values")
`,
      }),
      "migrations/versions",
    );
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("prepares the schema change of line 34 (add constraint on account_type_values)");
  });
});

describe("a split's data migration runs right after the migration it comes from", () => {
  it("Django (karrot subscriptions 0005): the conversion of the retyped column is a warning, and its migration depends on 0002, 0003 (which deletes the model) already in the repository: a dependency only while it has run nowhere", async () => {
    const found = await mixed(
      repo({
        "subscriptions/__init__.py": "",
        "subscriptions/migrations/__init__.py": "",
        "subscriptions/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="PushSubscription", fields=[("id", models.AutoField(primary_key=True)), ("platform", models.IntegerField(default=1))]),
    ]
`,
        "subscriptions/migrations/0002_auto_platform.py": `from django.db import migrations, models


def convert_enum_to_char(apps, schema_editor):
    PushSubscription = apps.get_model("subscriptions", "PushSubscription")
    PushSubscription.objects.filter(platform="1").update(platform="android")


class Migration(migrations.Migration):
    dependencies = [("subscriptions", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="pushsubscription", name="platform", field=models.CharField(default="android", max_length=100)),
        migrations.RunPython(convert_enum_to_char, elidable=True),
    ]
`,
        "subscriptions/migrations/0003_delete_pushsubscription.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("subscriptions", "0002_auto_platform")]

    operations = [
        migrations.DeleteModel(name="PushSubscription"),
    ]
`,
      }),
      "subscriptions/migrations",
    );
    const [finding] = found;
    expect(finding.severity).toBe("warning");
    expect(finding.message).toContain("converts the values of subscriptions_pushsubscription.platform, the column whose type line 13 changes");
    expect(finding.fix).toContain("# migration 2, new file subscriptions/migrations/0004_backfill_subscriptions_pushsubscription.py: the data change, right after migration 1, before subscriptions/migrations/0003_delete_pushsubscription.py");
    expect(finding.fix).toContain('    dependencies = [("subscriptions", "0002_auto_platform")]\n');
    // 0003 is in the repository already: 0002 ran wherever it did, so the split is the form for a new migration and
    // 0003 gets no dependency (InconsistentMigrationHistory where it ran; django-split-of-followed-migration.test.ts)
    expect(finding.fix).toContain("# subscriptions/migrations/0003_delete_pushsubscription.py already depends on subscriptions/migrations/0002_auto_platform.py: it has run wherever that one has, so keep it as written.");
    expect(finding.fix).toContain("only while it has run nowhere yet");
  });

  it("Rails: a backfill split out of a migration whose column a later migration renames gets a version between the two, not one after the head", async () => {
    const found = await mixed(
      repo({
        "db/migrate/20240101000000_create_posts.rb": "class CreatePosts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts do |t|\n      t.string :title\n    end\n  end\nend\n",
        "db/migrate/20240201000000_add_slug.rb": 'class AddSlug < ActiveRecord::Migration[7.1]\n  def up\n    add_column :posts, :slug, :string\n    execute "UPDATE posts SET slug = lower(title)"\n  end\n\n  def down\n    remove_column :posts, :slug\n  end\nend\n',
        "db/migrate/20240301000000_rename_slug.rb": "class RenameSlug < ActiveRecord::Migration[7.1]\n  def change\n    rename_column :posts, :slug, :handle\n  end\nend\n",
      }),
      "db/migrate",
    );
    const split = found.find((f) => f.path.endsWith("20240201000000_add_slug.rb"))!;
    expect(split.fix).toContain("# migration 2, new file db/migrate/20240201000001_backfill_posts.rb: the data change, right after migration 1, before db/migrate/20240301000000_rename_slug.rb");
    expect(split.fix).not.toContain("20240301000001");
  });
});

describe("an ORM dedupe before a unique key: the keep-together note only when it groups by the key's columns", () => {
  it("Rails: group(...).having(\"count(*) > 1\") and where.not(id: group(...).select(\"min(id)\")) on the index's columns are notes; a dedupe grouped by another column stays a warning", async () => {
    const migration = (name: string, group: string) =>
      `class ${name} < ActiveRecord::Migration[7.1]\n  class Vote < ActiveRecord::Base; end\n\n  def change\n    Vote.where.not(id: Vote.group(${group}).select("min(id)")).delete_all\n    add_index :votes, [:votable_id, :voter_id], unique: true, name: "${name.toLowerCase()}"\n  end\nend\n`;
    const found = await mixed(
      repo({
        "db/migrate/20240101000000_create_votes.rb": "class CreateVotes < ActiveRecord::Migration[7.1]\n  def change\n    create_table :votes do |t|\n      t.integer :votable_id\n      t.integer :voter_id\n      t.string :kind\n    end\n  end\nend\n",
        "db/migrate/20240102000000_dedupe_by_key.rb": migration("DedupeByKey", ":votable_id, :voter_id"),
        "db/migrate/20240103000000_dedupe_by_kind.rb": migration("DedupeByKind", ":kind"),
        "db/migrate/20240104000000_dedupe_in_loop.rb": `class DedupeInLoop < ActiveRecord::Migration[7.1]\n  class Vote < ActiveRecord::Base; end\n\n  def up\n    Vote.group(:votable_id, :voter_id).having("count(*) > 1").pluck(:votable_id, :voter_id).each do |votable_id, voter_id|\n      Vote.where(votable_id: votable_id, voter_id: voter_id).order(:id).offset(1).destroy_all\n    end\n    add_index :votes, [:votable_id, :voter_id], unique: true, name: "dedupeinloop"\n  end\n\n  def down\n    remove_index :votes, name: "dedupeinloop"\n  end\nend\n`,
      }),
      "db/migrate",
    );
    const at = (file: string) => found.filter((f) => f.path.endsWith(file)).map((f) => [f.severity, f.message]);
    expect(at("20240102000000_dedupe_by_key.rb")).toEqual([["info", expect.stringContaining("This data change prepares the schema change of line 6 (add index on votes)")]]);
    expect(at("20240104000000_dedupe_in_loop.rb")).toEqual([["info", expect.stringContaining("This data change prepares the schema change of line 8 (add index on votes)")]]);
    expect(at("20240103000000_dedupe_by_kind.rb")).toEqual([["warning", expect.stringContaining("This data change runs before the schema change of line 6, in the same transaction")]]);
  });

  it("Django: values(...).annotate(n=Count(\"id\")).filter(n__gt=1) then exclude(pk=keep.pk).delete(), before AlterUniqueTogether on those fields, is a note; on other fields a warning", async () => {
    const migration = (fields: string) => `from django.db import migrations
from django.db.models import Count


def delete_duplicates(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    for group in Order.objects.values(${fields.split(", ").map((f) => `"${f}"`).join(", ")}).annotate(n=Count("id")).filter(n__gt=1):
        rows = Order.objects.filter(**group).order_by("id")
        rows.exclude(pk=rows.first().pk).delete()


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.RunPython(delete_duplicates, migrations.RunPython.noop),
        migrations.AlterUniqueTogether(name="order", unique_together={("shop", "number")}),
    ]
`;
    const found = await mixed(
      repo({
        "shop/__init__.py": "",
        "shop/migrations/__init__.py": "",
        "shop/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Order", fields=[("id", models.AutoField(primary_key=True)), ("shop", models.IntegerField()), ("number", models.IntegerField()), ("note", models.TextField(null=True))]),
    ]
`,
        "shop/migrations/0002_unique_number.py": migration("shop, number"),
        "shop/migrations/0003_unique_number_by_note.py": migration("note"),
      }),
      "shop/migrations",
    );
    const at = (file: string) => found.filter((f) => f.path.endsWith(file)).map((f) => [f.severity, f.message]);
    expect(at("0002_unique_number.py")).toEqual([["info", expect.stringContaining("This data change prepares the schema change of line 17 (add constraint on shop_order)")]]);
    expect(at("0003_unique_number_by_note.py")).toEqual([["warning", expect.stringContaining("This data change runs before the schema change of line 17, in the same transaction")]]);
  });
});
