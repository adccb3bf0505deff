/**
 * The false alarms and the miss the twelfth independent replay (pretalx, claim-additional-payments-for-teaching)
 * found, each rebuilt in a small git repository and reviewed through `migguard review`.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const dir = "event/migrations";
/** pretalx's 0019: a RunPython whose function reads two constants, imported in the function (`local`) or at module level. */
const fixTemplate = (where: "local" | "module", names = "UPDATE_SUBJECT, UPDATE_TEXT") => `from django.db import migrations
${where === "module" ? `\nfrom pretalx.mail.template_phrases import ${names}\n` : ""}

def fix_update_template(apps, schema_editor):
${where === "local" ? `    from pretalx.mail.template_phrases import (  # noqa: PLC0415 -- avoid circular import\n        ${names.replace(", ", ",\n        ")},\n    )\n\n` : ""}    Event = apps.get_model("event", "Event")
    for event in Event.objects.all():
        template = event.update_template
        template.subject = UPDATE_SUBJECT
        template.text = UPDATE_TEXT
        template.save()


class Migration(migrations.Migration):
    dependencies = [("event", "0018_auto_20190223_1543")]

    operations = [migrations.RunPython(fix_update_template, migrations.RunPython.noop)]
`;
/** pretalx's 0008: the function calls a helper class from the app's models package, imported in the function or at module level. */
const populateCode = (where: "local" | "module") => `from django.db import migrations
${where === "module" ? "\nfrom pretalx.common.models.mixins import GenerateCode\n" : ""}

def populate_code(apps, schema_editor):
${where === "local" ? "    from pretalx.common.models.mixins import (  # noqa: PLC0415 -- avoid circular import\n        GenerateCode,\n    )\n\n" : ""}    User = apps.get_model("person", "User")
    for person in User.objects.all():
        person.code = GenerateCode.generate_code()
        person.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [("person", "0007_user_code")]

    operations = [migrations.RunPython(populate_code, migrations.RunPython.noop)]
`;

describe("edited-migration: an import moved between a data function and the module", () => {
  const path = `${dir}/0019_auto_20190224_0856.py`;
  const codePath = "person/migrations/0008_data_populate_user_code.py";
  const edited = async (base: Record<string, string>, head: Record<string, string>) => {
    const repo = featureBranchOn({ ...djangoApp("event", base), ...djangoApp("person", {}) });
    repo.write(head).commit("standardise imports");
    return (await reviewJson(repo)).findings.filter((f) => f.rule === "edited-migration");
  };

  it("review: hoisted to module level (pretalx 77ee3d20e8) and moved back into the function (d8e5c392e4): the same names, a note", async () => {
    const hoisted = await edited({ [path]: fixTemplate("local"), [codePath]: populateCode("local") }, { [path]: fixTemplate("module"), [codePath]: populateCode("module") });
    expect(hoisted.map((f) => [f.path, f.severity])).toEqual([
      [path, "info"],
      [codePath, "info"],
    ]);
    expect(hoisted[0].message).toContain("only imports");
    const back = await edited({ [path]: fixTemplate("module") }, { [path]: fixTemplate("local") });
    expect(back.map((f) => f.severity)).toEqual(["info"]);
  });

  it("review: the function's import gone with nothing at module level binding the name, or bound to another module: a warning", async () => {
    const gone = await edited({ [path]: fixTemplate("local") }, { [path]: fixTemplate("local").replace(/ {4}from pretalx[^)]*\)\n\n/, "") });
    expect(gone.map((f) => f.severity)).toEqual(["warning"]);
    const elsewhere = await edited({ [path]: fixTemplate("local") }, { [path]: fixTemplate("module").replace("pretalx.mail.template_phrases", "pretalx.mail.legacy_phrases") });
    expect(elsewhere.map((f) => f.severity)).toEqual(["warning"]);
  });
});

describe("edited-migration: an edit of a migration no release holds", () => {
  const person = "person/migrations";
  const unique = (field: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("person", "0001_initial")]

    operations = [
        migrations.AddConstraint(model_name="user", constraint=models.UniqueConstraint(models.F("${field}"), name="person_user_${field}_unique")),
    ]
`;
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [migrations.CreateModel(name="User", fields=[("id", models.AutoField(primary_key=True)), ("email", models.CharField(max_length=200)), ("name", models.CharField(max_length=200))])]
`;
  /** main: 0001 released as v2026.1.0, then 0037 added (`tagged`: and released as v2026.2.0); the branch edits 0037. */
  const repoWith = (tagged: boolean) => {
    const repo = featureBranchOn(djangoApp("person", { [`${person}/0001_initial.py`]: initial }));
    repo.git("checkout", "-q", "main");
    repo.git("tag", "v2026.1.0");
    repo.write({ [`${person}/0037_user_email_unique.py`]: unique("email") }).commit("unique emails");
    if (tagged) repo.git("tag", "v2026.2.0");
    repo.git("checkout", "-q", "-B", "feature");
    repo.write({ [`${person}/0037_user_email_unique.py`]: unique("name") }).commit("unique names instead");
    return repo;
  };

  it("review: added after the newest version tag and edited before the next (pretalx 5f67dca716): a note, production never ran it", async () => {
    const findings = (await reviewJson(repoWith(false))).findings.filter((f) => f.rule === "edited-migration");
    expect(findings.map((f) => [f.severity, f.message.includes("edited before any release") && f.message.includes("v2026.1.0")])).toEqual([["info", true]]);
  });

  it("review: a version tag holds it: the edit reaches databases that ran the released version, an error", async () => {
    const findings = (await reviewJson(repoWith(true))).findings.filter((f) => f.rule === "edited-migration");
    expect(findings.map((f) => f.severity)).toEqual(["error"]);
  });
});

describe("migration-version-order, Rails: newer base migrations that name their tables in raw SQL and through a found record", () => {
  const rb = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[8.1]\n${body}end\n`;
  const createClaims = rb("CreateClaims", "  def change\n    create_table :claims do |t|\n      t.string :routing_name\n    end\n    create_table :journeys_sessions do |t|\n      t.jsonb :answers\n    end\n  end\n");
  // claim's base after 2026-01: an index built in SQL, dropped by name in a later migration, rebuilt in another, and a journey renamed through its record
  const newer = (model: string) => ({
    "db/migrate/20260305130500_index_journey_session_multi_ol.rb": rb("IndexJourneySessionMultiOl", "  def up\n    execute <<-SQL\n      CREATE INDEX sessions_one_login_existing_index ON journeys_sessions ((answers->>'onelogin_uid'))\n    SQL\n  end\n\n  def down\n  end\n"),
    "db/migrate/20260316121438_redo_index_sessions_ol_index.rb": rb("RedoIndexSessionsOlIndex", "  def up\n    execute <<-SQL\n      DROP INDEX sessions_one_login_uid_index;\n      CREATE INDEX sessions_one_login_uid_index ON journeys_sessions ((answers#>>'{onelogin_uid}'));\n    SQL\n  end\n\n  def down\n  end\n"),
    "db/migrate/20260316122045_rm_extra_ol_index.rb": rb("RmExtraOlIndex", "  def up\n    execute <<-SQL\n      DROP INDEX IF EXISTS sessions_one_login_existing_index\n    SQL\n  end\n\n  def down\n  end\n"),
    "db/migrate/20260526124909_update_journey_config_path.rb": rb("UpdateJourneyConfigPath", `  def change\n    config = ${model}.find_by(\n      routing_name: "early-years"\n    )\n\n    config&.update(\n      routing_name: "early-years-recognition"\n    )\n  end\n`),
  });
  const added = { "db/migrate/20260105160335_add_matching_attributes_last_checked_at_to_claims.rb": rb("AddMatchingAttributesLastCheckedAtToClaims", "  def change\n    add_column :claims, :matching_attributes_last_checked_at, :timestamp\n  end\n") };
  const order = async (model: string) => {
    const repo = featureBranchOn({ "db/migrate/20250101000000_create_claims.rb": createClaims, ...newer(model) });
    repo.write(added).commit("branch made in January");
    return (await reviewJson(repo)).findings.filter((f) => f.rule === "migration-version-order");
  };

  it("review: the newer ones touch journeys_sessions and the journey configurations (claim fc6413b8a1): a note", async () => {
    expect((await order("Journeys::Configuration")).map((f) => f.severity)).toEqual(["info"]);
  });

  it("review: the found record is a claim: its update writes rows of the table this one changes, a warning", async () => {
    const found = await order("Claim");
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
    expect(found[0].message).toContain("Both touch claims");
  });
});

describe("schema.rb: a version brought up to date, and the tool a fix names", () => {
  const schema = (version: string, columns = '    t.jsonb "answers"\n') =>
    `ActiveRecord::Schema[8.1].define(version: ${version}) do\n  enable_extension "pg_catalog.plpgsql"\n\n  create_table "journeys_sessions", force: :cascade do |t|\n${columns}  end\nend\n`;
  const rb = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[8.1]\n${body}end\n`;
  const base = {
    "db/migrate/20260305161503_create_sessions.rb": rb("CreateSessions", "  def change\n    create_table :journeys_sessions do |t|\n      t.jsonb :answers\n    end\n  end\n"),
    // run after the last dump, and changing nothing schema.rb shows (claim's rm_extra_ol_index)
    "db/migrate/20260316122045_rm_extra_ol_index.rb": rb("RmExtraOlIndex", '  def up\n    execute "DROP INDEX IF EXISTS sessions_one_login_existing_index"\n  end\n\n  def down\n  end\n'),
    "db/schema.rb": schema("2026_03_05_161503"),
  };

  it("review: only the version, bumped to the newest migration (claim 9df82db4cf, fix-schema-version): a note", async () => {
    const repo = featureBranchOn(base);
    repo.write({ "db/schema.rb": schema("2026_03_16_122045") }).commit("fix schema version");
    const findings = (await reviewJson(repo)).findings.filter((f) => f.rule.startsWith("schema-dump"));
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([["schema-dump-without-migration", "info"]]);
  });

  it("review: the version bumped together with a column added by hand: a warning", async () => {
    const repo = featureBranchOn(base);
    repo.write({ "db/schema.rb": schema("2026_03_16_122045", '    t.jsonb "answers"\n    t.string "token"\n') }).commit("hand edit");
    const findings = (await reviewJson(repo)).findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(findings.map((f) => f.severity)).toEqual(["warning"]);
  });

  it("review: a Rails dump left behind a new migration: the fix runs Rails' task, never dbmate", async () => {
    const repo = featureBranchOn(base);
    repo
      .write({
        "db/migrate/20260401000000_add_token.rb": rb("AddToken", "  def change\n    add_column :journeys_sessions, :token, :string\n  end\n"),
        "db/schema.rb": schema("2026_03_05_161503", '    t.jsonb "answers"\n    t.string "token"\n'),
      })
      .commit("add token");
    const version = (await reviewJson(repo)).findings.filter((f) => f.rule === "schema-dump-version");
    expect(version).toHaveLength(1);
    expect(version[0].fix).toContain("bin/rails db:migrate");
    expect(version[0].fix).not.toContain("dbmate");
  });
});

describe("drop-column, Django: a column moved into a new one and removed in one migration whose reverse puts it back", () => {
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(
            name="Event",
            fields=[("id", models.AutoField(primary_key=True)), ("locale_array", models.TextField(default="en")), ("content_locale_array", models.TextField(default="en"))],
        ),
    ]
`;
  // pretalx's 0044_event_locales_json
  const localesJson = `from django.db import migrations, models


def migrate_locale_arrays(apps, schema_editor):
    Event = apps.get_model("event", "Event")
    for event in Event.objects.all():
        event.locales = (event.locale_array or "en").split(",")
        event.content_locales = (event.content_locale_array or "en").split(",")
        event.save(update_fields=["locales", "content_locales"])


def unmigrate_locale_arrays(apps, schema_editor):
    Event = apps.get_model("event", "Event")
    for event in Event.objects.all():
        event.locale_array = ",".join(event.locales)
        event.content_locale_array = ",".join(event.content_locales)
        event.save(update_fields=["locale_array", "content_locale_array"])


class Migration(migrations.Migration):
    dependencies = [("event", "0001_initial")]

    operations = [
        migrations.AddField(model_name="event", name="locales", field=models.JSONField(null=True)),
        migrations.AddField(model_name="event", name="content_locales", field=models.JSONField(null=True)),
        migrations.RunPython(migrate_locale_arrays, unmigrate_locale_arrays),
        migrations.RemoveField(model_name="event", name="locale_array"),
        migrations.RemoveField(model_name="event", name="content_locale_array"),
    ]
`;
  it("review: the old code still selects locale_array during the upgrade (pretalx e0ef042f24): a warning per column", async () => {
    const repo = featureBranchOn(
      djangoApp("event", {
        "event/migrations/0001_initial.py": initial,
        "event/models.py": "from django.db import models\n\n\nclass Event(models.Model):\n    locale_array = models.TextField(default=\"en\")\n    content_locale_array = models.TextField(default=\"en\")\n",
      }),
    );
    repo
      .write({
        "event/migrations/0002_event_locales_json.py": localesJson,
        "event/models.py": "from django.db import models\n\n\nclass Event(models.Model):\n    locales = models.JSONField(null=True)\n    content_locales = models.JSONField(null=True)\n",
      })
      .commit("locales as JSON");
    const drops = (await reviewJson(repo)).findings.filter((f) => f.rule === "drop-column");
    expect(drops.map((f) => [f.line, f.severity])).toEqual([
      [27, "warning"],
      [28, "warning"],
    ]);
    expect(drops[0].message).toContain("servers still running the old code read locale_array");
  });
});

describe("dropped-object-still-used, Django: template words that read no field", () => {
  const initial = `from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="QueuedMail",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("subject", models.CharField(max_length=200)),
                ("to_users", models.ManyToManyField(related_name="mails", to="auth.user")),
            ],
        ),
    ]
`;
  const remove = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("mail", "0001_initial")]

    operations = [migrations.RemoveField(model_name="queuedmail", name="to_users")]
`;
  // pretalx's mail_log.html and orga/base.html: a context variable, an HTML id and URL names
  const templates = {
    "mail/templates/mail/mail_log.html": "{% if mails %}\n    <div id=\"accordion\">\n        {% for mail in mails %}\n            <h5>{{ mail.subject }}</h5>\n        {% endfor %}\n    </div>\n{% endif %}\n",
    "mail/templates/mail/sidebar.html":
      "<span hx-get=\"{% url 'orga:mails.sidebar_count' %}\"></span>\n<button data-target=\"#collapseMails\" aria-controls=\"collapseMails\"></button>\n<div class=\"collapse{% if 'mails.' in url_name %} show{% endif %}\" id=\"collapseMails\">\n<a class=\"nav-link{% if 'mails.outbox' in url_name %} active{% endif %}\">Outbox</a>\n</div>\n",
  };
  const review = async (extra: Record<string, string>) => {
    const repo = featureBranchOn({
      ...djangoApp("mail", { "mail/migrations/0001_initial.py": initial, "mail/models.py": "from django.db import models\n\n\nclass QueuedMail(models.Model):\n    subject = models.CharField(max_length=200)\n" }),
      ...templates,
      ...extra,
    });
    repo.write({ "mail/migrations/0002_remove_queuedmail_to_users.py": remove }).commit("drop to_users");
    return (await reviewJson(repo)).findings.filter((f) => f.rule === "dropped-object-still-used");
  };

  it("review: a context variable, HTML ids and URL names spelled like the accessor (pretalx 69c5c6541b): no use", async () => {
    expect((await review({})).filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("review: a template that reads the field on the model's record still is one: an error naming that line", async () => {
    const found = await review({ "mail/templates/mail/recipients.html": "{% for user in queuedmail.to_users.all %}{{ user.name }}{% endfor %}\n" });
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("mail/templates/mail/recipients.html:1");
    expect(found[0].message).not.toContain("mail_log.html");
  });
});

describe("Rails fixes that must run: a rollback's column type, a down beside change, a rebuilt index", () => {
  const rb = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[8.1]\n${body}end\n`;
  const createClaims = rb("CreateClaims", "  def change\n    create_table :claims do |t|\n      t.text :govuk_verify_fields, array: true, default: []\n    end\n    create_table :journeys_sessions do |t|\n      t.jsonb :answers\n    end\n  end\n");
  // claim's db/schema.rb: the type the column has (text, an array)
  const schema = `ActiveRecord::Schema[8.1].define(version: 2020_01_01_000000) do\n  create_table "claims", force: :cascade do |t|\n    t.text "govuk_verify_fields", default: [], array: true\n  end\n\n  create_table "journeys_sessions", force: :cascade do |t|\n    t.jsonb "answers"\n  end\nend\n`;
  const fixesOf = async (files: Record<string, string>, rule: string) => {
    const repo = featureBranchOn({ "db/migrate/20200101000000_create_claims.rb": createClaims, "db/schema.rb": schema });
    repo.write(files).commit("change");
    return (await reviewJson(repo)).findings.filter((f) => f.rule === rule).map((f) => f.fix);
  };

  it("review: remove_column with `:array` as its type (claim 0033a779fc): the rollback re-adds the column as db/schema.rb types it (text, an array), never as `array`", async () => {
    const [fix] = await fixesOf({ "db/migrate/20260420103432_remove_govuk_verify_fields.rb": rb("RemoveGovukVerifyFields", "  def change\n    remove_column :claims, :govuk_verify_fields, :array, default: []\n  end\n") }, "remove-column-in-change");
    expect(fix).toContain("add_column :claims, :govuk_verify_fields, :text, array: true");
    expect(fix).not.toContain('"array"');
  });

  it("review: the change also takes the column out of db/schema.rb, as claim's did: the type comes from the base branch's dump", async () => {
    const withoutColumn = schema.replace('    t.text "govuk_verify_fields", default: [], array: true\n', "");
    const fixes = await fixesOf(
      { "db/migrate/20260420103432_remove_govuk_verify_fields.rb": rb("RemoveGovukVerifyFields", "  def change\n    remove_column :claims, :govuk_verify_fields, :array, default: []\n  end\n"), "db/schema.rb": withoutColumn.replace("2020_01_01_000000", "2026_04_20_103432") },
      "remove-column-in-change",
    );
    expect(fixes[0]).toContain("add_column :claims, :govuk_verify_fields, :text, array: true");
  });

  it("review: execute in change (claim 9c9882a267): the down comes with change turned into up, since Rails ignores a down beside change", async () => {
    const [fix] = await fixesOf(
      { "db/migrate/20260305130500_index_journey_session_multi_ol.rb": rb("IndexJourneySessionMultiOl", "  def change\n    execute <<-SQL\n      CREATE INDEX sessions_one_login_existing_index ON journeys_sessions ((answers->>'onelogin_uid'))\n    SQL\n  end\n") },
      "irreversible-migration",
    );
    expect(fix).toContain(`def up\n  execute "CREATE INDEX sessions_one_login_existing_index ON journeys_sessions ((answers->>'onelogin_uid'))"\nend`);
    expect(fix).toContain("def down\n");
    expect(fix).not.toContain("def change");
  });

  it("review: an index dropped and built again under its name (claim a1484cd4ea): the concurrent build drops the old one first, and the down builds the old definition back", async () => {
    const redo = rb(
      "RedoIndexSessionsOlIndex",
      "  def up\n    execute <<-SQL\n      DROP INDEX sessions_one_login_uid_index;\n      CREATE INDEX sessions_one_login_uid_index ON journeys_sessions ((answers#>>'{onelogin_uid}'));\n    SQL\n  end\n\n  def down\n    execute <<-SQL\n      DROP INDEX sessions_one_login_uid_index;\n      CREATE INDEX sessions_one_login_uid_index ON journeys_sessions ((answers->>'onelogin_uid'));\n    SQL\n  end\n",
    );
    const [fix] = await fixesOf({ "db/migrate/20260316121438_redo_index_sessions_ol_index.rb": redo }, "index-without-concurrently");
    expect(fix).toContain(
      `  def up\n    execute "DROP INDEX CONCURRENTLY IF EXISTS sessions_one_login_uid_index"\n    execute "CREATE INDEX CONCURRENTLY sessions_one_login_uid_index ON journeys_sessions ((answers#>>'{onelogin_uid}'))"\n  end`,
    );
    expect(fix).toContain(`  def down\n    execute "DROP INDEX CONCURRENTLY IF EXISTS sessions_one_login_uid_index"\n    execute "CREATE INDEX CONCURRENTLY sessions_one_login_uid_index ON journeys_sessions ((answers->>'onelogin_uid'))"\n  end`);
  });
});
