/**
 * `migguard lint` over several Django apps at once: SQL a migration builds from the project's own module constants
 * (`TEMPLATE.format(index_name=app.models.INDEX_NAME)`, `%`, an f-string) is read the same whichever app's
 * migrations are analysed first. The project's user model is read from its app's migrations for every app's
 * migration; when another app came first, that app's files were read without the project's modules, and the
 * constants stayed names (a `hidden-operation` that linting the one folder alone did not report).
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; rule: string; line: number; message: string };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-constants-other-app-");

const USERS_INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="User", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("email", models.TextField())]),
        migrations.CreateModel(name="Login", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("at", models.DateTimeField())]),
    ]
`;

// the index names live in the app's models module, as Django projects keep them for Meta.indexes
const USERS_MODELS = `EMAIL_INDEX_NAME = "users_user_email_idx"
LOGIN_AT_INDEX_NAME = "users_login_at_idx"
LOGIN_TABLE = "users_login"
`;

const USERS_INDEXES = `from django.db import migrations

import users.models
from users.models import LOGIN_AT_INDEX_NAME, LOGIN_TABLE


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("users", "0001_initial")]
    operations = [
        migrations.RunSQL(
            sql='CREATE INDEX CONCURRENTLY "{index_name}" ON "users_user" ("email");'.format(index_name=users.models.EMAIL_INDEX_NAME),
            reverse_sql='DROP INDEX "{}"'.format(users.models.EMAIL_INDEX_NAME),
        ),
        migrations.RunSQL(
            sql='CREATE INDEX "%s" ON "%s" ("at");' % (LOGIN_AT_INDEX_NAME, LOGIN_TABLE),
            reverse_sql=f'DROP INDEX CONCURRENTLY "{LOGIN_AT_INDEX_NAME}"',
        ),
        migrations.RunSQL(f'ALTER TABLE "{LOGIN_TABLE}" ADD COLUMN "device" text NOT NULL', reverse_sql=migrations.RunSQL.noop),
    ]
`;

// an app whose folder sorts before the user model's, and whose migration points at the user model
const BILLING_INITIAL = `import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]
    operations = [
        migrations.CreateModel(
            name="Invoice",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
        ),
    ]
`;

const FILES = {
  "manage.py": "",
  "shop/settings.py": `AUTH_USER_MODEL = "users.User"\n`,
  "users/__init__.py": "",
  "users/models.py": USERS_MODELS,
  "users/migrations/0001_initial.py": USERS_INITIAL,
  "users/migrations/0002_indexes.py": USERS_INDEXES,
  "billing/migrations/0001_initial.py": BILLING_INITIAL,
};

const lint = async (root: string, ...paths: string[]): Promise<Finding[]> => {
  const { output } = await run(["lint", "--format", "json", ...paths], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.path === "users/migrations/0002_indexes.py");
};

describe("Django SQL built from project constants, with another app's migrations analysed first", () => {
  it("reads the formatted SQL (str.format, %, f-string of module constants) as when the app is linted alone: nothing hidden, the statements checked by name", async () => {
    const root = repo(FILES);
    const alone = await lint(root, "users/migrations");
    const together = await lint(root, "billing/migrations", "users/migrations");
    for (const findings of [alone, together]) {
      expect(findings.filter((f) => f.rule === "hidden-operation")).toEqual([]);
      // the % format's CREATE INDEX, with the constants' names, is a plain build of the index
      expect(findings).toContainEqual(expect.objectContaining({ rule: "index-without-concurrently", line: 16, message: expect.stringContaining("users_login") }));
      // the f-string's table, read from the constant
      expect(findings).toContainEqual(expect.objectContaining({ rule: "required-column-without-default", line: 19, message: expect.stringContaining("users_login.device") }));
    }
    expect(together.map((f) => `${f.rule}:${f.line}`).sort()).toEqual(alone.map((f) => `${f.rule}:${f.line}`).sort());
  });
});
