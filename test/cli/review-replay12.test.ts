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
