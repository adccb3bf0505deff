/**
 * The project's own Python modules a Django migration imports, through the App as through the CLI: a helper in
 * app/sql.py that returns a non-concurrent CREATE INDEX is fetched at the head commit and checked at the call, so the
 * pull request gets the finding `migguard lint` gives; a helper that imports another module is followed too; a module
 * too large to read, or whose fetch fails, leaves the migration reviewed with a hidden-operation finding that says so.
 * Signed webhooks over HTTP, the local GitHub API checking every request against GitHub's OpenAPI description.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { run } from "../../src/cli/main.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Order", fields=[("id", models.AutoField(primary_key=True)), ("placed_at", models.DateTimeField())]),
    ]
`;

const HELPER = `"""SQL the migrations share"""


def add_index(table, column):
    """a plain CREATE INDEX: it blocks writes to the table while it builds"""
    return f"CREATE INDEX ix_{table}_{column} ON {table} ({column})"
`;

const ADDED = "app/migrations/0002_order_placed_at_index.py";
const MIGRATION = `from django.db import migrations

from app.sql import add_index


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.RunSQL(add_index("app_order", "placed_at"), reverse_sql=migrations.RunSQL.noop),
    ]
`;
const CALL_LINE = 9;

const BASE = { "manage.py": "", "app/__init__.py": "", "app/migrations/__init__.py": "", "app/migrations/0001_initial.py": INITIAL };

let s: Scenario | undefined;
useScenario();

async function reviewPull(baseFiles: Record<string, string>) {
  s = await startScenario({ baseFiles });
  const head = s.openPull(12, { [ADDED]: MIGRATION });
  expect((await s.pullRequest("opened", 12)).status).toBe(200);
  const check = s.fake.checkRunsFor(head).at(-1)!;
  expect(check.status).toBe("completed");
  return check;
}

/** `migguard lint --format json` on the same files, in a working tree of its own. */
async function lintWithCli(files: Record<string, string>): Promise<Array<{ rule: string; line: number; message: string }>> {
  const root = mkdtempSync(join(tmpdir(), "migguard-app-modules-"));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const { output } = await run(["lint", "--format", "json", ADDED], { cwd: root });
    return (JSON.parse(output) as { findings: Array<{ rule: string; line: number; message: string }> }).findings;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const contentsReads = (scenario: Scenario) => scenario.fake.requests.filter((r) => r.path.includes("/contents/")).map((r) => decodeURIComponent(r.path.split("/contents/")[1]));

describe("a Django migration whose SQL comes from a helper in the project", () => {
  it("is checked at the call with the helper's SQL, the finding the CLI gives; only the helper is fetched", async () => {
    const files = { ...BASE, "app/sql.py": HELPER };
    const check = await reviewPull(files);
    const index = check.annotations.find((a) => a.path === ADDED && a.title.startsWith("index-without-concurrently"));
    expect(index).toMatchObject({ start_line: CALL_LINE, annotation_level: "failure" });
    expect(index!.message).toContain("ix_app_order_placed_at");
    expect(check.annotations.filter((a) => a.title.startsWith("hidden-operation"))).toEqual([]);

    // the same finding, word for word, as `migguard lint` in a checkout of the head
    const cli = (await lintWithCli({ ...files, [ADDED]: MIGRATION })).find((f) => f.rule === "index-without-concurrently");
    expect(cli).toMatchObject({ line: CALL_LINE });
    expect(index!.message.split("\n")[0]).toBe(cli!.message);

    // one call for the module; none for the paths it was looked for in that the head does not hold (django/db.py,
    // app/migrations/app/sql.py: a dotted name is looked for in every folder above the migration)
    const reads = contentsReads(s!);
    expect(reads.filter((p) => p === "app/sql.py")).toHaveLength(1);
    expect(reads.filter((p) => p.startsWith("django/") || p.startsWith("app/migrations/app/") || p.startsWith("app/app/") || p === "app.py")).toEqual([]);
  });

  it("finds the module by listing its folders at head when GitHub truncates the trees", async () => {
    s = await startScenario({ baseFiles: { ...BASE, "app/sql.py": HELPER } });
    // the whole tree is cut short, each folder's own listing is not
    s.fake.treeListingLimit = 4;
    const head = s.openPull(12, { [ADDED]: MIGRATION });
    expect((await s.pullRequest("opened", 12)).status).toBe(200);
    const check = s.fake.checkRunsFor(head).at(-1)!;
    expect(check.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ path: ADDED, start_line: CALL_LINE });
    expect(contentsReads(s).filter((p) => p.startsWith("django/") || p.startsWith("app/migrations/app/"))).toEqual([]);
  });

  it("follows a helper into the module it imports from (a second fetch, a third review)", async () => {
    const names = 'INDEX_PREFIX = "ix_orders"\n';
    const helper = `from app.naming import INDEX_PREFIX


def add_index(table, column):
    return f"CREATE INDEX {INDEX_PREFIX}_{column} ON {table} ({column})"
`;
    const check = await reviewPull({ ...BASE, "app/sql.py": helper, "app/naming.py": names });
    const index = check.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(index).toMatchObject({ path: ADDED, start_line: CALL_LINE });
    expect(index!.message).toContain("ix_orders_placed_at");
    expect(contentsReads(s!).filter((p) => p === "app/sql.py" || p === "app/naming.py").sort()).toEqual(["app/naming.py", "app/sql.py"]);
  });

  it("says the module could not be read when its fetch fails, and still reviews the migration", async () => {
    s = await startScenario({ baseFiles: { ...BASE, "app/sql.py": HELPER } });
    const head = s.openPull(12, { [ADDED]: MIGRATION });
    s.fake.fail({ method: "GET", path: /\/contents\/app(%2F|\/)sql\.py$/, status: 500, times: Infinity });
    expect((await s.pullRequest("opened", 12)).status).toBe(200);
    const check = s.fake.checkRunsFor(head).at(-1)!;
    const hidden = check.annotations.find((a) => a.path === ADDED && a.title.startsWith("hidden-operation"));
    expect(hidden).toMatchObject({ start_line: CALL_LINE });
    expect(hidden!.message).toContain("`app/sql.py`, the module it is imported from, could not be read: fetching it at");
    expect(hidden!.message).toContain("the GitHub API answered 500");
    expect(check.output.summary).not.toContain("not analysed");
  });

  it("says a module over the size limit was not read, without fetching it, as the CLI says", async () => {
    const large = `${HELPER}\n${"# padding\n".repeat(27_000)}`;
    const files = { ...BASE, "app/sql.py": large };
    const check = await reviewPull(files);
    const hidden = check.annotations.find((a) => a.path === ADDED && a.title.startsWith("hidden-operation"));
    expect(hidden!.message).toContain(`\`app/sql.py\`, the module it is imported from, could not be read: ${Buffer.byteLength(large)} bytes, larger than the 256 KB`);
    expect(contentsReads(s!)).not.toContain("app/sql.py");
    const cli = (await lintWithCli({ ...files, [ADDED]: MIGRATION })).find((f) => f.rule === "hidden-operation");
    expect(hidden!.message.split("\n")[0]).toBe(cli!.message);
  });

  it("reads at most 40 modules and fetches at most 80, and names those past that in the findings they hide, as the CLI does", async () => {
    const names = Array.from({ length: 81 }, (_, i) => `m${String(i).padStart(2, "0")}`);
    const files: Record<string, string> = { ...BASE };
    for (const name of names) files[`app/${name}.py`] = `def sql():\n    return "CREATE INDEX ix_${name} ON app_order (placed_at)"\n`;
    const migration = `from django.db import migrations

from app import ${names.join(", ")}


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
${names.map((name) => `        migrations.RunSQL(${name}.sql(), reverse_sql=migrations.RunSQL.noop),`).join("\n")}
    ]
`;
    s = await startScenario({ baseFiles: files });
    const head = s.openPull(12, { [ADDED]: migration });
    expect((await s.pullRequest("opened", 12)).status).toBe(200);
    const check = s.fake.checkRunsFor(head).at(-1)!;
    const messages = (rule: string) => check.annotations.filter((a) => a.title.startsWith(rule)).map((a) => a.message.split("\n")[0]);
    expect(messages("index-without-concurrently")).toHaveLength(40);
    expect(messages("hidden-operation")).toHaveLength(41);
    expect(messages("hidden-operation")[0]).toContain("(`app/m40.py`, the module it is imported from, could not be read: past the 40 project modules migguard reads in one analysis)");
    // 80 calls at most: the engine's count decides which modules it reads, in the order the migration uses them
    expect(contentsReads(s).filter((p) => /^app(\/__init__|\/m\d+)\.py$/.test(p))).toHaveLength(80);
    const cli = (await lintWithCli({ ...files, [ADDED]: migration })).filter((f) => f.rule === "hidden-operation").map((f) => f.message);
    expect(messages("hidden-operation")).toEqual(cli);
  });
});

describe("a Django migration that alters a column to a field class of the project", () => {
  it("reads the class's chain in the fetched module, as the CLI does: a TextField subclass changes nothing, one with its own db_type stays reported", async () => {
    const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Page", fields=[("id", models.AutoField(primary_key=True)), ("body", models.TextField()), ("slug", models.TextField())]),
    ]
`;
    const fields = `from django.db import models
from django_bleach.models import BleachField


class ProjectBleachField(BleachField):
    def from_db_value(self, value, expression, connection):
        return value


class ProjectBleachCharField(ProjectBleachField):
    pass


class CaseInsensitiveTextField(models.TextField):
    def db_type(self, connection):
        return "citext"
`;
    const migration = `import core.model_utils
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.AlterField(model_name="page", name="body", field=core.model_utils.ProjectBleachCharField()),
        migrations.AlterField(model_name="page", name="slug", field=core.model_utils.CaseInsensitiveTextField()),
    ]
`;
    const files = { ...BASE, "app/migrations/0001_initial.py": initial, "core/__init__.py": "", "core/model_utils.py": fields };
    s = await startScenario({ baseFiles: files });
    const head = s.openPull(12, { [ADDED]: migration });
    expect((await s.pullRequest("opened", 12)).status).toBe(200);
    const check = s.fake.checkRunsFor(head).at(-1)!;
    const unverified = check.annotations.filter((a) => a.path === ADDED && a.title.startsWith("unverified-column-change"));
    expect(unverified.map((a) => a.start_line)).toEqual([9]);
    expect(unverified[0]!.message).toContain("becomes a CaseInsensitiveTextField");
    expect(contentsReads(s).filter((p) => p === "core/model_utils.py")).toHaveLength(1);
    const cli = (await lintWithCli({ ...files, [ADDED]: migration })).filter((f) => f.rule === "unverified-column-change");
    expect(cli.map((f) => f.line)).toEqual([9]);
  });
});
