/**
 * One-row tables through `migguard lint` (README: "A one-row table"): a lock finding on a table whose primary key a
 * CHECK pins to one value, or on the table of a Django model that extends django-solo's SingletonModel (directly or
 * through the project's own base in another app), is a note that says why; the same lock on another table stays.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-singleton-");

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };
const lint = async (root: string) => (JSON.parse((await run(["lint", "--format", "json", "."], { cwd: root })).output) as { findings: Finding[] }).findings;

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(name="KadasterConfig", fields=[("id", models.AutoField(primary_key=True)), ("service", models.CharField(max_length=100))]),
        migrations.CreateModel(name="PrefillConfig", fields=[("id", models.AutoField(primary_key=True)), ("plugin", models.CharField(max_length=100))]),
        migrations.CreateModel(name="Parcel", fields=[("id", models.AutoField(primary_key=True)), ("code", models.CharField(max_length=100))]),
    ]
`;

const INDEXES = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("kadaster", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="kadasterconfig", index=models.Index(fields=["service"], name="kadasterconfig_service_idx")),
        migrations.AddIndex(model_name="prefillconfig", index=models.Index(fields=["plugin"], name="prefillconfig_plugin_idx")),
        migrations.AddIndex(model_name="parcel", index=models.Index(fields=["code"], name="parcel_code_idx")),
    ]
`;

const MODELS = `from django.db import models
from solo.models import SingletonModel

from core.models import ConfigBase


class KadasterConfig(SingletonModel):
    service = models.CharField(max_length=100)


class PrefillConfig(ConfigBase):
    plugin = models.CharField(max_length=100)


class Parcel(models.Model):
    code = models.CharField(max_length=100)
`;

describe("Django singletons' tables", () => {
  it("an index on a django-solo singleton's table is a note, through the project's own base too; a plain model's stays an error", async () => {
    const root = repo({
      "manage.py": "import django\n",
      "kadaster/__init__.py": "",
      "kadaster/models.py": MODELS,
      "kadaster/migrations/__init__.py": "",
      "kadaster/migrations/0001_initial.py": INITIAL,
      "kadaster/migrations/0002_indexes.py": INDEXES,
      // the views create parcels: no hand-filled table (hand-filled-tables.ts), its index stays an error
      "kadaster/views.py": "from .models import Parcel\n\n\ndef add(request):\n    return Parcel.objects.create(code=request.POST[\"code\"])\n",
      "core/__init__.py": "",
      "core/models.py": "from solo.models import SingletonModel\n\n\nclass ConfigBase(SingletonModel):\n    class Meta:\n        abstract = True\n",
    });
    const indexes = (await lint(root)).filter((f) => f.rule === "index-without-concurrently" && f.path.endsWith("0002_indexes.py"));
    expect(indexes.map((f) => [f.line, f.severity])).toEqual([
      [8, "info"],
      [9, "info"],
      [10, "error"],
    ]);
    expect(indexes[0].message).toContain("KadasterConfig (kadaster/models.py) is a django-solo singleton (KadasterConfig extends solo.models.SingletonModel): kadaster_kadasterconfig holds one row");
    expect(indexes[1].message).toContain("(PrefillConfig extends ConfigBase extends solo.models.SingletonModel)");
    expect(indexes[0].fix).toContain("AddIndexConcurrently");
  });

  it("Prisma (rallly's instance_settings): PRIMARY KEY (id) and CHECK (id = 1) keep it to one row: its rewrite is a note that names the index built under its lock, the lock waits stay", async () => {
    const root = repo({
      "prisma/schema.prisma": 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
      "prisma/migrations/20250602144531_add_instance_settings/migration.sql":
        'CREATE TABLE "instance_settings" (\n    "id" INTEGER NOT NULL DEFAULT 1,\n    "disable_user_registration" BOOLEAN NOT NULL DEFAULT false,\n\n    CONSTRAINT "instance_settings_pkey" PRIMARY KEY ("id")\n);\n\nINSERT INTO "instance_settings" ("id", "disable_user_registration") VALUES (1, false);\n',
      "prisma/migrations/20250602181052_add_instance_settings_constraints/migration.sql": 'ALTER TABLE "instance_settings"\n  ADD CONSTRAINT instance_settings_singleton CHECK (id = 1);\n',
      "prisma/migrations/20260423144927_add_instance_id/migration.sql":
        '-- AlterTable\nALTER TABLE "instance_settings" ADD COLUMN     "instance_id" UUID NOT NULL DEFAULT gen_random_uuid();\n\n-- CreateIndex\nCREATE UNIQUE INDEX "instance_settings_instance_id_key" ON "instance_settings"("instance_id");\n',
      "prisma/migrations/20260501000000_add_user_email_index/migration.sql": 'CREATE TABLE "users" ("id" TEXT NOT NULL, "email" TEXT, CONSTRAINT "users_pkey" PRIMARY KEY ("id"));\n',
      // past young_table.days after users was created, so only a singleton's note could lower its index
      "prisma/migrations/20260801000000_index_users/migration.sql": 'CREATE INDEX "users_email_idx" ON "users"("email");\n',
    });
    const findings = await lint(root);
    const at = (file: string) => findings.filter((f) => f.path.includes(file)).map((f) => [f.rule, f.line, f.severity]);
    expect(at("20260423144927_add_instance_id")).toEqual([
      ["require-lock-timeout", 2, "warning"],
      ["volatile-default", 2, "info"],
    ]);
    const volatile = findings.find((f) => f.rule === "volatile-default")!;
    // the unique index after the volatile default's rewrite adds no lock of its own: the rewrite's finding names it
    expect(volatile.message).toContain("line 5's build of index instance_settings_instance_id_key");
    expect(volatile.message).toContain("instance_settings holds at most one row (its primary key id is pinned to one value by CHECK instance_settings_singleton (`id = 1`): PostgreSQL refuses a second one), so the lock is brief.");
    expect(findings.find((f) => f.path.includes("20260801000000_index_users") && f.rule === "index-without-concurrently")?.severity).not.toBe("info");
  });
});
