/**
 * The ninth replay's dropped-object-still-used patterns (mozilla/treeherder, ministryofjustice/laa-apply-for-
 * legal-aid) as small repositories: the base branch's files and the pull request's, for `migguard review` and
 * the App alike.
 */
const djangoInit = (dir: string) => ({ [`${dir}/__init__.py`]: "", [`${dir}/migrations/__init__.py`]: "" });

/** treeherder 6e680ffae4: Repository.branch goes, RepositoryBranch.branch stays. */
export const treeherderBase: Record<string, string> = {
  ...djangoInit("model"),
  "model/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Repository",
            fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=50)), ("branch", models.CharField(max_length=255))],
            options={"db_table": "repository"},
        ),
        migrations.CreateModel(
            name="RepositoryBranch",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("branch", models.CharField(max_length=255)),
                ("repository", models.ForeignKey(on_delete=models.CASCADE, related_name="branches", to="model.repository")),
            ],
        ),
    ]
`,
  "model/models.py": `from django.db import models


class Repository(models.Model):
    name = models.CharField(max_length=50)
    branch = models.CharField(max_length=255)

    class Meta:
        db_table = "repository"

    @classmethod
    def resolve_branch(cls, url, branch):
        repos = cls.objects.filter(name=url)
        if not repos:
            raise cls.DoesNotExist(f"No active repository for url={url} branch={branch}")
        return repos.get(branches__branch=branch)


class RepositoryBranch(models.Model):
    repository = models.ForeignKey(Repository, on_delete=models.CASCADE, related_name="branches")
    branch = models.CharField(max_length=255)

    class Meta:
        unique_together = ("repository", "branch")

    def __str__(self):
        return f"{self.repository.name}:{self.branch}"
`,
  "etl/__init__.py": "",
  // a message transformer's own attribute, and a dict of an unrelated payload
  "etl/push_loader.py": `import logging

from model.models import Repository

logger = logging.getLogger(__name__)


def store(transformer):
    repo = Repository.resolve_branch(transformer.repo_url, transformer.branch)
    logger.info(f"Storing push for repository '{repo.name}' branch '{transformer.branch}'")
    return {"event.base.repo.branch": transformer.meta["branch"]}
`,
};

/** the pull request's models.py: Repository stops declaring branch (treeherder's shape: field and migration in one change) */
export const treeherderModelsAtHead = { "model/models.py": treeherderBase["model/models.py"].replace("    branch = models.CharField(max_length=255)\n\n    class Meta", "\n    class Meta") };

export const treeherderDrop = {
  "model/migrations/0002_remove_repository_branch.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("model", "0001_initial")]

    operations = [migrations.RemoveField(model_name="repository", name="branch")]
`,
};

/** A true use of the dropped column: a query on Repository and SQL on its table. */
export const treeherderTrueUses = {
  "etl/report.py": `from model.models import Repository


def branches(name):
    return Repository.objects.filter(name=name).values_list("branch", flat=True)


SQL = "SELECT branch FROM repository"
`,
};

const railsMigration = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[7.1]\n  def change\n    ${body}\n  end\nend\n`;

/** laa 180ca3d207: settings.linked_applications goes while a CSV line defines its own linked_applications and the anonymise rules key the linked_applications table. */
export const laaSettingsBase: Record<string, string> = {
  "db/migrate/20240101000000_create_settings.rb": railsMigration("CreateSettings", "create_table :settings do |t|\n      t.boolean :linked_applications\n    end"),
  "db/migrate/20240101000001_create_linked_applications.rb": railsMigration("CreateLinkedApplications", "create_table :linked_applications"),
  "app/models/setting.rb": "class Setting < ApplicationRecord\nend\n",
  "app/models/linked_application.rb": "class LinkedApplication < ApplicationRecord\nend\n",
  "app/models/legal_aid_application.rb": "class LegalAidApplication < ApplicationRecord\nend\n",
  "app/services/reports/application_detail_csv_line.rb": `module Reports
  class ApplicationDetailCsvLine
    def call
      @line = []
      linked_applications
      @line
    end

    def linked_applications
      @line << @laa.family_linked?
    end
  end
end
`,
  "db/anonymise/rules.rb": `@rules = {
  legal_aid_applications: {},
  linked_applications: {},
  settings: {},
}
`,
};

export const laaSettingsDrop = {
  "db/migrate/20250827103452_remove_linked_applications_from_settings.rb": railsMigration("RemoveLinkedApplicationsFromSettings", "remove_column :settings, :linked_applications, :boolean"),
};

/** laa 3857b5deca: the base branch's model already lists completed_at in ignored_columns; a one-off rake task still names it. */
export const laaCompletedAtBase: Record<string, string> = {
  "db/migrate/20240101000000_create_legal_aid_applications.rb": railsMigration("CreateLegalAidApplications", "create_table :legal_aid_applications do |t|\n      t.datetime :completed_at\n      t.datetime :citizen_completed_at\n    end"),
  "app/models/legal_aid_application.rb": "class LegalAidApplication < ApplicationRecord\n  self.ignored_columns += %w[declaration_accepted_at completed_at]\nend\n",
  "lib/tasks/duplicate_completed_at.rake": `namespace :duplicate do
  task completed_at: :environment do
    applications = LegalAidApplication.where.not(completed_at: nil)
    applications.each do |app|
      app.update!(citizen_completed_at: app.completed_at)
    end
  end
end
`,
};

export const laaCompletedAtDrop = {
  "db/migrate/20260616124216_remove_completed_at_from_legal_aid_applications.rb": railsMigration("RemoveCompletedAtFromLegalAidApplications", "remove_column :legal_aid_applications, :completed_at, :datetime"),
};
