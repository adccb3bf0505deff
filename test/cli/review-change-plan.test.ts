/**
 * The migrations one pull request adds are judged as one plan (issue #19, wger's integer -> uuid key swap and
 * Open Food Network's tables created by the same pull request): what an earlier step did is known to a later one.
 */
import { Repo } from "./support/git-repo.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";
import { optInRules } from "./support/opt-in-rules.js";

const django = (dependency: string, operations: string, preamble = "") => `from django.db import migrations, models
${preamble}

class Migration(migrations.Migration):
    dependencies = [("log", "${dependency}")]

    operations = [
${operations}
    ]
`;

/** An app with an integer-keyed Session and a Entry pointing at it, and code that reads both (and `extra` files on main). */
function logApp(extra: Record<string, string> = {}): Repo {
  const repo = featureBranchOn(djangoApp("app/log", {
    ...extra,
      "app/log/migrations/0001_initial.py": `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="Session", fields=[("id", models.AutoField(primary_key=True)), ("notes", models.TextField())]),
        migrations.CreateModel(
            name="Entry",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("session", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="log.session")),
            ],
        ),
    ]
`,
      "app/log/views.py": "def show(request, session):\n    return {'id': session.id, 'entries': [e.id for e in session.entry_set.all()], 'uuid': str(session.id)}\n",
    }));
  return repo;
}

const addUuids = django(
  "0001_initial",
  `        migrations.AddField(model_name="session", name="uuid", field=models.UUIDField(null=True)),
        migrations.AddField(model_name="entry", name="session_tmp", field=models.UUIDField(null=True)),
        migrations.RunPython(fill, migrations.RunPython.noop),`,
  `from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Session = apps.get_model("log", "Session")
    Entry = apps.get_model("log", "Entry")
    for session in Session.objects.all():
        session.uuid = uuid.uuid4()
        session.save(update_fields=["uuid"])
    Entry.objects.update(session_tmp=Subquery(Session.objects.filter(id=OuterRef("session")).values("uuid")[:1]))
`,
).replace("from django.db import", "import uuid\n\nfrom django.db import");

const swap = django(
  "0002_add_uuids",
  `        migrations.RemoveField(model_name="entry", name="session"),
        migrations.RemoveField(model_name="session", name="id"),
        migrations.RenameField(model_name="session", old_name="uuid", new_name="id"),
        migrations.AlterField(model_name="session", name="id", field=models.UUIDField(primary_key=True, serialize=False)),
        migrations.RenameField(model_name="entry", old_name="session_tmp", new_name="session"),
        migrations.AlterField(model_name="entry", name="session", field=models.UUIDField(db_column="session_id", null=True)),`,
);

describe("an integer key swapped for a uuid in steps of one pull request (wger)", () => {
  it("the old key and foreign key dropped once their filled replacements take their names: no data loss, no rename, no code still using them", async () => {
    const repo = logApp();
    repo.write({ "app/log/migrations/0002_add_uuids.py": addUuids, "app/log/migrations/0003_swap.py": swap }).commit("uuid keys");
    const { findings } = await reviewJson(repo);
    const swapFindings = findings.filter((f) => f.path.endsWith("0003_swap.py") && ["drop-column", "rename-column", "dropped-object-still-used"].includes(f.rule));
    expect(swapFindings).toEqual([]);
    // the rest is still judged: the backfill runs with the AddFields' locks
    expect(findings.map((f) => f.rule)).toContain("mixed-ddl-dml");
  });

  // the names come back in the same migration (no window where code could miss them): the data loss alone, a warning
  // as for any removal the code no longer reads (drop-column's recreated-column.ts)
  it("the same drops without the data step that fills the replacements lose the values: warnings", async () => {
    const repo = logApp();
    repo
      .write({
        "app/log/migrations/0002_add_uuids.py": django(
          "0001_initial",
          `        migrations.AddField(model_name="session", name="uuid", field=models.UUIDField(null=True)),
        migrations.AddField(model_name="entry", name="session_tmp", field=models.UUIDField(null=True)),`,
        ),
        "app/log/migrations/0003_swap.py": swap,
      })
      .commit("uuid keys, never filled");
    const { findings } = await reviewJson(repo);
    const drops = findings.filter((f) => f.rule === "drop-column");
    expect(drops.map((f) => [f.line, f.severity])).toEqual([
      [8, "warning"],
      [9, "warning"],
    ]);
    expect(drops.every((f) => /values|data/.test(f.message))).toBe(true);
  });
});

describe("a column dropped after a data step of the same pull request moved its values (wger's email_verified)", () => {
  const profileApp = () => {
    const repo = featureBranchOn(djangoApp("app/log", {
        "app/log/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="Profile", fields=[("id", models.AutoField(primary_key=True)), ("email_verified", models.BooleanField(default=False))]),
        migrations.CreateModel(name="Address", fields=[("id", models.AutoField(primary_key=True)), ("verified", models.BooleanField(default=False))]),
    ]
`,
        "app/log/serializers.py": "def email_verified(profile):\n    return profile.user.address.verified\n",
      }));
    return repo;
  };
  const move = (copies: boolean) =>
    django(
      "0001_initial",
      `        migrations.RunPython(copy_verified, migrations.RunPython.noop),
        migrations.RemoveField(model_name="profile", name="email_verified"),`,
      `

def copy_verified(apps, schema_editor):
    Profile = apps.get_model("log", "Profile")
    Address = apps.get_model("log", "Address")
    for profile in Profile.objects.all():
        ${copies ? "Address.objects.create(verified=profile.email_verified)" : "Address.objects.create(verified=True)"}
`,
    );

  it("a warning that servers on the old code fail until they restart, naming the data step; no data-loss error", async () => {
    const repo = profileApp();
    repo.write({ "app/log/migrations/0002_move_email_verified.py": move(true) }).commit("move");
    const { findings } = await reviewJson(repo);
    const drop = findings.filter((f) => f.rule === "drop-column");
    expect(drop).toEqual([expect.objectContaining({ severity: "warning", line: 16 })]);
    expect(drop[0].message).toContain("after the data step at line 15 (RunPython(copy_verified)) read its values");
    expect(drop[0].message).toContain("servers still running the old code read email_verified");
    expect(findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([]);
  });

  it("a data step that never reads the column moved nothing: the data-loss error stays", async () => {
    const repo = profileApp();
    repo.write({ "app/log/migrations/0002_move_email_verified.py": move(false) }).commit("no move");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "drop-column").map((f) => f.severity)).toEqual(["error"]);
  });
});

describe("a table created earlier in the same pull request holds no rows (Open Food Network's customer_account_transactions)", () => {
  const rails = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[7.1]\n  def change\n    ${body}\n  end\nend\n`;
  const schema = (version: string) => `ActiveRecord::Schema[7.1].define(version: ${version}) do\n  create_table "users" do |t|\n    t.string "email"\n  end\nend\n`;

  it("a reference (index and foreign key) added to it and a column removed from it by later migrations: no lock, NOT VALID or data-loss finding", async () => {
    const repo = featureBranchOn({ "db/migrate/20240101000000_create_users.rb": rails("CreateUsers", "create_table :users do |t|\n      t.string :email\n    end"), "db/schema.rb": schema("2024_01_01_000000") });
    repo
      .write({
        "db/migrate/20240201000000_create_transactions.rb": rails("CreateTransactions", "create_table :transactions do |t|\n      t.decimal :amount\n      t.string :payment_method\n    end"),
        "db/migrate/20240202000000_add_user_to_transactions.rb": rails("AddUserToTransactions", "add_reference :transactions, :user, foreign_key: true"),
        "db/migrate/20240203000000_remove_payment_method_from_transactions.rb": rails("RemovePaymentMethodFromTransactions", "remove_column :transactions, :payment_method, :string"),
        "db/schema.rb": schema("2024_02_03_000000"),
      })
      .commit("transactions");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("the same reference added to a table of the base branch is judged as before", async () => {
    // users is a year old: not a young table (young-tables.ts)
    const repo = featureBranchOn({ "db/migrate/20230101000000_create_users.rb": rails("CreateUsers", "create_table :users do |t|\n      t.string :email\n    end"), "db/schema.rb": schema("2023_01_01_000000") });
    repo
      .write({
        "db/migrate/20240201000000_create_teams.rb": rails("CreateTeams", "create_table :teams do |t|\n      t.string :name\n    end"),
        "db/migrate/20240202000000_add_team_to_users.rb": rails("AddTeamToUsers", "add_reference :users, :team, foreign_key: true"),
        "db/schema.rb": schema("2024_02_02_000000"),
      })
      .commit("teams");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.path.endsWith("add_team_to_users.rb") && f.severity === "error").map((f) => f.rule).sort()).toEqual(["constraint-without-not-valid", "index-without-concurrently"]);
  });
});

describe("ignored_columns emptied by the pull request that drops the column (Open Food Network's supplier_id)", () => {
  it("the base branch's model ignored it: the planned last step, a note with a backup, no missing ignored_columns", async () => {
    const migration = "class RemovePhoneNumber < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :phone_number, :string\n  end\nend\n";
    const repo = featureBranchOn({
        "db/migrate/20240101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :phone_number\n    end\n  end\nend\n",
        "db/schema.rb": 'ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do\n  create_table "users" do |t|\n    t.string "phone_number"\n  end\nend\n',
        "app/models/user.rb": "class User < ApplicationRecord\n  self.ignored_columns += [:phone_number]\nend\n",
      });
    repo
      .write({
        "db/migrate/20240201000000_remove_phone_number.rb": migration,
        "db/schema.rb": 'ActiveRecord::Schema[7.1].define(version: 2024_02_01_000000) do\n  create_table "users" do |t|\n  end\nend\n',
        "app/models/user.rb": "class User < ApplicationRecord\nend\n",
      })
      .commit("drop, and the model forgets it");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(findings.map((f) => f.rule)).not.toContain("remove-column-without-ignored-columns");
    const removal = findings.find((f) => f.rule === "remove-column-in-change" || f.rule === "drop-column")!;
    // the servers already ignore it (strong evidence): a note with a backup
    expect(removal.severity).toBe("info");
    expect(removal.message).toContain("on the base branch, which the servers run, User lists it in ignored_columns (app/models/user.rb)");
    expect(exitCode).toBe(0);
  });
});

describe("a deleted merged data migration older than the schema dump (Open Food Network's feature-flag migrations)", () => {
  const flag = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[7.1]\n  def up\n    ${body}\n  end\nend\n`;
  const schema = (version: string) => `ActiveRecord::Schema[7.1].define(version: ${version}) do\n  create_table "users" do |t|\n    t.string "email"\n  end\nend\n`;
  function repoWith(deleted: string, version: string): Repo {
    const repo = featureBranchOn({
        "db/migrate/20240101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n",
        [`db/migrate/${version}_old_step.rb`]: deleted,
        "db/schema.rb": schema("2024_06_01_000000"),
      });
    repo.git("rm", "-q", `db/migrate/${version}_old_step.rb`);
    repo.commit("remove the old step");
    return repo;
  }

  it("only data, and fresh databases load the dump instead: a note, the check passes", async () => {
    const repo = repoWith(flag("OldStep", "Flipper.enable_group(:admin_style_v3, :new_users)"), "20240301000000");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings).toEqual([expect.objectContaining({ rule: "deleted-migration", severity: "info" })]);
    expect(findings[0].message).toContain("only changed data and is older than db/schema.rb's version 20240601000000");
    expect(exitCode).toBe(0);
  });

  it("a deleted migration that changed the schema stays an error", async () => {
    const repo = repoWith(flag("OldStep", "add_column :users, :locale, :string"), "20240301000000");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "deleted-migration").map((f) => f.severity)).toEqual(["error"]);
  });

  it("a data migration newer than the dump, which fresh databases still run, stays an error", async () => {
    const repo = repoWith(flag("OldStep", "Flipper.enable_group(:admin_style_v3, :new_users)"), "20240701000000");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "deleted-migration").map((f) => f.severity)).toEqual(["error"]);
  });
});

describe("CREATE EXTENSION IF NOT EXISTS added to a merged migration (wger's btree_gin)", () => {
  const migration = (extra: string) => `from django.contrib.postgres.operations import BtreeGinExtension, TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("log", "0001_initial")]

    operations = [
${extra}        TrigramExtension(),
    ]
`;
  function repo(): Repo {
    const r = featureBranchOn(djangoApp("app/log", {
        "app/log/migrations/0001_initial.py": "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    initial = True\n\n    operations = []\n",
        "app/log/migrations/0002_search.py": migration(""),
      }));
    return r;
  }

  it("is a note that it does nothing where the extension exists, and the check passes", async () => {
    const r = repo();
    r.write({ "app/log/migrations/0002_search.py": migration("        BtreeGinExtension(),\n") }).commit("btree_gin first");
    const { exitCode, findings } = await reviewJson(r);
    expect(findings).toEqual([expect.objectContaining({ rule: "edited-migration", severity: "info", line: 9 })]);
    expect(findings[0].message).toContain("adds an extension only if it does not exist");
    expect(exitCode).toBe(0);
  });

  it("any other schema operation added to it stays an error", async () => {
    const r = repo();
    r.write({ "app/log/migrations/0002_search.py": migration('        migrations.RunSQL("CREATE TABLE notes (id int)", migrations.RunSQL.noop),\n') }).commit("a table");
    const { findings } = await reviewJson(r);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["error"]);
  });
});

describe("CreateModel's bases naming a renamed Python mixin in a merged migration (wger's nutrition 0013)", () => {
  const migration = (bases: string) => `import app.log.mixins
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="Image", fields=[("id", models.AutoField(primary_key=True))], bases=(${bases}, models.Model)),
    ]
`;
  function repo(): Repo {
    const r = featureBranchOn(djangoApp("app/log", { "app/log/migrations/0001_initial.py": migration("app.log.mixins.LicenseMixin") }));
    return r;
  }

  it("another class is Python's business: a note, the check passes", async () => {
    const r = repo();
    r.write({ "app/log/migrations/0001_initial.py": migration("app.log.mixins.AbstractLicenseModel") }).commit("rename the mixin");
    const { exitCode, findings } = await reviewJson(r);
    expect(findings).toEqual([expect.objectContaining({ rule: "edited-migration", severity: "info" })]);
    expect(exitCode).toBe(0);
  });

  it('a concrete parent ("app.model"), which adds a parent link, is not', async () => {
    const r = repo();
    r.write({ "app/log/migrations/0001_initial.py": migration('"log.document"') }).commit("inherit a table");
    const { findings } = await reviewJson(r);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).not.toEqual(["info"]);
  });
});

describe("drop_table of a table whose model the same pull request deletes (hcb's drop_mfa, reviewed before the merge)", () => {
  const create = "class CreateMfaCodes < ActiveRecord::Migration[7.1]\n  def change\n    create_table :mfa_codes do |t|\n      t.string :code\n    end\n  end\nend\n";
  const drop = "class DropMfaCodes < ActiveRecord::Migration[7.1]\n  def up\n    drop_table :mfa_codes\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration\n  end\nend\n";
  it("the base branch's model still queries it until the deploy: the data-loss error, not the planned removal", async () => {
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_mfa_codes.rb": create,
      "app/models/mfa_code.rb": "class MfaCode < ApplicationRecord\nend\n",
      // the base branch's code uses the model, so its instances query the table while the deploy rolls out (a model
      // nothing calls is unused-model-at-base.ts's planned removal: a warning, review-drop-unused-model-table.test.ts)
      "app/models/user.rb": "class User < ApplicationRecord\n  has_many :mfa_codes\nend\n",
    });
    repo.git("rm", "-q", "app/models/mfa_code.rb");
    repo.write({ "app/models/user.rb": "class User < ApplicationRecord\nend\n", "db/migrate/20240201000000_drop_mfa_codes.rb": drop }).commit("drop mfa with its model");
    const { findings } = await reviewJson(repo);
    expect(findings.find((f) => f.rule === "drop-table")!.severity).toBe("error");
  });
});

describe("RemoveField whose field the same pull request takes out of the model (pontoon's 0116_remove_systran_locale_fields)", () => {
  const initial = django("0000_none", '        migrations.CreateModel(name="Locale", fields=[("id", models.AutoField(primary_key=True)), ("code", models.CharField(max_length=20)), ("systran_code", models.CharField(max_length=20))]),').replace('dependencies = [("log", "0000_none")]', "initial = True");
  const remove = django("0001_initial", '        migrations.RemoveField(model_name="locale", name="systran_code"),');
  const model = (fields: string) => `from django.db import models\n\n\nclass Locale(models.Model):\n    code = models.CharField(max_length=20)\n${fields}`;
  it("the base branch's model still declares it until the deploy: the data-loss error; removed from the model earlier: the planned last step", async () => {
    const sameChange = featureBranchOn(djangoApp("app/log", { "app/log/migrations/0001_initial.py": initial, "app/log/models.py": model("    systran_code = models.CharField(max_length=20)\n") }));
    sameChange.write({ "app/log/models.py": model(""), "app/log/migrations/0002_remove_locale_systran_code.py": remove }).commit("remove systran with its field");
    expect((await reviewJson(sameChange)).findings.find((f) => f.rule === "drop-column")!.severity).toBe("error");

    const earlier = featureBranchOn(djangoApp("app/log", { "app/log/migrations/0001_initial.py": initial, "app/log/models.py": model("") }));
    earlier.write({ "app/log/migrations/0002_remove_locale_systran_code.py": remove }).commit("drop the column the model left");
    expect((await reviewJson(earlier)).findings.find((f) => f.rule === "drop-column")!.severity).toBe("warning");
  });
});

describe("a backfill of a column an earlier migration of the same pull request added (pretalx's 0048 after 0047)", () => {
  const backfill = django(
    "0002_session_state",
    `        migrations.RunPython(mark_legacy, migrations.RunPython.noop),`,
    `

def mark_legacy(apps, schema_editor):
    Session = apps.get_model("log", "Session")
    Session.objects.update(state="legacy")
`,
  );
  const addState = django("0001_initial", `        migrations.AddField(model_name="session", name="state", field=models.CharField(default="new", max_length=20)),`);

  it("the UPDATE without WHERE overwrites only what the change wrote: a note, no backup", async () => {
    const repo = logApp(optInRules("dml-without-where"));
    repo.write({ "app/log/migrations/0002_session_state.py": addState, "app/log/migrations/0003_mark_legacy.py": backfill }).commit("session state");
    const { findings } = await reviewJson(repo);
    const updates = findings.filter((f) => f.rule === "dml-without-where");
    expect(updates.map((f) => [f.path, f.severity])).toEqual([["app/log/migrations/0003_mark_legacy.py", "info"]]);
    expect(updates[0].message).toContain("an earlier migration of this change added it");
    expect(updates[0].fix).not.toContain("backup");
  });

  it("the column added on the base branch (deployed, written since): the warning and its backup stay", async () => {
    const repo = logApp(optInRules("dml-without-where"));
    repo.write({ "app/log/migrations/0002_session_state.py": addState }).commit("session state");
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "feature");
    repo.git("checkout", "-q", "-b", "backfill");
    repo.write({ "app/log/migrations/0003_mark_legacy.py": backfill }).commit("mark legacy");
    const { findings } = await reviewJson(repo);
    const updates = findings.filter((f) => f.rule === "dml-without-where");
    expect(updates.map((f) => [f.path, f.severity])).toEqual([["app/log/migrations/0003_mark_legacy.py", "warning"]]);
    expect(updates[0].fix).toContain("backup");
  });
});
