/**
 * runpython-model-import on galaxy_ng 793f2ccc38 (0060_handle_container_image_data), cut down, through `migguard
 * review`: the migration imports pulp_container's Manifest (an installed package outside the repository) on purpose,
 * because the module's functions it hands the rows to call Manifest's own methods (init_metadata(), ...), which the
 * historical model apps.get_model() gives lacks. The fix must not be the plain swap: it names the methods to copy into
 * the migration, and the app label it writes is read from the migration's dependencies ("container"), never a
 * placeholder. A comment that states the choice makes it a warning (the hazard stays for later fresh installs).
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (comment: string) => `from django.db import migrations

${comment}


def _init_manifest(manifest):
    if not manifest.data:
        manifest.init_metadata(manifest.data)
        manifest.init_architecture_and_os()
    manifest._artifacts.clear()
    return manifest.init_image_nature()


def _update_manifests(manifests_qs):
    to_update = [manifest for manifest in manifests_qs.iterator() if _init_manifest(manifest)]
    for manifest in manifests_qs.iterator():
        if _init_manifest(manifest):
            to_update.append(manifest)
    manifests_qs.model.objects.bulk_update(to_update, ["data", "type"])


def handle_image_data(apps, schema_editor):
    from pulp_container.app.models import ContainerDistribution, Manifest

    try:
        _update_manifests(Manifest.objects.filter(type__isnull=True))
        ContainerDistribution.objects.values_list("base_path", flat=True)
    except Exception:
        pass


class Migration(migrations.Migration):
    dependencies = [
        ("galaxy", "0001_initial"),
        ("container", "0045_alter_manifest_compressed_image_size"),
    ]

    operations = [
        migrations.RunPython(handle_image_data, reverse_code=migrations.RunPython.noop, elidable=True),
    ]
`;

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [migrations.CreateModel(name="Namespace", fields=[("id", models.BigAutoField(primary_key=True))])]
`;

async function findings(comment: string) {
  const repo = featureBranchOn({
    ...djangoApp("galaxy_ng/app", {
      "galaxy_ng/__init__.py": "",
      "galaxy_ng/app/apps.py": 'from django.apps import AppConfig\n\n\nclass PulpGalaxyPluginAppConfig(AppConfig):\n    name = "galaxy_ng.app"\n    label = "galaxy"\n',
      "galaxy_ng/app/migrations/0001_initial.py": initial,
    }),
  });
  repo.write({ "galaxy_ng/app/migrations/0002_handle_container_image_data.py": migration(comment) }).commit("run container-handle-image-data");
  return (await reviewJson(repo)).findings.filter((f) => f.rule === "runpython-model-import");
}

describe("runpython-model-import: today's model kept for its custom methods", () => {
  it("review: methods called in the module's functions given the rows: an error whose fix names them and reads the label from the dependencies", async () => {
    const found = await findings("# Vendored from pulp_container's container-handle-image-data command.");
    expect(found.map((f) => [f.line, f.severity])).toEqual([[39, "error"]]);
    expect(found[0].message).toContain("It calls methods of today's classes that a historical model lacks (Manifest's init_architecture_and_os(), init_image_nature(), init_metadata())");
    expect(found[0].fix).toContain('ContainerDistribution = apps.get_model("container", "ContainerDistribution")');
    expect(found[0].fix).toContain(
      "# Manifest stays imported from the app: apps.get_model(\"container\", \"Manifest\") would give a historical model, which lacks the methods handle_image_data() calls (through _update_manifests(), _init_manifest()) that today's class defines (in pulp_container.app.models, outside this repository): init_architecture_and_os(), init_image_nature(), init_metadata().",
    );
    // Django's own API (clear() of a related manager, bulk_update(), refresh) is no reason to keep today's class
    expect(found[0].fix).not.toMatch(/clear\(\)|bulk_update\(\)/);
    expect(found[0].fix).not.toContain("<");
  });

  it("review: a comment says the migration calls the live Manifest's methods on purpose: a warning that quotes it", async () => {
    const found = await findings("# Model methods (init_metadata, etc.) still call the live Manifest API.");
    expect(found.map((f) => [f.line, f.severity])).toEqual([[39, "warning"]]);
    expect(found[0].message).toContain("Its comment on line 3 says it uses today's class on purpose (`# Model methods (init_metadata, etc.) still call the live Manifest API.`)");
    expect(found[0].message).toContain("the hazard stays for databases that run it after those models change");
  });
});
