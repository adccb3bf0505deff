/**
 * The false alarms the eighth independent replay (nyaruka/rapidpro, codeforamerica/vita-min) found, each rebuilt in
 * a small git repository and reviewed through `migguard review` (issue #19).
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Article",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=255)),
            ],
        ),
    ]
`;

/** rapidpro's knowledge/0002-like migration: a RunPython, then a column added to an existing table. */
const withRunPython = (body: string) => `from django.db import migrations, models


def check(apps, schema_editor):
${body}


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [
        migrations.RunPython(check, migrations.RunPython.noop),
        migrations.AddField(model_name="article", name="slug", field=models.SlugField(max_length=255, null=True)),
    ]
`;

async function mixedFindings(body: string) {
  const repo = featureBranchOn(djangoApp("knowledge", { "knowledge/migrations/0001_initial.py": initial }));
  repo.write({ "knowledge/migrations/0002_article_slug.py": withRunPython(body) }).commit("add slug");
  const { findings } = await reviewJson(repo);
  return findings.filter((f) => f.rule === "mixed-ddl-dml");
}

describe("mixed-ddl-dml: a RunPython that only reads is no data change (rapidpro 45db1eed3a)", () => {
  it("a pgvector version check (SELECT extversion, fetchone, raise) next to AddField: no finding", async () => {
    const body = `    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        version = cursor.fetchone()[0]
    if tuple(int(p) for p in version.split(".")[:2]) < (0, 8):
        raise Exception(f"pgvector extension >= 0.8 is required (found {version})")`;
    expect(await mixedFindings(body)).toEqual([]);
  });

  it("the same check that then writes (an UPDATE through the cursor, or a save) is still reported", async () => {
    const update = `    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        cursor.execute("UPDATE knowledge_article SET title = ''")`;
    expect((await mixedFindings(update)).map((f) => f.rule)).toEqual(["mixed-ddl-dml"]);
    const save = `    Article = apps.get_model("knowledge", "Article")
    for article in Article.objects.filter(title=""):
        article.save()`;
    expect((await mixedFindings(save)).map((f) => f.rule)).toEqual(["mixed-ddl-dml"]);
  });
});

describe("dropped-object-still-used: a many-to-many RemoveField (rapidpro c5a274918e)", () => {
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="OptIn", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Flow",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=64)),
                ("optin_dependencies", models.ManyToManyField(related_name="dependent_flows", to="flows.optin")),
            ],
        ),
    ]
`;
  const remove = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("flows", "0001_initial")]

    operations = [migrations.RemoveField(model_name="flow", name="optin_dependencies")]
`;
  const models = "from django.db import models\n\n\nclass OptIn(models.Model):\n    pass\n\n\nclass Flow(models.Model):\n    name = models.CharField(max_length=64)\n";

  async function usesOf(extra: Record<string, string>) {
    const repo = featureBranchOn(djangoApp("flows", { "flows/migrations/0001_initial.py": initial, "flows/models.py": models, ...extra }));
    repo.write({ "flows/migrations/0002_remove_flow_optin_dependencies.py": remove }).commit("drop opt-in dependencies");
    const { findings } = await reviewJson(repo);
    return findings.filter((f) => f.rule === "dropped-object-still-used");
  }

  it("Flow in views and in styleguide demo HTML is no use of the dropped join table: no finding", async () => {
    const found = await usesOf({
      "flows/views.py": "from flows.models import Flow\n\n\ndef read(request, pk):\n    return Flow.objects.get(pk=pk).name\n",
      "components/demo/floating-tabs/example.html": "<p>Each Flow tab floats</p>\n",
    });
    expect(found).toEqual([]);
  });

  it("the field read through a flow, and in a template tag, is: an error citing those lines, its fix keeps the model", async () => {
    const found = await usesOf({
      "flows/views.py": "from flows.models import Flow\n\n\ndef deps(request, pk):\n    return list(Flow.objects.get(pk=pk).optin_dependencies.all())\n",
      "templates/flows/read.html": "{% for o in flow.optin_dependencies.all %}{{ o.id }}{% endfor %}\n",
    });
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("flows/views.py:5, templates/flows/read.html:1");
    expect(found[0].fix).toContain("Stop using Flow.optin_dependencies");
    expect(found[0].fix).not.toMatch(/DeleteModel|Remove the model/);
  });
});
