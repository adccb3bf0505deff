/**
 * The false alarms of the eighteenth independent replay (OWASP Nest, alphagov/forms-admin) rebuilt in small git
 * repositories and reviewed through `migguard review`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Issue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=255)),
            ],
        ),
    ]
`;
const addIndex = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("github", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="issue", index=models.Index(fields=["title"], name="issue_title_idx")),
    ]
`;

describe("review: an app folder moved with its migrations (OWASP Nest #5068)", () => {
  it("git mv backend/apps backend/src/apps: Django knows the migrations by app label and name, which stay: no renamed, edited or deleted migration, no lock finding", async () => {
    const repo = featureBranchOn(
      djangoApp("backend/apps/github", {
        "backend/apps/github/models.py": "from django.db import models\n\n\nclass Issue(models.Model):\n    title = models.CharField(max_length=255)\n",
        "backend/apps/github/migrations/0001_initial.py": initial,
        "backend/apps/github/migrations/0002_issue_title_idx.py": addIndex,
      }),
    );
    mkdirSync(join(repo.root, "backend/src"));
    repo.git("mv", "backend/apps", "backend/src/apps");
    repo.commit("restructure");
    const { findings, exitCode } = await reviewJson(repo);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(findings.filter((f) => ["renamed-migration", "edited-migration", "deleted-migration"].includes(f.rule))).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("the same move with a migration's text rewritten past git's rename detection (a deletion and an addition): read as the move it is, an edit note for comments, no deleted or renamed migration", async () => {
    const repo = featureBranchOn(
      djangoApp("backend/apps/github", {
        "backend/apps/github/migrations/0001_initial.py": initial,
        "backend/apps/github/migrations/0002_issue_title_idx.py": addIndex,
      }),
    );
    mkdirSync(join(repo.root, "backend/src"));
    repo.git("mv", "backend/apps", "backend/src/apps");
    const comments = Array.from({ length: 40 }, (_, i) => `# moved with the app, note ${i + 1}`).join("\n");
    repo.write({ "backend/src/apps/github/migrations/0002_issue_title_idx.py": `${comments}\n${addIndex}` }).commit("restructure");
    expect(repo.git("diff", "--name-status", "-M", "main", "HEAD")).toMatch(/^D\tbackend\/apps\/github\/migrations\/0002_issue_title_idx\.py$/m);
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(findings.filter((f) => ["renamed-migration", "deleted-migration"].includes(f.rule))).toEqual([]);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.path)).toEqual(["backend/src/apps/github/migrations/0002_issue_title_idx.py"]);
  });

  it("the same move with one migration renumbered: that one keeps its renamed-migration error, the others nothing", async () => {
    const repo = featureBranchOn(
      djangoApp("backend/apps/github", {
        "backend/apps/github/migrations/0001_initial.py": initial,
        "backend/apps/github/migrations/0002_issue_title_idx.py": addIndex,
      }),
    );
    mkdirSync(join(repo.root, "backend/src"));
    repo.git("mv", "backend/apps", "backend/src/apps");
    repo.git("mv", "backend/src/apps/github/migrations/0002_issue_title_idx.py", "backend/src/apps/github/migrations/0003_issue_title_idx.py");
    repo.commit("restructure");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "renamed-migration").map((f) => [f.path, f.severity])).toEqual([["backend/src/apps/github/migrations/0003_issue_title_idx.py", "error"]]);
  });
});

describe("review: a Rails fix's new migration class is the one Rails camelizes from its file name (alphagov/forms-admin)", () => {
  const createUsers = `class CreateUsers < ActiveRecord::Migration[8.0]\n  def change\n    create_table :users do |t|\n      t.string :name\n      t.string :email\n    end\n  end\nend\n`;
  const indexName = (index: string) =>
    `class AddIndexOnNameToUsers < ActiveRecord::Migration[8.0]\n  def up\n    enable_extension "pg_trgm"\n\n    add_index :users, "LOWER(name) gin_trgm_ops", using: :gin${index}\n  end\n\n  def down\n    remove_index :users, "LOWER(name) gin_trgm_ops"\n    disable_extension "pg_trgm"\n  end\nend\n`;
  const base = { "db/migrate/20240101000000_create_users.rb": createUsers, "db/schema.rb": 'ActiveRecord::Schema[8.0].define(version: 2024_01_01_000000) do\n  create_table "users", force: :cascade do |t|\n    t.string "name"\n    t.string "email"\n  end\nend\n' };
  /** the new migration the fix writes: its file name's stem and its class */
  const newMigration = (fix: string) => {
    const file = /new file db\/migrate\/\d+_(\w+)\.rb/.exec(fix)?.[1];
    const klass = fix.slice(fix.indexOf("new file")).match(/^class (\w+) </m)?.[1];
    return { file, klass };
  };

  it("an expression index's LOWER(name): file build_index_users_on_lower_name_..., class BuildIndexUsersOnLowerName... (Rails' camelize), not ...OnLOWERName... (NameError)", async () => {
    const repo = featureBranchOn(base);
    repo.write({ "db/migrate/20250917143112_add_index_on_name_to_users.rb": indexName("") }).commit("index");
    const { findings } = await reviewJson(repo);
    const fix = findings.find((f) => f.rule === "index-without-concurrently")!.fix;
    expect(newMigration(fix)).toEqual({ file: "build_index_users_on_lower_name_gin_trgm_ops_concurrently", klass: "BuildIndexUsersOnLowerNameGinTrgmOpsConcurrently" });
  });

  it("with the project's `inflect.acronym \"LOWER\"` Rails camelizes lower to LOWER: the class says so, the file name stays lower case", async () => {
    const repo = featureBranchOn({ ...base, "config/initializers/inflections.rb": 'ActiveSupport::Inflector.inflections(:en) do |inflect|\n  inflect.acronym "LOWER"\nend\n' });
    repo.write({ "db/migrate/20250917143112_add_index_on_name_to_users.rb": indexName("") }).commit("index");
    const { findings } = await reviewJson(repo);
    const fix = findings.find((f) => f.rule === "index-without-concurrently")!.fix;
    expect(newMigration(fix)).toEqual({ file: "build_index_users_on_lower_name_gin_trgm_ops_concurrently", klass: "BuildIndexUsersOnLOWERNameGinTrgmOpsConcurrently" });
  });
});

describe("review: a dropped translation column whose name the parent model's table also has (alphagov/forms-admin dd3fd98aac)", () => {
  const schema = `class CreateConditions < ActiveRecord::Migration[8.0]\n  def change\n    create_table :conditions do |t|\n      t.string :answer_value\n    end\n    create_table :condition_translations do |t|\n      t.references :condition\n      t.string :locale\n      t.string :answer_value\n      t.text :exit_page_heading\n    end\n  end\nend\n`;
  const model = (ignored: boolean) =>
    `class Condition < ApplicationRecord\n  extend Mobility\n\n  translates :exit_page_heading\n${ignored ? "\n  class Translation\n    self.ignored_columns = %w[answer_value]\n  end\n" : ""}\n  def answer_text = answer_value.presence\nend\n`;
  const input = `class Pages::ConditionsInput\n  attr_accessor :page, :answer_value, :record\n\n  def submit\n    Condition.create!(check_page_id: page.id, answer_value:)\n  end\n\n  def update_condition\n    record.answer_value = answer_value\n  end\nend\n`;
  const controller = `class Pages::SecondarySkipController < ApplicationController\n  def show\n    redirect_to root_path unless page.routing_conditions.any? { |c| c.answer_value.present? }\n  end\nend\n`;

  it("Condition::Translation ignores answer_value on the base branch; every other answer_value is conditions': a note that it is safe to drop, no warning", async () => {
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_conditions.rb": schema,
      "app/models/condition.rb": model(true),
      "app/input_objects/pages/conditions_input.rb": input,
      "app/controllers/pages/secondary_skip_controller.rb": controller,
    });
    repo
      .write({
        "app/models/condition.rb": model(false),
        "db/migrate/20260123152254_remove_answer_value_from_condition_translation.rb": "class RemoveAnswerValueFromConditionTranslation < ActiveRecord::Migration[8.1]\n  def change\n    remove_column :condition_translations, :answer_value, :string\n  end\nend\n",
      })
      .commit("drop");
    const { findings } = await reviewJson(repo);
    const used = findings.filter((f) => f.rule === "dropped-object-still-used");
    expect(used.map((f) => f.severity)).toEqual(["info"]);
    expect(used[0].message).toContain("Condition::Translation lists it in ignored_columns (app/models/condition.rb:7)");
    // conditions.answer_value's uses (a receiver whose model the code does not say) are not claimed as this column's
    expect(used[0].message).not.toMatch(/conditions_input|secondary_skip_controller/);
  });

  it("not ignored anywhere: the warning's fix names no class made up from the table (ConditionTranslation); Mobility defines Condition::Translation, which app/models does not open", async () => {
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_conditions.rb": schema,
      "app/models/condition.rb": model(false),
      "app/input_objects/pages/conditions_input.rb": input,
      "app/controllers/pages/secondary_skip_controller.rb": controller,
    });
    repo.write({ "db/migrate/20260123152254_remove_answer_value_from_condition_translation.rb": "class RemoveAnswerValueFromConditionTranslation < ActiveRecord::Migration[8.1]\n  def change\n    remove_column :condition_translations, :answer_value, :string\n  end\nend\n" }).commit("drop");
    const { findings } = await reviewJson(repo);
    const used = findings.filter((f) => f.rule === "dropped-object-still-used");
    expect(used.map((f) => f.severity)).toEqual(["warning"]);
    expect(used[0].fix).not.toContain("ConditionTranslation");
    expect(used[0].fix).toContain("no model in app/models maps condition_translations");
  });
});
