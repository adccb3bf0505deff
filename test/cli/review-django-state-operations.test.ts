/**
 * A merged Django migration whose operations sit in a class attribute given to SeparateDatabaseAndState
 * (allegro/ralph 97b8aebd8f, replay 47: `state_operations = [...]` in networks and virtual 0001, edited to add
 * on_delete like some sixty other files). Through `migguard review`: the edit is read as the state-only change it
 * is, a note; before, the attribute was read as data code, a warning. A list bound at module level and given as
 * database_operations is followed too: changing its SQL is a change of the schema.
 */
import { featureBranchOn, djangoApp, reviewJson } from "./support/review-repo.js";

const moved = (onDelete: string, sql = "SELECT 1") => `from django.db import migrations, models
import django.db.models.deletion

database_operations = [
    migrations.RunSQL("${sql}", migrations.RunSQL.noop),
]


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    state_operations = [
        migrations.CreateModel(
            name="CloudProject",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("owner", models.ForeignKey(to="virtual.cloudproject", null=True${onDelete})),
            ],
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=database_operations)
    ]
`;
const path = "ralph/virtual/migrations/0001_initial.py";
const project = (content: string) => ({ "manage.py": "", "ralph/__init__.py": "", ...djangoApp("ralph/virtual", { [path]: content }) });

describe("review: a merged Django migration whose operations are class attributes and module names", () => {
  it("on_delete added inside the state_operations class attribute: a note, nothing the database sees", async () => {
    const repo = featureBranchOn(project(moved("")));
    repo.write({ [path]: moved(", on_delete=django.db.models.deletion.CASCADE") }).commit("on_delete for Django 2");
    const { findings } = await reviewJson(repo);
    const edited = findings.filter((f) => f.rule === "edited-migration");
    expect(edited.map((f) => [f.path, f.line, f.severity])).toEqual([[path, 18, "info"]]);
    expect(edited[0].message).toContain("this edit changes only options Django keeps in Python only (on_delete), nothing the database sees");
  });

  it("the SQL of the module-level list given as database_operations changed: an error", async () => {
    const repo = featureBranchOn(project(moved("")));
    repo.write({ [path]: moved("", "ALTER TABLE virtual_cloudproject ADD COLUMN note text") }).commit("a column");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => [f.line, f.severity])).toEqual([[5, "error"]]);
  });
});
