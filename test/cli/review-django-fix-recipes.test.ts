/**
 * Django fixes the tenth replay (kitsune) and the sixteenth audit (open-forms, nautobot) found wrong, each rebuilt
 * in a small git repository and reviewed through `migguard review` (issues #14, #19).
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (deps: string, ops: string) =>
  `from django.conf import settings\nfrom django.db import migrations, models\nimport django.db.models.deletion\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n\n    operations = [\n${ops}\n    ]\n`;

/** kitsune users 0001_squashed_0027: Profile keyed by its one-to-one user (users_profile.user_id), no `id` */
const PROFILE = {
  "users/__init__.py": "",
  "users/migrations/__init__.py": "",
  "users/migrations/0001_squashed_0027_profile.py": migration(
    "migrations.swappable_dependency(settings.AUTH_USER_MODEL)",
    `        migrations.CreateModel(
            name="Profile",
            fields=[
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, serialize=False, to=settings.AUTH_USER_MODEL)),
                ("csat_email_sent", models.DateField(null=True)),
            ],
        ),`,
  ).replace("    dependencies", '    replaces = [("users", "0001_initial"), ("users", "0027_profile")]\n\n    dependencies'),
  "users/migrations/0028_profile_bio.py": migration('("users", "0001_squashed_0027_profile")', '        migrations.AddField(model_name="profile", name="bio", field=models.TextField(null=True)),'),
};

describe("drop-column backup: the primary key from the Django app's model state (kitsune users_profile)", () => {
  it("review: the backup of users_profile.csat_email_sent keeps user_id, the key the squashed migration declares, not an assumed id", async () => {
    const repo = featureBranchOn(PROFILE);
    repo.write({ "users/migrations/0029_remove_profile_csat_email_sent.py": migration('("users", "0028_profile_bio")', '        migrations.RemoveField(model_name="profile", name="csat_email_sent"),') }).commit("drop csat_email_sent");
    const { findings } = await reviewJson(repo);
    const drop = findings.find((f) => f.rule === "drop-column");
    expect(drop?.fix).toContain("SELECT user_id, csat_email_sent FROM users_profile");
    expect(drop?.fix).not.toContain("the framework's id is assumed");
  });
});

/** open-forms config: GlobalConfiguration(SingletonModel), read through get_solo() */
const CONFIG = {
  "config/__init__.py": "",
  "config/migrations/__init__.py": "",
  "config/migrations/0001_initial.py": migration(
    "",
    `        migrations.CreateModel(
            name="GlobalConfiguration",
            fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))],
        ),`,
  ),
  "config/models.py": "from django.db import models\nfrom solo.models import SingletonModel\n\n\nclass GlobalConfiguration(SingletonModel):\n    family_members_data_api = models.CharField(blank=True, default=\"\", max_length=100)\n",
  "config/views.py": "from .models import GlobalConfiguration\n\n\ndef family_api():\n    return GlobalConfiguration.get_solo().family_members_data_api\n",
};

describe("required-column-without-default on a django-solo singleton (open-forms GlobalConfiguration)", () => {
  it("review: an AddField whose default Django keeps in Python on a SingletonModel is a note that says why no old insert can miss it", async () => {
    const repo = featureBranchOn(CONFIG);
    repo
      .write({
        "config/migrations/0002_family_members_data_api.py": migration(
          '("config", "0001_initial")',
          '        migrations.AddField(model_name="globalconfiguration", name="family_members_data_api", field=models.CharField(blank=True, default="", max_length=100)),',
        ),
      })
      .commit("add family_members_data_api");
    const { findings } = await reviewJson(repo);
    const required = findings.filter((f) => f.rule === "required-column-without-default");
    expect(required.map((f) => f.severity)).toEqual(["info"]);
    expect(required[0].message).toContain("GlobalConfiguration (config/models.py) is a django-solo singleton (GlobalConfiguration extends solo.models.SingletonModel)");
  });
});
