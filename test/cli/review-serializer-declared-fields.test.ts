/**
 * dropped-object-still-used on a many-to-many RemoveField whose reverse accessor a DRF serializer's Meta.fields lists
 * (galaxy_ng b1dd65c552, 0055_remove_organization_users_remove_team_users: Team.users, related_name "teams"). A name
 * the serializer declares itself (`teams = serializers.ListField(...)`) is its own field, no use of the join table;
 * a ModelSerializer's undeclared name takes the model's field and still counts, and the message names the word it
 * matched (the reverse accessor), not every searched name. Reviewed through `migguard review`.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="User", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Team",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("users", models.ManyToManyField(related_name="teams", to="galaxy.user")),
            ],
        ),
    ]
`;
const remove = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("galaxy", "0001_initial")]

    operations = [
        migrations.RemoveField(
            model_name="team",
            name="users",
        ),
    ]
`;
const models = "from django.db import models\n\n\nclass User(models.Model):\n    pass\n\n\nclass Team(models.Model):\n    pass\n";
/** galaxy_ng's ui_v2/serializers.py, cut down: `create` declares `teams` on the subclass, `detail` on the base */
const serializers = (declared: { detail: boolean; create: boolean }) => `from rest_framework import serializers

from galaxy.models import Team, User


class UserDetailSerializer(serializers.ModelSerializer):
${declared.detail ? "    teams = serializers.SerializerMethodField()\n\n    def get_teams(self, obj):\n        return []\n" : "    pass\n"}
    class Meta:
        model = User
        fields = ['id', 'teams']


class UserCreateUpdateSerializer(UserDetailSerializer):
${declared.create ? "    teams = serializers.ListField(child=serializers.DictField(), required=False, default=[])\n" : "    pass\n"}
    class Meta:
        model = User
        fields = [
            'id',
            'teams',
        ]
`;

async function dropFindings(declared: { detail: boolean; create: boolean }) {
  const repo = featureBranchOn({
    ...djangoApp("galaxy", { "galaxy/migrations/0001_initial.py": initial, "galaxy/models.py": models, "galaxy/serializers.py": serializers(declared) }),
  });
  repo.write({ "galaxy/migrations/0002_remove_team_users.py": remove }).commit("remove Team.users");
  const { findings } = await reviewJson(repo);
  return findings.filter((f) => f.rule === "dropped-object-still-used");
}

describe("dropped-object-still-used: names a serializer's Meta.fields lists", () => {
  it("review: every serializer declares the `teams` it lists (galaxy_ng b1dd65c552): no finding", async () => {
    expect(await dropFindings({ detail: true, create: true })).toEqual([]);
  });

  it("review: a subclass inherits the declared field from its base serializer: no finding", async () => {
    expect(await dropFindings({ detail: true, create: false })).toEqual([]);
  });

  it("review: no serializer declares it, so DRF takes User.teams from the model: a warning on both lines that names the reverse accessor it matched", async () => {
    const found = await dropFindings({ detail: false, create: false });
    expect(found.map((f) => [f.line, f.severity])).toEqual([[8, "warning"]]);
    expect(found[0].message).toContain("application code names teams (the reverse accessor of Team.users) where");
    expect(found[0].message).not.toContain("galaxy_team_users / users");
    expect(found[0].message).toContain("galaxy/serializers.py:11, galaxy/serializers.py:21");
  });
});
