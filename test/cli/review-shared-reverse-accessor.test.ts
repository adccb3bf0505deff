/**
 * dropped-object-still-used on a many-to-many RemoveField whose related_name other fields keep (rapidpro
 * c5a274918e, d8a7b8f16d): Flow's `*_dependencies` fields all name their reverse accessor `dependent_flows`, and
 * a mixin's `self.dependent_flows` reads whichever of them its model has. Reviewed through `migguard review`.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="OptIn", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(name="Label", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Flow",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("optin_dependencies", models.ManyToManyField(related_name="dependent_flows", to="flows.optin")),
                ("label_dependencies", models.ManyToManyField(related_name="dependent_flows", to="flows.label")),
            ],
        ),
    ]
`;
const remove = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("flows", "0001_initial")]

    operations = [migrations.RemoveField(model_name="flow", name="optin_dependencies")]
`;
/** the models at head: the field is gone, `keep` says whether Label's relation keeps the same related_name */
const models = (keep: boolean) => `from django.db import models


class OptIn(models.Model):
    pass


class Label(models.Model):
    pass


class Flow(models.Model):
${keep ? '    label_dependencies = models.ManyToManyField(Label, related_name="dependent_flows")\n' : "    pass\n"}`;
// rapidpro's temba/orgs/models.py: a mixin of every model a flow can depend on, and a function-level import of Flow
const mixin = `from django.db.models import Count


class DependencyMixin:
    def get_dependents(self):
        return {"flow": self.dependent_flows.filter(is_active=True)}

    @classmethod
    def annotate_usage(cls, queryset):
        return queryset.annotate(usage_count=Count("dependent_flows", distinct=True))


def flows_of(org):
    from flows.models import Flow

    return Flow.objects.filter(org=org)
`;

async function dropFindings(keep: boolean, extra: Record<string, string> = {}) {
  const repo = featureBranchOn({
    ...djangoApp("flows", { "flows/migrations/0001_initial.py": initial, "flows/models.py": models(keep) }),
    "orgs/__init__.py": "",
    "orgs/models.py": mixin,
    ...extra,
  });
  repo.write({ "flows/migrations/0002_remove_flow_optin_dependencies.py": remove }).commit("drop opt-in dependencies");
  const { exitCode, findings } = await reviewJson(repo);
  return { exitCode, found: findings.filter((f) => f.rule === "dropped-object-still-used") };
}

describe("dropped-object-still-used: a reverse accessor other relations keep", () => {
  it("review: self.dependent_flows in a mixin, while Flow.label_dependencies keeps related_name dependent_flows: a note naming the keepers", async () => {
    const { found } = await dropFindings(true);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("dependent_flows is also the reverse accessor of Flow.label_dependencies, which stay");
    expect(found[0].message).toContain("orgs/models.py:6, orgs/models.py:10");
  });

  it("review: the dropped field was the only one with that related_name: still a warning", async () => {
    const { found } = await dropFindings(false);
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
    expect(found[0].message).toContain("orgs/models.py:6, orgs/models.py:10");
  });

  it("review: the field itself read through a flow is still an error, shared accessor or not", async () => {
    const { found } = await dropFindings(true, { "flows/views.py": "from flows.models import Flow\n\n\ndef deps(pk):\n    return list(Flow.objects.get(pk=pk).optin_dependencies.all())\n" });
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("flows/views.py:5");
  });
});
