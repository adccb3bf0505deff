/**
 * required-column-without-default on a Django AddField whose default Django keeps in Python only: what fails is
 * an insert from the deployed code, and when the base branch creates no rows of the model outside tests (rapidpro
 * aa67bc0338: article authoring arrives with the column) there is none. Reviewed through `migguard review`.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Knowledge", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Article",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("title", models.CharField(max_length=64)),
                ("knowledge", models.ForeignKey(on_delete=models.PROTECT, related_name="articles", to="knowledge.knowledge")),
            ],
        ),
    ]
`;
const addLanguage = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.AddField(model_name="article", name="language", field=models.CharField(default="eng", max_length=3))]
`;
const models = (language: string) => `from django.db import models


class Knowledge(models.Model):
    def release(self):
        self.articles.all().delete()


class Article(models.Model):
    STATUS_DRAFT = "D"

    title = models.CharField(max_length=64)
    knowledge = models.ForeignKey(Knowledge, on_delete=models.PROTECT, related_name="articles")
${language}
    @classmethod
    def get_unique_slug(cls, knowledge, title):
        return cls.objects.filter(knowledge=knowledge, title=title).exists()
`;
// the base branch's views only read articles; the change adds authoring
const readViews = "from knowledge.models import Article\n\n\ndef tree(knowledge):\n    return Article.objects.filter(knowledge=knowledge, status=Article.STATUS_DRAFT)\n";
const authoring = readViews + "\n\ndef create(knowledge, title):\n    return Article.objects.create(knowledge=knowledge, title=title)\n";
const baseTests = "from knowledge.models import Article\n\n\ndef test_it(knowledge):\n    Article.objects.create(knowledge=knowledge, title='x')\n";

async function languageFindings(baseViews: string) {
  const repo = featureBranchOn(djangoApp("knowledge", {
    "knowledge/migrations/0001_initial.py": initial,
    "knowledge/models.py": models(""),
    "knowledge/views.py": baseViews,
    "knowledge/tests/test_articles.py": baseTests,
  }));
  repo.write({ "knowledge/migrations/0002_article_language.py": addLanguage, "knowledge/models.py": models('    language = models.CharField(default="eng", max_length=3)\n'), "knowledge/views.py": authoring }).commit("article authoring");
  const { exitCode, findings } = await reviewJson(repo);
  return { exitCode, found: findings.filter((f) => f.rule === "required-column-without-default") };
}

describe("required-column-without-default: inserts of the deployed code", () => {
  it("review: the base branch creates articles only in tests, the change adds authoring: a note, the check passes", async () => {
    const { exitCode, found } = await languageFindings(readViews);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("the deployed code creates no knowledge_article rows (outside tests and migrations it names Article only to read it)");
    expect(exitCode).toBe(0);
  });

  it("review: the base branch's views create articles: an error as before", async () => {
    const { exitCode, found } = await languageFindings(authoring);
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(exitCode).toBe(1);
  });

  it("review: the base branch creates them through the relation (knowledge.articles.create): an error", async () => {
    const { found } = await languageFindings(readViews + "\n\ndef add(knowledge):\n    return knowledge.articles.create(title='x')\n");
    expect(found.map((f) => f.severity)).toEqual(["error"]);
  });

  it("review: the base branch hands the model to code migguard does not follow (admin.site.register(Article)): an error", async () => {
    const { found } = await languageFindings(readViews + "\n\nfrom django.contrib import admin\n\nadmin.site.register(Article)\n");
    expect(found.map((f) => f.severity)).toEqual(["error"]);
  });
});
