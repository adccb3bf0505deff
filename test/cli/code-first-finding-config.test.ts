/**
 * `migguard lint` on renames under a deploy that puts the new code live before it migrates (a `cf push`, then a
 * migrate task: deploy/code-first.ts), where the finding is the rule's own for that deploy (Report.underCodeFirst):
 * its message says a name migguard could not read in words and prints a Flyway placeholder as written, as the
 * finding's usual message does, and a severity the team set for the rule in .github/migguard.yml wins over the one
 * the rule gives for that deploy.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { djangoApp } from "./support/review-repo.js";

/** manage.get.gov's order in small: the code is pushed on line 2, the migrations run on line 3 */
const cfPushThenMigrate = (migrate: string) => `#!/bin/sh\ncf push app --strategy rolling\ncf run-task app --command '${migrate}' --name migrate\n`;

const lint = async (files: Record<string, string>, path: string) => {
  const root = new Repo().write(files).commit("app").root;
  const result = await run(["lint", "--format", "json", path], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ rule: string; severity: string; message: string; fix: string }> }).findings;
};

const ENV = `from alembic import context


def run_migrations_online():
    context.configure(connection=None, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
`;

/** a column renamed on every table the database lists: the table is named only when the migration runs */
const RENAME_ON_EVERY_TABLE = `import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = None


def upgrade():
    bind = op.get_bind()
    for table in sa.inspect(bind).get_table_names():
        op.alter_column(table, "note", new_column_name="comment")


def downgrade():
    pass
`;

const FAQ_INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="FAQEntry", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.SlugField())]),
    ]
`;
const FAQ_MOVE = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("faq", "0001_initial")]

    operations = [
        migrations.AlterModelTable(name="faqentry", table="backoffice_faqentry"),
    ]
`;
/** the app on its way out: no model at head maps the new table, so rename-table's code-first finding is a note */
const faqMovedAway = (config?: string) => ({
  ...djangoApp("faq", {
    "faq/migrations/0001_initial.py": FAQ_INITIAL,
    "faq/migrations/0002_move_tables.py": FAQ_MOVE,
    "faq/models.py": "from django.db import models\n\n\nclass FAQEntry(models.Model):\n    name = models.SlugField()\n",
  }),
  "manage.py": "import django\n",
  "deploy.sh": cfPushThenMigrate("python manage.py migrate"),
  ...(config ? { ".github/migguard.yml": config } : {}),
});

describe("migguard lint: a rename's finding under a code-first deploy", () => {
  it("says a table it could not read in words, never as `?`", async () => {
    const findings = await lint(
      { "alembic.ini": "[alembic]\nscript_location = alembic\n", "alembic/env.py": ENV, "alembic/versions/b2_rename.py": RENAME_ON_EVERY_TABLE, "deploy.sh": cfPushThenMigrate("alembic upgrade head") },
      "alembic/versions",
    );
    const rename = findings.find((f) => f.rule === "rename-column")!;
    expect(rename.severity).toBe("error");
    expect(rename.message).toContain("Renaming note (of a table named at run time) to comment: the deploy puts the new code live before this migration runs (deploy.sh:3:");
    expect(rename.message).toContain("the new code queries comment (of a table named at run time), which does not exist until the rename");
    expect(rename.message).not.toContain("?.");
  });

  it("prints a Flyway placeholder as written, as the usual finding does", async () => {
    const findings = await lint(
      {
        "db/migration/V1__users.sql": "CREATE TABLE ${schema}.users (id bigint PRIMARY KEY, email text);\n",
        "db/migration/V2__rename_email.sql": "ALTER TABLE ${schema}.users RENAME COLUMN email TO email_address;\n",
        "deploy.sh": cfPushThenMigrate("flyway migrate"),
      },
      "db/migration",
    );
    const rename = findings.find((f) => f.rule === "rename-column")!;
    expect(rename.message).toContain("Renaming ${schema}.users.email to email_address: the deploy puts the new code live before this migration runs (deploy.sh:3:");
    expect(rename.fix).toContain("ALTER TABLE ${schema}.users ADD COLUMN email_address text;");
  });

  it("keeps the rule's note where the team set no severity, and the team's `rename-table: error` where it did", async () => {
    const note = (await lint(faqMovedAway(), "faq/migrations")).find((f) => f.rule === "rename-table")!;
    expect(note.severity).toBe("info");
    expect(note.message).toContain("no model of the app at head maps backoffice_faqentry");
    const configured = (await lint(faqMovedAway("rules:\n  rename-table: error\n"), "faq/migrations")).find((f) => f.rule === "rename-table")!;
    expect(configured.severity).toBe("error");
    expect(configured.message).toContain("the deploy puts the new code live before this migration runs (deploy.sh:3:");
    const warning = (await lint(faqMovedAway("rules:\n  rename-table: warning\n"), "faq/migrations")).find((f) => f.rule === "rename-table")!;
    expect(warning.severity).toBe("warning");
  });
});
