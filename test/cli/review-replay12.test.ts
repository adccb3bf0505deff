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
