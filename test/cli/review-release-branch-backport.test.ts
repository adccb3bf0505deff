/**
 * Issue #19's Saleor replay at d9a482b8e6: main's release tags sit on release branches (3.22.x), which receive main's
 * fixes by cherry-pick. A migration main added after the 3.22 branch was cut reached production through its
 * backport (0088 in 3.22.25), though no tag contains main's commit: an edit of it is no "edit before any release".
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const migrations = "checkout/migrations";
const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [migrations.CreateModel(name="Checkout", fields=[("id", models.AutoField(primary_key=True)), ("email", models.CharField(max_length=200))])]
`;
const fix = (filter: string) => `from django.db import migrations


def fix_checkouts(apps, schema_editor):
    Checkout = apps.get_model("checkout", "Checkout")
    Checkout.objects.filter(${filter}).update(email="")


class Migration(migrations.Migration):
    dependencies = [("checkout", "0001_initial")]

    operations = [migrations.RunPython(fix_checkouts, migrations.RunPython.noop)]
`;
const fixPath = `${migrations}/0088_fix_checkouts.py`;

/** main tagged 3.22.0-a.0, a 3.22 branch cut and tagged 3.22.0, then 0088 on main (`backported`: cherry-picked to 3.22, tagged 3.22.1); the pull request edits 0088. */
function saleorLike(backported: boolean) {
  const repo = featureBranchOn(djangoApp("checkout", { [`${migrations}/0001_initial.py`]: initial }));
  repo.git("checkout", "-q", "main");
  repo.git("tag", "3.22.0-a.0");
  repo.git("checkout", "-q", "-b", "3.22");
  repo.write({ "CHANGELOG.md": "3.22.0\n" }).commit("release 3.22.0");
  repo.git("tag", "3.22.0");
  repo.git("checkout", "-q", "main");
  repo.write({ [fixPath]: fix("email=None") }).commit("fix checkouts");
  if (backported) {
    repo.git("checkout", "-q", "3.22");
    repo.write({ [fixPath]: fix("email=None") }).commit("fix checkouts (backport)");
    repo.git("tag", "3.22.1");
  }
  repo.git("checkout", "-q", "-B", "feature", "main");
  repo.write({ [fixPath]: fix("email__isnull=True, pk__gt=0") }).commit("fix only some checkouts");
  return repo;
}

describe("edited-migration: a migration a release branch shipped by cherry-pick", () => {
  it("review: 3.22.1 holds the backported 0088 (Saleor 3.22.25): released, the warning stays", async () => {
    const findings = (await reviewJson(saleorLike(true))).findings.filter((f) => f.rule === "edited-migration");
    expect(findings.map((f) => [f.severity, f.message.includes("before any release")])).toEqual([["warning", false]]);
  });

  // releases are cut on branches (the highest release, 3.22.0, is not in main's history), and a release branch may ship
  // a migration no tag holds yet (galaxy_ng's untagged 4.11.0 on release_4.11.3 shipped 0058 and 0059): main's tags
  // cannot say it never shipped, so the edit is judged as of a released migration
  it("review: no tag holds it, but releases are cut on branches: not called unreleased, the warning stays", async () => {
    const findings = (await reviewJson(saleorLike(false))).findings.filter((f) => f.rule === "edited-migration");
    expect(findings.map((f) => [f.severity, f.message.includes("before any release")])).toEqual([["warning", false]]);
  });
});
