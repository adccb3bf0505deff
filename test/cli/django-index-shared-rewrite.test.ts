/**
 * takahe 36676fad59 (replay 44): a migration building several indexes got one fix per index, each rewriting the
 * whole migration for its own index only, to be merged by hand; and "db_index=False in the model" pointed at a field
 * the model inherits from another app's abstract StatorModel, which cannot change for one model. Through `migguard
 * review`: every finding of the migration has the same rewrite, covering all of its builds, and the inherited field
 * is said to be redeclared in the model.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Post",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("state_ready", models.BooleanField(default=True)),
                ("state_locked_until", models.DateTimeField(null=True)),
            ],
        ),
        migrations.RunSQL("INSERT INTO activities_post (state_ready) VALUES (true)", reverse_sql=migrations.RunSQL.noop),
    ]
`;

const indexes = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="post", name="state_ready", field=models.BooleanField(db_index=True, default=True)),
        migrations.AddIndex(model_name="post", index=models.Index(fields=["state_locked_until"], name="ix_post_state_locked")),
    ]
`;

const models = `from django.db import models
from stator.models import StatorModel


class Post(StatorModel):
    pass
`;

const stator = `from django.db import models


class StatorModel(models.Model):
    state_ready = models.BooleanField(default=True)
    state_locked_until = models.DateTimeField(null=True)

    class Meta:
        abstract = True
`;

describe("review: a Django migration building several indexes", () => {
  it("each finding's fix is the one rewrite of the migration with every build, and the inherited field is redeclared in the model", async () => {
    const repo = featureBranchOn({ ...djangoApp("activities", { "activities/migrations/0001_initial.py": initial, "activities/models.py": models }), "stator/__init__.py": "", "stator/models.py": stator });
    repo.write({ "activities/migrations/0002_stator_indexes.py": indexes }).commit("stator indexes");
    const { findings } = await reviewJson(repo);
    const builds = findings.filter((f) => f.rule === "index-without-concurrently");
    expect(builds.map((f) => f.line)).toEqual([8, 9]);
    expect(builds[0].fix).toBe(builds[1].fix);
    const fix = builds[0].fix;
    expect(fix).toContain("# one rewrite for the 2 index builds of this migration (lines 8, 9)");
    expect(fix).toContain('AddIndexConcurrently(model_name="Post", index=models.Index(fields=["state_ready"]');
    expect(fix).toContain('AddIndexConcurrently(model_name="post", index=models.Index(fields=["state_locked_until"], name="ix_post_state_locked"))');
    expect(fix).toContain("atomic = False");
    // StatorModel's declaration is shared: the model redeclares the field rather than changing it there
    // (the review reads the changed app's models only: stator/ has no migrations, so its module is said not read)
    expect(fix).toContain("Post (activities/models.py) does not declare state_ready, it inherits it from stator.models.StatorModel");
    expect(fix).toContain("redeclare");
    expect(fix).not.toContain("# in the model too: db_index=False on state_ready");
  });
});
