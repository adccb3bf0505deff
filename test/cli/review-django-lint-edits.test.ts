/**
 * Edits of merged Django migrations that change nothing a database sees (galaxy_ng, replay 37: 15 of 22 findings):
 * trailing spaces stripped inside a RunSQL's SQL (d2a3f2e952), ruff's rewrites of RunPython code (28314c5335,
 * c9298ed0eb, e7f5345448), and dependencies repointed onto an installed package's squash (1c1894cfb8). Each is a note
 * at most; a real change beside them (`old_ns.save` -> `old_ns.save()`, 6d92ca9fc1) stays a warning.
 */
import { djangoApp, featureBranchOn, reviewJson, type Finding } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(name="Namespace", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.TextField())]),
    ]
`;

const trigger = (pad: string) => `from django.db import migrations

CREATE_TRIGGER = """
CREATE OR REPLACE FUNCTION touch_namespace() RETURNS TRIGGER AS $$
BEGIN
    NEW.name := COALESCE(NEW.name, '')${pad}
        || '';
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
${pad}
CREATE TRIGGER touch BEFORE UPDATE ON galaxy_namespace FOR EACH ROW EXECUTE PROCEDURE touch_namespace();
"""


class Migration(migrations.Migration):
    dependencies = [("galaxy", "0001_initial")]

    operations = [
        migrations.RunSQL(sql=CREATE_TRIGGER, reverse_sql="DROP TRIGGER touch ON galaxy_namespace;"),
    ]
`;

const sync = (body: string, dependency = '("ansible", "0016_add_extension")') => `from django.db import migrations


def sync(apps, schema_editor):
    Namespace = apps.get_model("galaxy", "Namespace")
${body}


class Migration(migrations.Migration):
    dependencies = [
        ("galaxy", "0001_initial"),
        ${dependency},
    ]

    operations = [
        migrations.RunPython(code=sync, reverse_code=migrations.RunPython.noop),
    ]
`;

const BEFORE = `    Link = apps.get_model("galaxy", "Link")
    for old_ns in Namespace.objects.all():
        links = {l.name: l.id for l in Namespace.objects.filter(id=old_ns.id)}
        ids = set((n for n in links))
        created = Namespace.objects.create(name=str(len(ids)))
        if old_ns.name not in ('', dict(), None):
            old_ns.save()`;
const AFTER = `    for old_ns in Namespace.objects.all():
        links = {link.name: link.id for link in Namespace.objects.filter(id=old_ns.id)}
        ids = {n for n in links}
        Namespace.objects.create(name=str(len(ids)))
        if old_ns.name not in ('', {}, None):
            old_ns.save()`;

const edited = (findings: Finding[]) => findings.filter((f) => f.rule === "edited-migration");

describe("review: edits of merged Django migrations that change nothing the database sees", () => {
  it("trailing spaces stripped inside a RunSQL's SQL and its function body: a note", async () => {
    const repo = featureBranchOn(djangoApp("galaxy", { "galaxy/migrations/0001_initial.py": initial, "galaxy/migrations/0002_trigger.py": trigger("  ") }));
    repo.write({ "galaxy/migrations/0002_trigger.py": trigger("") }).commit("ruff W291");
    const findings = edited((await reviewJson(repo)).findings);
    expect(findings.map((f) => f.severity)).toEqual(["info"]);
    expect(findings[0].message).toContain("comments or formatting");
  });

  it("ruff's rewrites of the RunPython function: a note; the same with `save` now called: a warning", async () => {
    const files = { "galaxy/migrations/0001_initial.py": initial, "galaxy/migrations/0002_sync.py": sync(BEFORE) };
    const repo = featureBranchOn(djangoApp("galaxy", files));
    repo.write({ "galaxy/migrations/0002_sync.py": sync(AFTER) }).commit("ruff");
    expect(edited((await reviewJson(repo)).findings).map((f) => f.severity)).toEqual(["info"]);

    const called = featureBranchOn(djangoApp("galaxy", { ...files, "galaxy/migrations/0002_sync.py": sync(BEFORE.replace("old_ns.save()", "old_ns.save")) }));
    called.write({ "galaxy/migrations/0002_sync.py": sync(AFTER) }).commit("ruff B018");
    const warnings = edited((await reviewJson(called)).findings).filter((f) => f.severity !== "info");
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain("changes what its data code does");
  });

  it("a dependency repointed onto an installed package's squash: a note that never asks for the old one back", async () => {
    const repo = featureBranchOn(djangoApp("galaxy", { "galaxy/migrations/0001_initial.py": initial, "galaxy/migrations/0002_sync.py": sync(AFTER) }));
    repo.write({ "galaxy/migrations/0002_sync.py": sync(AFTER, '("ansible", "0001_initial_squashed_0040_ansiblerepository_keyring")') }).commit("pulp_ansible 0.30");
    const findings = edited((await reviewJson(repo)).findings);
    expect(findings.map((f) => ({ severity: f.severity, line: f.line }))).toEqual([{ severity: "info", line: 17 }]);
    expect(findings[0].message).toContain("only repoints its dependency on ansible.0016_add_extension to ansible.0001_initial_squashed_0040_ansiblerepository_keyring");
    expect(findings[0].message).toContain("only the order `migrate` plans changes");
    expect(findings[0].fix).toContain("NodeNotFoundError");
    expect(findings[0].fix).not.toContain("Keep the graph");
  });
});
