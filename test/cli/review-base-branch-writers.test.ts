/**
 * What the base branch's code (what the servers run until the deploy, and so while the migrations run) says about
 * a table, through `migguard review`:
 * - a model the base branch never writes (takahe's Block before blocking shipped): no insert of the old code can
 *   miss a column whose default is dropped right after, and the table is empty wherever only that code ran, so a
 *   unique index on it builds at once. A string that only keys a dict (`{"Block": "as:Block"}`, a JSON-LD context)
 *   is no model reference; a file the change adds runs only after the deploy. Rails' twin: no code creates the
 *   Active Record model's rows.
 * - a field the base branch's abstract parent still declares (takahe's StatorModel.state_ready): the old code
 *   selects it on every query of the models that inherit it, so dropping it is no planned last step.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";
import { BLOCKING as blocking, BLOCK_INITIAL, BLOCK_STATES, blockModels as models, LD_CONTEXT as context, statorModels } from "../support/takahe-blocks.js";

async function blockFindings(base: Record<string, string>, change: Record<string, string>) {
  const repo = featureBranchOn(djangoApp("users", { "manage.py": "import django\n", "users/migrations/0001_initial.py": BLOCK_INITIAL, "users/models.py": models(""), "core/__init__.py": "", "core/ld.py": context, ...base }));
  repo.write({ "users/migrations/0002_block_states.py": BLOCK_STATES, "users/models.py": models('    state = models.CharField(default="new", max_length=100)\n'), ...change }).commit("blocking");
  const { exitCode, findings } = await reviewJson(repo);
  const of = (rule: string) => findings.filter((f) => f.rule === rule && f.path.endsWith("0002_block_states.py"));
  return { exitCode, required: of("required-column-without-default"), unique: of("unique-constraint-without-index") };
}

describe("review: what the base branch's code writes", () => {
  it("Django: the base branch never writes Block (a dict key names it), the change adds blocking in a new file: both findings are notes that say why, the check passes", async () => {
    const { exitCode, required, unique } = await blockFindings({}, { "users/services.py": blocking });
    expect(required.map((f) => f.severity)).toEqual(["info"]);
    expect(required[0].message).toContain("the deployed code creates no users_block rows (outside tests and migrations it names Block only to read it)");
    expect(unique.map((f) => f.severity)).toEqual(["info"]);
    expect(unique[0].message).toContain("Nothing in the base branch's code (what the servers run until this deploy) creates rows of Block (users/models.py) outside migrations, seeds and tests, nor through a relation: users_block holds the rows people or setup put there, so the lock is brief.");
    expect(exitCode).toBe(0);
  });

  it("Django: the base branch creates blocks through a relation's reverse manager: both errors stay", async () => {
    const { required, unique } = await blockFindings({ "users/views.py": "def block(identity, other):\n    return identity.outbound_blocks.create(target=other, mute=False)\n" }, {});
    expect(required.map((f) => f.severity)).toEqual(["error"]);
    expect(unique.map((f) => f.severity)).toEqual(["error"]);
  });

  it("Django: a ModelForm of the base branch edits Block (model = Block): the inserts' error stays", async () => {
    const form = "from django import forms\n\nfrom users.models import Block\n\n\nclass BlockForm(forms.ModelForm):\n    class Meta:\n        model = Block\n        fields = [\"target\", \"mute\"]\n";
    const { required, unique } = await blockFindings({ "users/forms.py": form }, {});
    expect(required.map((f) => f.severity)).toEqual(["error"]);
    expect(unique.map((f) => f.severity)).toEqual(["error"]);
  });

  it("Django: apps.get_model(\"users\", \"Block\") in the base branch's code reaches the model by name: the inserts' error stays", async () => {
    const { required } = await blockFindings({ "users/tasks.py": 'from django.apps import apps\n\n\ndef make(**kw):\n    return apps.get_model("users", "Block")(**kw).save()\n' }, {});
    expect(required.map((f) => f.severity)).toEqual(["error"]);
  });
});

describe("review: what the base branch's Active Record code writes", () => {
  const createStatuses = "class CreateStatuses < ActiveRecord::Migration[7.1]\n  def change\n    create_table :statuses do |t|\n      t.string :name\n    end\n  end\nend\n";
  const addColor =
    'class AddColorToStatuses < ActiveRecord::Migration[7.1]\n  def up\n    add_column :statuses, :color, :string, null: false, default: "grey"\n    change_column_default :statuses, :color, from: "grey", to: nil\n  end\n\n  def down\n    remove_column :statuses, :color\n  end\nend\n';
  async function colorFindings(base: Record<string, string>) {
    const repo = featureBranchOn({
      Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 7.1.0"\n',
      "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\n  self.abstract_class = true\nend\n",
      "app/models/status.rb": "class Status < ApplicationRecord\n  scope :named, ->(name) { where(name: name) }\nend\n",
      "app/helpers/statuses_helper.rb": "module StatusesHelper\n  def status_names\n    Status.named(params[:q]).pluck(:name)\n  end\nend\n",
      "db/migrate/20240101000000_create_statuses.rb": createStatuses,
      ...base,
    });
    repo.write({ "db/migrate/20240201000000_add_color_to_statuses.rb": addColor }).commit("status colors");
    const { exitCode, findings } = await reviewJson(repo);
    return { exitCode, required: findings.filter((f) => f.rule === "required-column-without-default") };
  }

  it("Rails: the default is dropped right after, and no code of the base branch creates Status rows: a note that says why", async () => {
    const { required } = await colorFindings({});
    expect(required.map((f) => f.severity)).toEqual(["info"]);
    expect(required[0].message).toContain("the database default is dropped again on line 4), but the deployed code creates no statuses rows (outside tests and db/ it names Status only to read it)");
    expect(required[0].message).toContain("code that creates Status rows after the deploy has to set it");
  });

  it("Rails: a service of the base branch creates statuses: the error stays", async () => {
    const { required } = await colorFindings({ "app/services/status_sync.rb": "class StatusSync\n  def call(name)\n    Status.create!(name: name)\n  end\nend\n" });
    expect(required.map((f) => f.severity)).toEqual(["error"]);
  });
});

describe("review: a field the base branch's abstract parent declares", () => {
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Post",
            fields=[("id", models.BigAutoField(primary_key=True)), ("state_ready", models.BooleanField(default=True)), ("title", models.TextField())],
        ),
    ]
`;
  const removeField = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]

    operations = [migrations.RemoveField(model_name="post", name="state_ready")]
`;
  const posts = "from django.db import models\n\nfrom stator.models import StatorModel\n\n\nclass Post(StatorModel):\n    title = models.TextField()\n";
  async function dropFindings(baseField: string) {
    const repo = featureBranchOn({
      "manage.py": "import django\n",
      ...djangoApp("stator", { "stator/models.py": statorModels(baseField) }),
      ...djangoApp("posts", { "posts/models.py": posts, "posts/migrations/0001_initial.py": initial }),
    });
    repo.write({ "posts/migrations/0002_remove_post_state_ready.py": removeField, "stator/models.py": statorModels("") }).commit("stator without state_ready");
    const { findings } = await reviewJson(repo);
    return findings.filter((f) => f.rule === "drop-column");
  }

  it("Django: the change takes state_ready out of the abstract StatorModel that Post inherits: the old code still selects it, the error stays", async () => {
    const found = await dropFindings("    state_ready = models.BooleanField(default=True)\n");
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).not.toContain("planned last step");
  });

  it("Django: the base branch's StatorModel already lacks it: the planned last step, as before", async () => {
    const found = await dropFindings("");
    expect(found.map((f) => f.severity)).not.toContain("error");
  });
});
