/**
 * A deploy that puts the new code live before it migrates (manage.get.gov: `cf push --strategy rolling`, then
 * `cf run-task ... 'python manage.py migrate'`), reviewed through `migguard review`: the column the change adds is
 * selected by the new code before it exists (an error), and the old code's inserts, which no longer run when the
 * column appears, are a note.
 */
import { run } from "../../src/cli/main.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";
import { CODE_FIRST_WORKFLOW } from "./support/code-first-workflow.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Domain", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=253))]),
    ]
`;
const addEnrolled = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registrar", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="domain",
            name="is_enrolled_in_dns_hosting",
            field=models.BooleanField(default=False),
        ),
    ]
`;
const models = (extra: string) => `from django.db import models


class Domain(models.Model):
    name = models.CharField(max_length=253)
${extra}`;
// the deployed code creates domains: an insert that leaves a new NOT NULL column out fails while it runs
const views = "from registrar.models import Domain\n\n\ndef register(name):\n    return Domain.objects.create(name=name)\n";

function repository(deploy: Record<string, string>, code = views) {
  const repo = featureBranchOn({
    ...djangoApp("registrar", { "registrar/migrations/0001_initial.py": initial, "registrar/models.py": models(""), "registrar/views.py": code }),
    ...deploy,
  });
  repo.write({ "registrar/migrations/0002_domain_is_enrolled_in_dns_hosting.py": addEnrolled, "registrar/models.py": models("    is_enrolled_in_dns_hosting = models.BooleanField(default=False)\n") }).commit("dns hosting enrolment");
  return repo;
}

describe("review: a deploy that pushes the code before it migrates", () => {
  it("the added column is an error (the new code selects it first), the old code's inserts a note; the text says how the deploy was read", async () => {
    const repo = repository({ ".github/workflows/deploy-stable.yaml": CODE_FIRST_WORKFLOW });
    const { exitCode, findings } = await reviewJson(repo);
    const added = findings.filter((f) => f.rule === "new-code-before-migration");
    expect(added.map((f) => [f.line, f.severity])).toEqual([[8, "error"]]);
    expect(added[0].message).toContain("Domain (registrar/models.py) declares is_enrolled_in_dns_hosting, so every query of Domain selects registrar_domain.is_enrolled_in_dns_hosting");
    expect(added[0].fix).toContain("migrations.SeparateDatabaseAndState(");
    const required = findings.filter((f) => f.rule === "required-column-without-default");
    expect(required.map((f) => f.severity)).toEqual(["info"]);
    expect(required[0].message).toContain("Code-first deploy (.github/workflows/deploy-stable.yaml:21: the deploy puts the new code live (`cf push`, line 14)");
    expect(exitCode).toBe(1);
    const text = await run(["review", "--base", "main"], { cwd: repo.root });
    expect(text.output).toContain("deploy: read as code-before-migrate: .github/workflows/deploy-stable.yaml:21");
  });

  it("a model nothing in the code queries (manage.get.gov's DnsRecord at 2fb87f2c24, its views in later pull requests): no page fails, no finding", async () => {
    // the view keeps an attribute of its own named like the model and passes it in a dict: no query of Domain
    const unrelated = 'class DomainFormView:\n    def __init__(self):\n        self.domain = None\n\n    def context(self):\n        return {"domain": self.domain}\n';
    const { exitCode, findings } = await reviewJson(repository({ ".github/workflows/deploy-stable.yaml": CODE_FIRST_WORKFLOW }, unrelated));
    expect(findings.filter((f) => f.rule === "new-code-before-migration")).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("without the workflow the migrations are taken to run first: no new-code finding, the old code's inserts an error", async () => {
    const { findings } = await reviewJson(repository({}));
    expect(findings.filter((f) => f.rule === "new-code-before-migration")).toEqual([]);
    expect(findings.filter((f) => f.rule === "required-column-without-default").map((f) => f.severity)).toEqual(["error"]);
  });
});

describe("review: an Alembic project that pushes the code before it upgrades", () => {
  const revision = (id: string, down: string, up: string, back: string) =>
    `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    ${up}\n\n\ndef downgrade():\n    ${back}\n`;
  const model = (extra: string) =>
    `from sqlalchemy import Column, Integer, String\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\nclass Recipe(Base):\n    __tablename__ = "recipe"\n    id = Column(Integer, primary_key=True)\n${extra}`;

  it("the column the new model maps is an error", async () => {
    const repo = featureBranchOn({
      "alembic.ini": "[alembic]\nscript_location = alembic\n",
      "alembic/env.py": "from alembic import context\n",
      "alembic/versions/a1_initial.py": revision("a1", "None", 'op.create_table("recipe", sa.Column("id", sa.Integer(), primary_key=True))', 'op.drop_table("recipe")'),
      "app/__init__.py": "",
      "app/models.py": model(""),
      "deploy.sh": "#!/bin/sh\ncf push recipes --strategy rolling\ncf run-task recipes --command 'alembic upgrade head' --name migrate\n",
    });
    repo
      .write({
        "alembic/versions/b2_slug.py": revision("b2", '"a1"', 'op.add_column("recipe", sa.Column("slug", sa.String(length=80), nullable=True))', 'op.drop_column("recipe", "slug")'),
        "app/models.py": model("    slug = Column(String(80), nullable=True)\n"),
      })
      .commit("recipe slugs");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "new-code-before-migration").map((f) => [f.path, f.line, f.severity])).toEqual([["alembic/versions/b2_slug.py", 9, "error"]]);
  });
});

describe("review: a Prisma project that pushes the code before it migrates", () => {
  it("the column the schema at head declares is an error", async () => {
    const init = 'CREATE TABLE "JobVersion" ("id" TEXT NOT NULL, CONSTRAINT "JobVersion_pkey" PRIMARY KEY ("id"));\n';
    const schema = (fields: string) => `datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel JobVersion {\n  id String @id\n${fields}}\n`;
    const repo = featureBranchOn({
      "prisma/migrations/20240101000000_init/migration.sql": init,
      "prisma/schema.prisma": schema(""),
      "deploy.sh": "#!/bin/sh\ncf push jobs --strategy rolling\ncf run-task jobs --command 'npx prisma migrate deploy' --name migrate\n",
    });
    repo.write({ "prisma/migrations/20240201000000_add_version/migration.sql": 'ALTER TABLE "JobVersion" ADD COLUMN "version" TEXT;\n', "prisma/schema.prisma": schema("  version String?\n") }).commit("job versions");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "new-code-before-migration").map((f) => [f.path, f.line, f.severity])).toEqual([["prisma/migrations/20240201000000_add_version/migration.sql", 1, "error"]]);
  });
});

describe("review: an Ansible role that restarts the app server before it migrates (tournesol's infra/ansible)", () => {
  // the code copy notifies both handlers; Ansible runs them at flush_handlers in the handlers file's order
  const tasks = [
    "- name: Copy Django application repository",
    "  synchronize:",
    "    src: /home/git/app/backend/",
    "    dest: /srv/app-backend",
    "  notify:",
    "    - Migrate Django database",
    "    - Restart Gunicorn",
    "",
    "- meta: flush_handlers",
    "",
  ].join("\n");
  const restart = ["- name: Restart Gunicorn", "  systemd:", "    name: gunicorn", "    state: restarted", ""];
  const migrate = ["- name: Migrate Django database", "  shell:", '    cmd: "source /srv/app-backend/venv/bin/activate && python /srv/app-backend/manage.py migrate"', "    executable: /usr/bin/bash", ""];
  const role = (handlers: string[]) => ({ "infra/ansible/roles/django/tasks/main.yml": tasks, "infra/ansible/roles/django/handlers/main.yml": handlers.join("\n") });

  it("handlers defined restart-then-migrate: code-before-migrate, the old code's inserts a note", async () => {
    const repo = repository(role([...restart, ...migrate]));
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "required-column-without-default").map((f) => f.severity)).toEqual(["info"]);
    const text = await run(["review", "--base", "main"], { cwd: repo.root });
    expect(text.output).toContain(
      "deploy: read as code-before-migrate: infra/ansible/roles/django/handlers/main.yml:6: the Ansible role restarts the app server (`Restart Gunicorn`, infra/ansible/roles/django/handlers/main.yml:1) before it migrates",
    );
  });

  it("handlers defined migrate-then-restart (whatever order the task notifies them in): online, the old code's inserts an error", async () => {
    const repo = repository(role([...migrate, ...restart]));
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "required-column-without-default").map((f) => f.severity)).toEqual(["error"]);
    expect(findings.filter((f) => f.rule === "new-code-before-migration")).toEqual([]);
    const text = await run(["review", "--base", "main"], { cwd: repo.root });
    expect(text.output).not.toContain("code-before-migrate");
  });
});
