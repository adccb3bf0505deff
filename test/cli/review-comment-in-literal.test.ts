/**
 * A merged Django migration whose RunPython builds its SQL from string pieces written side by side, edited only to
 * put a comment after one piece (mozilla/fx-private-relay 396a577e25 adds `# noqa: E501` in phones 0023, 0024 and
 * 0027, replay 29). The comment is a node of the tree between the pieces, not part of the string: the SQL is the
 * same, so the edit is formatting (a note). Changing a piece's text is still an edit of its data code.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const path = "phones/migrations/0002_relaynumber_default.py";
const migration = (piece: string, comment = "") => `from django.db import migrations


def add_db_default_forward_func(apps, schema_editor):
    if schema_editor.connection.vendor.startswith("sqlite"):
        schema_editor.execute(
            'CREATE TABLE "new__phones_relaynumber"'
            ' ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,'
            ${piece}${comment}
            ' "enabled" bool NOT NULL);'
        )


class Migration(migrations.Migration):

    dependencies = [("phones", "0001_initial")]

    operations = [migrations.RunPython(add_db_default_forward_func, migrations.RunPython.noop)]
`;
const userId = `' "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED,'`;
const base = djangoApp("phones", {
  "phones/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(name="RelayNumber", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False))]),
    ]
`,
  [path]: migration(userId),
});

const edited = async (content: string) => {
  const repo = featureBranchOn(base);
  repo.write({ [path]: content }).commit("edit");
  return (await reviewJson(repo)).findings.filter((f) => f.rule === "edited-migration");
};

describe("review: a comment after a string piece of a merged migration's SQL", () => {
  it("is formatting: a note, not an edit of its data code", async () => {
    const found = await edited(migration(userId, "  # noqa: E501"));
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("comments or formatting");
  });

  it("a piece's text changed is still an edit of its data code", async () => {
    const found = await edited(migration(userId.replace("DEFERRABLE INITIALLY DEFERRED", "ON DELETE CASCADE"), "  # noqa: E501"));
    expect(found).toHaveLength(1);
    expect(found[0].severity).not.toBe("info");
    expect(found[0].message).toContain("data code");
  });
});
