import { detectFile } from "../../detect.js";
import { Migration } from "../../model.js";
import { loadPgParser } from "../../adapters/sql/index.js";
import { djangoMigration } from "../../adapters/python/django.js";
import { loadPythonParser } from "../../adapters/python/parser.js";
import { judgeEdit } from "./edit-judgement.js";

beforeAll(() => Promise.all([loadPythonParser(), loadPgParser()]));

const PATH = "builder/migrations/0001_squashed_0002_initial.py";
const parse = (content: string) => Migration.parse(djangoMigration({ file: detectFile(PATH, content)!, content }));
const squash = (field: string, replaces: string) =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n${replaces}    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Page", fields=[("id", models.AutoField(primary_key=True)), ("path", ${field})]),\n    ]\n`;
const REPLACES = '    replaces = [("builder", "0001_initial"), ("builder", "0002_page")]\n';

describe("judgeEdit: what the text changed", () => {
  it("a squash's `replaces` removed alone is the only change of the source, whatever the two models say (Baserow 9758c56eb0)", () => {
    const baseContent = squash("models.TextField()", REPLACES);
    const headContent = squash("models.TextField()", "");
    // the base model read another way (a custom field resolved differently): the models differ, the text does not
    const judged = judgeEdit(parse(squash("models.CharField(max_length=10)", REPLACES)), parse(headContent), baseContent, headContent);
    expect(judged.parts.has("schema")).toBe(true);
    expect(judged.settingsOnly).toEqual(["replaces"]);
  });

  it("an operation changed with it is more than settings", () => {
    const baseContent = squash("models.CharField(max_length=10)", REPLACES);
    const headContent = squash("models.TextField()", "");
    expect(judgeEdit(parse(baseContent), parse(headContent), baseContent, headContent).settingsOnly).toBeUndefined();
  });
});
