/**
 * Baserow replay 39: the steps of a Django squash clean-up are no hazards. After `squashmigrations` the new chain
 * (0002.., on 0001_squashed_0038) is numbered below the replaced files still on disk, and Django's loader reads the
 * squash and the migrations it replaces as one node (4123f5faf1 builder 0011, 1ea194518a integrations 0006).
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const mig = (deps: string, extra = "") =>
  `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n${extra}    dependencies = [${deps}]\n    operations = []\n`;

describe("Django squash clean-ups through `migguard review` (Baserow replay 39)", () => {
  it("a migration on the chain that hangs off a squash is the app's only leaf", async () => {
    const dir = "builder/migrations";
    const repo = featureBranchOn(
      djangoApp("builder", {
        [`${dir}/0001_initial.py`]: mig(""),
        [`${dir}/0002_page.py`]: mig('("builder", "0001_initial")'),
        [`${dir}/0003_domain.py`]: mig('("builder", "0002_page")'),
        [`${dir}/0001_squashed_0003_initial.py`]: mig(
          "",
          '    replaces = [("builder", "0001_initial"), ("builder", "0002_page"), ("builder", "0003_domain")]\n',
        ),
        [`${dir}/0002_theme.py`]: mig('("builder", "0001_squashed_0003_initial")'),
      }),
    );
    repo.write({ [`${dir}/0003_input_type.py`]: mig('("builder", "0002_theme")') }).commit("input type");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "conflicting-django-migrations")).toEqual([]);
  });
});
