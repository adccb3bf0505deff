/**
 * A merged Django migration whose data code calls a project function, edited only to import it from the module it
 * moved to (mozilla/fx-private-relay e1316dfffd moves `hash_subdomain` from emails/models.py to
 * privaterelay/models.py and points emails 0028 and 0030 at it, replay 29). The base file at the old path and the
 * head file at the new one define the same function (comments aside): the data code runs the same code, so the
 * edit is its imports (a note). A function that changed on the way, or a module the review cannot read, stays an
 * edit of its data code.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const path = "emails/migrations/0002_copy_subdomains.py";
const migration = (module: string) => `from django.db import migrations

from ${module} import hash_subdomain


def copy_subdomains(apps, schema_editor):
    Profile = apps.get_model("emails", "Profile")
    for profile in Profile.objects.exclude(subdomain=None):
        profile.subdomain_hash = hash_subdomain(profile.subdomain)
        profile.save()


class Migration(migrations.Migration):

    dependencies = [("emails", "0001_initial")]

    operations = [migrations.RunPython(copy_subdomains, migrations.RunPython.noop)]
`;
const hashSubdomain = (expression = 'f"{subdomain}.{domain}"', comment = "") => `def hash_subdomain(subdomain, domain=settings.MOZMAIL_DOMAIN):${comment}
    return sha256(${expression}.encode()).hexdigest()
`;
const models = (functions: string) => `from hashlib import sha256

from django.conf import settings
from django.db import models


${functions}

class Profile(models.Model):
    subdomain = models.CharField(max_length=63, null=True)
    subdomain_hash = models.CharField(max_length=64, null=True)
`;
const base = {
  ...djangoApp("emails", {
    "emails/models.py": models(hashSubdomain()),
    "emails/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Profile",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
                ("subdomain", models.CharField(max_length=63, null=True)),
                ("subdomain_hash", models.CharField(max_length=64, null=True)),
            ],
        ),
    ]
`,
    [path]: migration("emails.models"),
  }),
  "privaterelay/__init__.py": "",
};

const edited = async (files: Record<string, string>) => {
  const repo = featureBranchOn(base);
  repo.write({ [path]: migration("privaterelay.models"), ...files }).commit("move hash_subdomain");
  return (await reviewJson(repo)).findings.filter((f) => f.rule === "edited-migration");
};

describe("review: a merged migration importing a function from the module it moved to", () => {
  it("the same function at the new path (a comment added): only its imports changed, a note", async () => {
    const found = await edited({ "emails/models.py": models(""), "privaterelay/models.py": models(hashSubdomain(undefined, "  # moved from emails")) });
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("only imports");
  });

  it("the function changed on the way: still an edit of its data code", async () => {
    const found = await edited({ "emails/models.py": models(""), "privaterelay/models.py": models(hashSubdomain('f"{subdomain}@{domain}"')) });
    expect(found).toHaveLength(1);
    expect(found[0].severity).not.toBe("info");
    expect(found[0].message).toContain("data code");
  });

  it("no file at the new path to read: still an edit of its data code", async () => {
    const found = await edited({});
    expect(found).toHaveLength(1);
    expect(found[0].severity).not.toBe("info");
  });
});
