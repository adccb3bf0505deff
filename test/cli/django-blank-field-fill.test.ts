/**
 * `migguard lint` on a Django AddField with no `default=` that Django still fills (BaseDatabaseSchemaEditor.
 * _effective_default): a blank field whose class allows empty strings gets '' in every existing row, read through a
 * known package's class (django-autoslug's AutoSlugField is a SlugField) or the project's own (a CharField subclass
 * in its fields.py). The ALTER then succeeds on a table with rows; only inserts of code that does not set the
 * column fail, as with `default=`. Wagtail's StreamField extends models.Field itself, which allows empty strings too;
 * django-money's MoneyField is a DecimalField, which does not. A class migguard cannot place keeps the finding that says so.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; rule: string; severity: string; message: string };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-blank-field-fill-");

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Hearing", fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("title", models.CharField(max_length=255))]),
    ]
`;

const addSlug = (imports: string, field: string, name = "slug") => `${imports}
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("democracy", "0001_initial")]
    operations = [migrations.AddField(model_name="hearing", name="${name}", field=${field})]
`;

const SLUG = "democracy/migrations/0002_hearing_slug.py";

async function requiredColumn(files: Record<string, string>): Promise<Finding[]> {
  const { output } = await run(["lint", "--format", "json", "."], { cwd: repo({ "democracy/migrations/0001_initial.py": INITIAL, ...files }) });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.path === SLUG && f.rule === "required-column-without-default");
}

const FILLED = "NOT NULL column democracy_hearing.slug gets the default '' only to fill the existing rows: the database default is dropped again right after (blank=True";

describe("a blank Django field with no default, which Django fills with ''", () => {
  it("django-autoslug's AutoSlugField: the rows get '', so only inserts of old code fail", async () => {
    const [finding] = await requiredColumn({ [SLUG]: addSlug("import autoslug.fields", 'autoslug.fields.AutoSlugField(editable=True, blank=True, populate_from="title")') });
    expect(finding.message).toContain(FILLED);
    expect(finding.message).not.toContain("fails if democracy_hearing has rows");
  });

  it("a project class extending models.CharField, read from the repository: the same", async () => {
    const fields = `from django.db import models\n\n\nclass TitleSlugField(models.CharField):\n    pass\n`;
    const [finding] = await requiredColumn({ "democracy/fields.py": fields, [SLUG]: addSlug("from democracy.fields import TitleSlugField", "TitleSlugField(max_length=50, blank=True)") });
    expect(finding.message).toContain(FILLED);
  });

  it("Wagtail's StreamField (a models.Field subclass, empty_strings_allowed True): the rows get '', not the finding that cannot tell (adhocracy-plus)", async () => {
    const streamField = 'wagtail.fields.StreamField([("html", wagtail.blocks.RawHTMLBlock())], blank=True)';
    const [finding] = await requiredColumn({ [SLUG]: addSlug("import wagtail.blocks\nimport wagtail.fields", streamField, "body") });
    expect(finding.message).toContain("NOT NULL column democracy_hearing.body gets the default '' only to fill the existing rows: the database default is dropped again right after (blank=True");
    expect(finding.message).not.toContain("cannot read");
  });

  it("django-money's MoneyField, a DecimalField: no '' for it, and no 'cannot read' either", async () => {
    const [finding] = await requiredColumn({ [SLUG]: addSlug("import djmoney.models.fields", "djmoney.models.fields.MoneyField(blank=True, decimal_places=2, max_digits=14)", "fee") });
    expect(finding.severity).toBe("error");
    expect(finding.message).toContain("Adding NOT NULL column democracy_hearing.fee without a default fails if democracy_hearing has rows");
  });

  it("a class neither Django, a known package nor the repository defines keeps the finding that says it cannot tell", async () => {
    const [finding] = await requiredColumn({ [SLUG]: addSlug("import slugtools.fields", 'slugtools.fields.PrettySlugField(blank=True, populate_from="title")') });
    expect(finding.severity).toBe("error");
    expect(finding.message).toContain("migguard cannot read slugtools.fields.PrettySlugField from the repository to tell");
  });
});
