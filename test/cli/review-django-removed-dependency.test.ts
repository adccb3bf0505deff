/**
 * A merged Django migration edited only to drop one of its dependencies (bluebottle a1d7e81cb5 removes the taggit
 * app, and with it `('taggit', '0002_auto_20150616_2121')` from organizations, projects and tasks 0001, twenty-first
 * replay). Django's loader raises InconsistentMigrationHistory when an applied migration has a dependency that is
 * not applied: taking a dependency away never makes one, it only orders the graph more loosely. Adding one does.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = (dependencies: string) => `from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
${dependencies}
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(name="Organization", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False))]),
    ]
`;

const geo = `        ('geo', '0001_initial'),`;
const taggit = `        ('taggit', '0002_auto_20150616_2121'),`;
const warnings = (findings: Array<{ rule: string; severity: string }>) => findings.filter((f) => f.rule === "edited-migration" && f.severity !== "info");

describe("review: the dependencies of a merged Django migration edited", () => {
  it("one dependency removed: no edited-migration warning", async () => {
    const repo = featureBranchOn(djangoApp("organizations", { "organizations/migrations/0001_initial.py": initial(`${taggit}\n${geo}`) }));
    repo.write({ "organizations/migrations/0001_initial.py": initial(geo) }).commit("drop taggit");
    const findings = (await reviewJson(repo)).findings as Array<{ rule: string; severity: string; line: number; message: string }>;
    expect(warnings(findings)).toEqual([]);
    // a note that says what changed: the graph, not "only comments or formatting" (tournesol's backoffice 0010 and 0011)
    const note = findings.find((f) => f.rule === "edited-migration")!;
    expect(note).toMatchObject({ severity: "info", line: 9 });
    expect(note.message).toContain("this edit removes its dependency on taggit.0002_auto_20150616_2121, which changes where it sits in the migration graph");
    expect(note.message).toContain("may run before it");
    expect(note.message).not.toContain("comments or formatting");
  });

  it("one dependency added: the warning stays", async () => {
    const repo = featureBranchOn(djangoApp("organizations", { "organizations/migrations/0001_initial.py": initial(geo) }));
    repo.write({ "organizations/migrations/0001_initial.py": initial(`${taggit}\n${geo}`) }).commit("add taggit");
    expect(warnings((await reviewJson(repo)).findings)).toHaveLength(1);
  });

  it("one removed and a swappable dependency put in its place: the warning stays", async () => {
    const repo = featureBranchOn(djangoApp("organizations", { "organizations/migrations/0001_initial.py": initial(`${taggit}\n${geo}`) }));
    repo.write({ "organizations/migrations/0001_initial.py": initial(`${geo}\n        migrations.swappable_dependency(settings.OTHER_MODEL),`) }).commit("swap");
    expect(warnings((await reviewJson(repo)).findings)).toHaveLength(1);
  });
});
