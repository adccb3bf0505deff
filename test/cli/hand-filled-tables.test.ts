/**
 * Hand-filled tables through `migguard lint` (production/hand-filled-tables.ts): a lock finding on the table of a
 * model no running code creates rows of (a lookup table a data migration seeds and people edit in the admin) is a
 * note that names the evidence and keeps its fix; the same lock stays when a view, a service or a related
 * manager can create the rows.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-hand-filled-");

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };
const lint = async (root: string) => (JSON.parse((await run(["lint", "--format", "json", "."], { cwd: root })).output) as { findings: Finding[] }).findings;

const DJANGO_INITIAL = `from django.db import migrations, models


def seed(apps, schema_editor):
    Status = apps.get_model("tracker", "Status")
    Status.objects.bulk_create([Status(name="open"), Status(name="closed")])


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(name="Status", fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=100))]),
        migrations.CreateModel(name="Tag", fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=100))]),
        migrations.CreateModel(
            name="Ticket",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("title", models.CharField(max_length=100)),
                ("status", models.ForeignKey(on_delete=models.CASCADE, to="tracker.status")),
            ],
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
`;

const DJANGO_INDEXES = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tracker", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="status", index=models.Index(fields=["name"], name="status_name_idx")),
        migrations.AddIndex(model_name="tag", index=models.Index(fields=["name"], name="tag_name_idx")),
        migrations.AddIndex(model_name="ticket", index=models.Index(fields=["title"], name="ticket_title_idx")),
    ]
`;

const DJANGO_MODELS = `from django.db import models


class Status(models.Model):
    name = models.CharField(max_length=100)


class Tag(models.Model):
    name = models.CharField(max_length=100)


class Ticket(models.Model):
    title = models.CharField(max_length=100)
    status = models.ForeignKey(Status, on_delete=models.CASCADE)
`;

const djangoApp = (views: string) => ({
  "manage.py": "import django\n",
  "tracker/__init__.py": "",
  "tracker/models.py": DJANGO_MODELS,
  "tracker/admin.py": "from django.contrib import admin\n\nfrom .models import Status, Tag\n\nadmin.site.register(Status)\n\n\n@admin.register(Tag)\nclass TagAdmin(admin.ModelAdmin):\n    pass\n",
  "tracker/views.py": views,
  "tracker/tests.py": "from .models import Status\n\n\ndef test_status():\n    Status.objects.create(name=\"x\")\n",
  "tracker/migrations/__init__.py": "",
  "tracker/migrations/0001_initial.py": DJANGO_INITIAL,
  "tracker/migrations/0002_indexes.py": DJANGO_INDEXES,
});

const OPEN_TICKET = `from .models import Status, Tag, Ticket


def open_ticket(request):
    tags = Tag.objects.filter(name__in=request.POST.getlist("tags"))
    return Ticket.objects.create(title=request.POST["title"], status=Status.objects.get(name="open"))
`;

describe("hand-filled tables", () => {
  it("Django: an index on a lookup model only a data migration, tests and the admin fill is a note naming the admin; a view that creates rows, or a ForeignKey, keeps the error", async () => {
    const indexes = (await lint(repo(djangoApp(OPEN_TICKET)))).filter((f) => f.rule === "index-without-concurrently" && f.path.endsWith("0002_indexes.py"));
    expect(indexes.map((f) => [f.line, f.severity])).toEqual([
      [8, "info"],
      [9, "info"],
      // Ticket has a ForeignKey (and the view creates tickets)
      [10, "error"],
    ]);
    expect(indexes[0].message).toContain(
      "Nothing in the application's code creates rows of Status (tracker/models.py) outside migrations, seeds and tests, nor through a relation; people add them in the Django admin (tracker/admin.py:5): tracker_status holds the rows people or setup put there, so the lock is brief.",
    );
    expect(indexes[1].message).toContain("people add them in the Django admin (tracker/admin.py:8)");
    expect(indexes[0].fix).toContain("AddIndexConcurrently");

    // the same app whose view creates statuses, and a many-to-many field that targets Tag (ticket.tags.create())
    const creates = djangoApp(`${OPEN_TICKET}\n\ndef add_status(request):\n    return Status.objects.create(name=request.POST["name"])\n`);
    creates["tracker/models.py"] = `${DJANGO_MODELS}    tags = models.ManyToManyField(Tag)\n`;
    const kept = (await lint(repo(creates))).filter((f) => f.rule === "index-without-concurrently" && f.path.endsWith("0002_indexes.py"));
    expect(kept.map((f) => [f.line, f.severity])).toEqual([
      [8, "error"],
      [9, "error"],
      [10, "error"],
    ]);
  });

  it("Rails: an index on a model only the admin registers and reads use is a note; a service that creates its rows, or another model's build_x of it, keeps the error", async () => {
    const files: Record<string, string> = {
      "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\n  self.abstract_class = true\nend\n",
      "app/models/status.rb": "class Status < ApplicationRecord\n  has_many :tickets\n  scope :active, -> { where(active: true) }\n  enum :kind, { open: 0, closed: 1 }\nend\n",
      // its scopes, its enum's mapping and value scopes are reads of the class
      "app/helpers/statuses_helper.rb": "module StatusesHelper\n  def kinds\n    Status.kinds.keys + Status.closed.pluck(:name)\n  end\nend\n",
      "app/models/ticket.rb": "class Ticket < ApplicationRecord\n  belongs_to :status\nend\n",
      "app/admin/statuses.rb": "ActiveAdmin.register Status do\n  permit_params :name\nend\n",
      "app/controllers/tickets_controller.rb":
        'class TicketsController < ApplicationController\n  def create\n    Ticket.create!(title: params[:title], status: Status.active.find_by!(name: "open"))\n  end\nend\n',
      "db/seeds.rb": 'Status.find_or_create_by!(name: "open")\n',
      "spec/models/status_spec.rb": 'RSpec.describe Status do\n  it { Status.create!(name: "x") }\nend\n',
      "db/migrate/20200101000000_create_statuses.rb":
        "class CreateStatuses < ActiveRecord::Migration[7.0]\n  def change\n    create_table :statuses do |t|\n      t.string :name\n    end\n    create_table :tickets do |t|\n      t.string :title\n      t.references :status\n    end\n  end\nend\n",
      "db/migrate/20210101000000_index_names.rb": "class IndexNames < ActiveRecord::Migration[7.0]\n  def change\n    add_index :statuses, :name\n    add_index :tickets, :title\n  end\nend\n",
    };
    const severities = async (extra: Record<string, string>) =>
      (await lint(repo({ ...files, ...extra }))).filter((f) => f.rule === "index-without-concurrently").map((f) => [f.line, f.severity, f.message]);
    const [status, ticket] = await severities({});
    expect(status.slice(0, 2)).toEqual([3, "info"]);
    expect(status[2]).toContain("Nothing in the application's code creates rows of Status (app/models/status.rb) outside migrations, seeds and tests, nor through a relation; people add them in the admin (app/admin/statuses.rb:1): statuses holds the rows");
    expect(ticket.slice(0, 2)).toEqual([4, "error"]);
    const service = await severities({ "app/services/status_sync.rb": 'class StatusSync\n  def call(name)\n    Status.where(name: name).first_or_create!\n  end\nend\n' });
    expect(service.map((f) => f.slice(0, 2))).toEqual([
      [3, "error"],
      [4, "error"],
    ]);
    const built = await severities({ "app/services/ticket_opener.rb": 'class TicketOpener\n  def call(ticket)\n    ticket.build_status(name: "new")\n  end\nend\n' });
    expect(built[0].slice(0, 2)).toEqual([3, "error"]);
  });
});
