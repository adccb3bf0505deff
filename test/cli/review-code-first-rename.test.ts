/**
 * A table renamed under a deploy that puts the new code live before it migrates (the Cloud Foundry workflow of
 * support/code-first-workflow.ts), reviewed through `migguard review`: no old code runs once the rename has, so the
 * finding is the new code's (it queries the new name before the rename creates it), and its fix ships the rename
 * a release ahead. Tournesol's faq 0006 pattern: the rename frees a name that another app's migration of the same
 * change creates a table under, so no fix proposes a view there ("relation already exists").
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";
import { CODE_FIRST_WORKFLOW } from "./support/code-first-workflow.js";

const migration = (deps: string, ops: string) =>
  `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [${deps}]

    operations = [
        ${ops}
    ]
`;
const entryModel = (table?: string) =>
  `from django.db import models


class FAQEntry(models.Model):
    name = models.SlugField()
${table ? `\n    class Meta:\n        db_table = "${table}"\n` : ""}`;
const createEntry = 'migrations.CreateModel(name="FAQEntry", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.SlugField())]),';
const views = (app: string) => `from ${app}.models import FAQEntry\n\n\ndef entries():\n    return list(FAQEntry.objects.all())\n`;

describe("review: a table renamed under a deploy that pushes the code before it migrates", () => {
  /** faq's table renamed to portal_faqentry, the model at head mapping it and a view querying it */
  function moved(deploy: Record<string, string>) {
    const repo = featureBranchOn({
      ...djangoApp("faq", { "faq/migrations/0001_initial.py": migration("", createEntry), "faq/models.py": entryModel(), "faq/views.py": views("faq") }),
      ...deploy,
    });
    repo
      .write({
        "faq/migrations/0002_move_table.py": migration('("faq", "0001_initial")', 'migrations.AlterModelTable(name="faqentry", table="portal_faqentry"),'),
        "faq/models.py": entryModel("portal_faqentry"),
      })
      .commit("move the faq table");
    return repo;
  }

  it("the model at head queries the new name: an error about the new code, naming the deploy line, with the fix that ships the rename a release ahead", async () => {
    const { findings } = await reviewJson(moved({ ".github/workflows/deploy-stable.yaml": CODE_FIRST_WORKFLOW }));
    const renames = findings.filter((f) => f.rule === "rename-table");
    expect(renames.map((f) => [f.path, f.line, f.severity])).toEqual([["faq/migrations/0002_move_table.py", 8, "error"]]);
    expect(renames[0].message).toContain(
      "the deploy puts the new code live before this migration runs (.github/workflows/deploy-stable.yaml:21: the deploy puts the new code live (`cf push`, line 14)",
    );
    expect(renames[0].message).toContain("the new code queries portal_faqentry, which does not exist until the rename");
    expect(renames[0].message).not.toContain("breaks code that still uses");
    expect(renames[0].fix).toContain("# release 1: the migration below, with the code still naming faq_faqentry (a view keeps faq_faqentry answering for it)");
  });

  it("without the workflow the migrations run first: the old code's failure, as before", async () => {
    const { findings } = await reviewJson(moved({}));
    const renames = findings.filter((f) => f.rule === "rename-table");
    expect(renames.map((f) => f.severity)).toEqual(["error"]);
    expect(renames[0].message).toContain("breaks code that still uses faq_faqentry while the deploy rolls out");
  });

  /**
   * tournesol 8a89550f36's pattern (faq 0006 renames backoffice_faqentry away, backoffice 0012 of the same change
   * creates a table under that name): here within one app, whose migrations run in path order. A view under the old
   * name would make the later CreateModel fail ("relation already exists"), in any deploy.
   */
  function nameFreed(deploy: Record<string, string>) {
    const repo = featureBranchOn({
      ...djangoApp("faq", { "faq/migrations/0001_initial.py": migration("", createEntry), "faq/models.py": entryModel(), "faq/views.py": views("faq") }),
      ...deploy,
    });
    repo
      .write({
        "faq/migrations/0002_move_aside.py": migration('("faq", "0001_initial")', 'migrations.AlterModelTable(name="faqentry", table="faq_legacyentry"),'),
        "faq/migrations/0003_new_entry.py": migration(
          '("faq", "0002_move_aside")',
          'migrations.CreateModel(name="Entry", fields=[("id", models.BigAutoField(primary_key=True))], options={"db_table": "faq_faqentry"}),',
        ),
        "faq/models.py": `${entryModel("faq_legacyentry")}\n\nclass Entry(models.Model):\n    class Meta:\n        db_table = "faq_faqentry"\n`,
      })
      .commit("a new entry table under the old name");
    return repo;
  }

  it("the old name is created again later in the change: no fix proposes a view under it, online or code-first", async () => {
    const deploys: Array<Record<string, string>> = [{}, { ".github/workflows/deploy-stable.yaml": CODE_FIRST_WORKFLOW }];
    for (const deploy of deploys) {
      const { findings } = await reviewJson(nameFreed(deploy));
      const renames = findings.filter((f) => f.rule === "rename-table");
      expect(renames.map((f) => [f.path, f.line])).toEqual([["faq/migrations/0002_move_aside.py", 8]]);
      expect(renames[0].fix).not.toContain("CREATE VIEW");
      expect(renames[0].fix).toContain('# no view under faq_faqentry: faq/migrations/0003_new_entry.py:8 creates a table named faq_faqentry, which a view of that name would make fail ("already exists")');
    }
    const { findings } = await reviewJson(nameFreed(deploys[1]));
    const codeFirst = findings.filter((f) => f.rule === "rename-table");
    expect(codeFirst[0].message).toContain("the new code queries faq_legacyentry, which does not exist until the rename");
    expect(codeFirst[0].fix).toContain("with the code still naming faq_faqentry (no view: this change creates a table under faq_faqentry again)");
  });
});
