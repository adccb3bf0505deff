/**
 * The author's word on the tables' size in the pull request's own text, through the App (README: "The author's
 * word on size"): a title or description that says the tables are small (rapidpro's #6758, "Convert primary keys
 * of small tables to bigint") makes the lock findings of the migrations it adds notices that quote it, so the
 * check passes; read again on `/migguard recheck`, which takes the pull request from the REST API. A pull request
 * that says nothing about size keeps the failure. Signed webhooks over HTTP against the local GitHub API.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const BASE: Record<string, string> = {
  "README.md": "# App\n",
  "api/__init__.py": "",
  "api/migrations/__init__.py": "",
  "api/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Resthook", fields=[("id", models.AutoField(primary_key=True)), ("slug", models.CharField(max_length=50))]),
    ]
`,
};
const BIGINT = {
  "api/migrations/0002_alter_resthook_id.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]
    operations = [
        migrations.AlterField(model_name="resthook", name="id", field=models.BigAutoField(primary_key=True, serialize=False)),
    ]
`,
};

let s: Scenario | undefined;
useScenario();

const rewriteOf = (run: { annotations: Array<{ title: string; annotation_level: string; message: string }> }) => run.annotations.find((a) => a.title.startsWith("column-type-change"));

describe("the pull request's own word on its tables' size", () => {
  it("a title that says the tables are small: the rewrite is a notice quoting it and the check passes, on open and on recheck", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(91, BIGINT, { title: "Convert primary keys of small tables to bigint" });
    expect((await s.pullRequest("opened", 91)).status).toBe(200);
    const opened = s.fake.checkRunsFor(head).at(-1)!;
    expect(opened).toMatchObject({ status: "completed", conclusion: "success" });
    expect(rewriteOf(opened)).toMatchObject({
      annotation_level: "notice",
      message: expect.stringContaining(`Its author says the table is small: "Convert primary keys of small tables to bigint" (the pull request's title)`),
    });
    s.fake.permissions.set("maintainer", { permission: "write", role_name: "maintain" });
    expect((await s.recheckComment(91, "maintainer")).status).toBe(200);
    const rechecked = s.fake.checkRunsFor(head).at(-1)!;
    expect(rechecked.id).not.toBe(opened.id);
    expect(rechecked.conclusion).toBe("success");
  });

  it("the sentence in the description counts too; a pull request that says nothing about size keeps the failure", async () => {
    s = await startScenario({ baseFiles: BASE });
    const said = s.openPull(92, BIGINT, { title: "Resthook ids to bigint", body: "Part of the bigint work.\n\nThese are tiny tables, one row per hook." });
    expect((await s.pullRequest("opened", 92)).status).toBe(200);
    const noted = s.fake.checkRunsFor(said).at(-1)!;
    expect(noted.conclusion).toBe("success");
    expect(rewriteOf(noted)?.message).toContain(`"These are tiny tables, one row per hook." (the pull request's description)`);

    const silent = s.openPull(93, BIGINT, { title: "Resthook ids to bigint", body: "Part of the bigint work." });
    expect((await s.pullRequest("opened", 93)).status).toBe(200);
    const failed = s.fake.checkRunsFor(silent).at(-1)!;
    expect(failed.conclusion).toBe("failure");
    expect(rewriteOf(failed)?.annotation_level).toBe("failure");
  });
});
