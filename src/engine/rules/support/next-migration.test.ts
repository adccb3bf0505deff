/**
 * Whole migration files as code: a migration without some statements, and new migrations after it, for each
 * framework; what moves carries what it reads (a loop, a connection, a stub model, a helper, the imports).
 */
import { analyze } from "../../analyze.js";
import type { Migration } from "../../model.js";
import { checkFixSyntax, loadFixParsers } from "../../testing/fix-syntax.js";
import { movedCode, type MovedCode } from "./moved-code.js";
import { dieselFolderAfter, migrationWithout, newMigrations, nextVersion, takenVersions } from "./next-migration.js";

await loadFixParsers();

async function migrationOf(path: string, content: string): Promise<Migration> {
  const result = await analyze({ files: [{ path, content }], explicitPaths: new Set([path]) });
  expect(result.errors).toEqual([]);
  return result.migrations[0];
}

const dataOps = (m: Migration) => m.up.filter((op) => op.kind === "dml" || op.kind === "data_migration");
const moved = (m: Migration, ops = dataOps(m)) => movedCode(m, ops) as MovedCode;

describe("Rails", () => {
  const source = `class RemoveEmptyPods < ActiveRecord::Migration[7.1]
  class Pod < ActiveRecord::Base
    self.table_name = "pods"
  end

  BATCH = 500

  def self.helper; end

  def up
    add_column :pods, :checked, :boolean
    ids = Pod.where(host: nil).limit(BATCH).pluck(:id)
    Pod.where(id: ids).find_each { |pod| pod.update!(checked: purge(pod)) }
    remove_column :pods, :legacy
  end

  def purge(pod)
    pod.host.nil?
  end
end
`;

  it("carries the stub model, the constant, the helper method and the local the moved code reads", async () => {
    const m = await migrationOf("db/migrate/20240101000000_remove_empty_pods.rb", source);
    const code = moved(m);
    expect(code.statements).toEqual(["Pod.where(id: ids).find_each { |pod| pod.update!(checked: purge(pod)) }"]);
    expect(code.locals).toEqual(["ids = Pod.where(host: nil).limit(BATCH).pluck(:id)"]);
    expect(code.definitions).toEqual(['class Pod < ActiveRecord::Base\n  self.table_name = "pods"\nend', "BATCH = 500", "def purge(pod)\n  pod.host.nil?\nend"]);
    const [file] = newMigrations(m, [{ name: "purge empty pods", ...code, noTransaction: true }]);
    expect(file.path).toBe("db/migrate/20240101000001_purge_empty_pods.rb");
    expect(file.text).toContain("class PurgeEmptyPods < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n");
    expect(checkFixSyntax("ruby", file.text).ok).toBe(true);
    const without = migrationWithout(m, code.lines)!;
    expect(without).not.toContain("find_each");
    // the local only the moved code reads leaves with it: migration 1 would compute it for nothing
    expect(without).not.toContain("ids = Pod.where(host: nil)");
    expect(checkFixSyntax("ruby", without).ok).toBe(true);
  });

  it("a local the staying code reads too is carried and kept; a loop filling a carried local moves with it", async () => {
    const m = await migrationOf(
      "db/migrate/20240101000000_fill_pods.rb",
      `class FillPods < ActiveRecord::Migration[7.1]
  def up
    table = :pods
    add_column table, :checked, :boolean
    seen = {}
    Pod.find_each { |pod| seen[pod.id] = true }
    execute "UPDATE #{table} SET checked = true WHERE id IN (#{seen.keys.join(",")})"
  end
end
`,
    );
    const code = moved(m, m.up.filter((op) => op.kind === "dml"));
    expect(code.locals).toEqual(["table = :pods", "seen = {}", "Pod.find_each { |pod| seen[pod.id] = true }"]);
    const without = migrationWithout(m, code.lines)!;
    expect(without).toContain("table = :pods");
    expect(without).toContain("add_column table, :checked, :boolean");
    expect(without).not.toContain("seen");
  });

  it("refuses to move code that reads a block parameter of the code around it", async () => {
    const m = await migrationOf(
      "db/migrate/20240101000000_fill.rb",
      `class Fill < ActiveRecord::Migration[7.1]
  def up
    add_column :users, :x, :integer
    [1, 2].each do |n|
      execute "UPDATE users SET x = #{n}"
    end
  end
end
`,
    );
    // the loop moves whole: its parameter comes with it
    expect(moved(m).statements[0]).toMatch(/^\[1, 2\]\.each do \|n\|/);
  });
});

describe("Alembic", () => {
  const source = `"""encrypt"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import table

revision = "d7d747033183"
down_revision = "e5c7a4e2df4d"

destinations = table("destinations", sa.Column("id", sa.Integer), sa.Column("options", sa.Text))


def upgrade():
    op.add_column("destinations", sa.Column("encrypted", sa.Text))
    conn = op.get_bind()
    for dest in conn.execute(destinations.select()):
        conn.execute(destinations.update().where(destinations.c.id == dest.id).values(encrypted=dest.options))


def downgrade():
    op.drop_column("destinations", "encrypted")
`;

  it("moves a loop whole, with the connection and the module's table object and imports", async () => {
    const m = await migrationOf("migrations/versions/d7d747033183_encrypt.py", source);
    const code = moved(m);
    expect(code.statements[0]).toMatch(/^for dest in conn\.execute/);
    expect(code.locals).toEqual(["conn = op.get_bind()"]);
    expect(code.definitions.join("\n")).toContain('destinations = table("destinations"');
    const [file] = newMigrations(m, [{ name: "copy options", ...code }]);
    expect(file.text).toContain('down_revision = "d7d747033183"');
    expect(file.text).toContain("revision = NEW_REVISION_ID");
    expect(file.text).toContain("from alembic import op");
    expect(checkFixSyntax("python", file.text).ok).toBe(true);
    const without = migrationWithout(m, [...code.lines])!;
    expect(without).not.toContain("for dest");
    expect(checkFixSyntax("python", without).ok).toBe(true);
  });

  it("gives an emptied upgrade() a pass", async () => {
    const m = await migrationOf("migrations/versions/a1_fill.py", `from alembic import op\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.execute("UPDATE users SET x = 1")\n\n\ndef downgrade():\n    pass\n`);
    const without = migrationWithout(m, moved(m).lines)!;
    expect(without).toContain("def upgrade():\n    pass\n");
    expect(checkFixSyntax("python", without).ok).toBe(true);
  });
});

describe("Django", () => {
  const source = `from django.db import migrations, models


def fill(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    Order.objects.update(token="x")


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="token", field=models.CharField(max_length=36, null=True)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RemoveField(model_name="order", name="legacy"),
    ]
`;

  it("moves a RunPython with its function and imports, after the migration it follows", async () => {
    const m = await migrationOf("app/migrations/0002_token.py", source);
    const data = m.up.filter((op) => op.kind === "data_migration");
    const code = moved(m, data);
    expect(code.statements).toEqual(["migrations.RunPython(fill, migrations.RunPython.noop)"]);
    expect(code.definitions[0]).toBe("from django.db import migrations, models");
    expect(code.definitions[1]).toMatch(/^def fill\(apps, schema_editor\):/);
    const [two, three] = newMigrations(m, [{ name: "fill token", ...code }, { name: "drop legacy", statements: ['migrations.RemoveField(model_name="order", name="legacy")'] }]);
    expect(two.path).toBe("app/migrations/0003_fill_token.py");
    expect(two.text).toContain('dependencies = [("app", "0002_token")]');
    expect(three.text).toContain('dependencies = [("app", "0003_fill_token")]');
    expect(three.text.startsWith("from django.db import migrations\n")).toBe(true);
    for (const f of [two, three]) expect(checkFixSyntax("python", f.text).ok).toBe(true);
    const without = migrationWithout(m, code.lines)!;
    expect(without).not.toContain("RunPython");
    expect(checkFixSyntax("python", without).ok).toBe(true);
  });
});

describe("Django, a function in the Migration class body", () => {
  it("moves it to the new file's module level and out of migration 1", async () => {
    const m = await migrationOf(
      "app/migrations/0008_menu_json.py",
      `import json

from django.db import migrations, models


class Migration(migrations.Migration):
    def populate(apps, schema_editor):
        Menu = apps.get_model("app", "Menu")
        for menu in Menu.objects.all():
            menu.json_new = json.loads(menu.json)
            menu.save()

    dependencies = [("app", "0007_menu")]

    operations = [
        migrations.AddField(model_name="menu", name="json_new", field=models.JSONField(default=dict)),
        migrations.RunPython(populate),
    ]
`,
    );
    const code = moved(m, m.up.filter((op) => op.kind === "data_migration"));
    expect(code.definitions).toEqual(["import json", "from django.db import migrations, models", expect.stringMatching(/^def populate\(apps, schema_editor\):\n    Menu = /)]);
    const [file] = newMigrations(m, [{ name: "fill json", ...code }]);
    expect(checkFixSyntax("python", file.text).ok).toBe(true);
    const without = migrationWithout(m, code.lines)!;
    expect(without).not.toContain("def populate");
    expect(checkFixSyntax("python", without).ok).toBe(true);
  });
});

describe("SQL", () => {
  it("writes the layout's file, with its no-transaction marker", async () => {
    const m = await migrationOf("db/migrations/00050_rev.sql", "-- +goose Up\nALTER TABLE schedule ADD COLUMN revision integer;\nUPDATE schedule SET revision = 0;\n-- +goose Down\nALTER TABLE schedule DROP COLUMN revision;\n");
    const code = moved(m);
    const [file] = newMigrations(m, [{ name: "fill revision", ...code, noTransaction: true }]);
    expect(file).toEqual({ version: "00051", path: "db/migrations/00051_fill_revision.sql", text: "-- +goose NO TRANSACTION\n-- +goose Up\nUPDATE schedule SET revision = 0;\n\n-- +goose Down" });
    expect(migrationWithout(m, code.lines)).toBe("-- +goose Up\nALTER TABLE schedule ADD COLUMN revision integer;\n-- +goose Down\nALTER TABLE schedule DROP COLUMN revision;\n");
  });
});

describe("pop/popx", () => {
  // ory/hydra keeps x.postgres.up.sql beside x.mysql.up.sql: a new file without the dialect would run on every database
  it("a new file keeps the dialect, and leaves popx's transaction by its .autocommit name", async () => {
    const m = await migrationOf("persistence/sql/migrations/20240101000001000000_rev.postgres.up.sql", "ALTER TABLE schedule ADD COLUMN revision integer;\nUPDATE schedule SET revision = 0;\n");
    const code = moved(m);
    const [wrapped] = newMigrations(m, [{ name: "fill revision", ...code }]);
    const [auto] = newMigrations(m, [{ name: "fill revision", ...code, noTransaction: true }]);
    expect(wrapped.path).toMatch(/^persistence\/sql\/migrations\/\d+_fill_revision\.postgres\.up\.sql$/);
    expect(auto.path).toMatch(/^persistence\/sql\/migrations\/\d+_fill_revision\.postgres\.autocommit\.up\.sql$/);
    expect(wrapped.text).toBe("UPDATE schedule SET revision = 0;");
  });

  it("a new file after a dialect-less one stays dialect-less (it is the file of every database without its own)", async () => {
    const m = await migrationOf("persistence/sql/migrations/20240101000001000000_rev.autocommit.up.sql", "ALTER TABLE schedule ADD COLUMN revision integer;\nUPDATE schedule SET revision = 0;\n");
    const [file] = newMigrations(m, [{ name: "fill revision", ...moved(m) }]);
    expect(file.path).toMatch(/^persistence\/sql\/migrations\/\d+_fill_revision\.up\.sql$/);
  });
});

describe("a fix's new migrations go after the folder's newest migration", () => {
  // linting a migration that others already follow: the next number is taken (golang-migrate refuses two files of
  // one version; Django and Alembic refuse two leaves), so the new steps follow the newest migration
  const fixOf = async (files: Array<{ path: string; content: string }>, rule: string) => {
    const result = await analyze({ files, explicitPaths: new Set(files.map((f) => f.path)) });
    const finding = result.findings.find((f) => f.rule === rule);
    expect(finding).toBeDefined();
    return finding!.fix;
  };

  it("golang-migrate: the VALIDATE step is numbered after the last file, not the next number", async () => {
    const fix = await fixOf(
      [
        { path: "db/migrations/000001_users.up.sql", content: "CREATE TABLE users (id bigint PRIMARY KEY, age int);" },
        { path: "db/migrations/000002_age_check.up.sql", content: "ALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age > 0);" },
        { path: "db/migrations/000003_names.up.sql", content: "ALTER TABLE users ADD COLUMN name text;" },
      ],
      "constraint-without-not-valid",
    );
    expect(fix).toContain("db/migrations/000004_");
    expect(fix).not.toContain("db/migrations/000003_");
  });

  it("Django: numbered after the app's newest migration and depending on it", async () => {
    const initial = `from django.db import migrations, models

class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Item", fields=[("id", models.BigAutoField(primary_key=True)), ("qty", models.IntegerField())]),
    ]
`;
    const check = `from django.db import migrations, models

class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AddConstraint(model_name="item", constraint=models.CheckConstraint(check=models.Q(qty__gte=0), name="item_qty_positive")),
    ]
`;
    const later = `from django.db import migrations, models

class Migration(migrations.Migration):
    dependencies = [("shop", "0002_item_qty_positive")]
    operations = [
        migrations.AddField(model_name="item", name="note", field=models.TextField(null=True)),
    ]
`;
    const fix = await fixOf(
      [
        { path: "shop/migrations/0001_initial.py", content: initial },
        { path: "shop/migrations/0002_item_qty_positive.py", content: check },
        { path: "shop/migrations/0003_item_note.py", content: later },
      ],
      "constraint-without-not-valid",
    );
    expect(fix).toContain("shop/migrations/0004_");
    expect(fix).toContain(`dependencies = [("shop", "0003_item_note")]`);
  });
});

describe("the version a new migration takes", () => {
  it("is none the folder's migrations hold (golang-migrate's 000042 and 42 are one version), counted in free versions", () => {
    const taken = takenVersions(["000041", "000042", "44"]);
    expect(nextVersion("000041", 1, taken)).toBe("000043");
    expect(nextVersion("000041", 2, taken)).toBe("000045");
    expect(dieselFolderAfter("migrations/2025-08-01-000041_x/up.sql", 1, "y", takenVersions(["20250801000041", "20250801000042"]))).toBe("migrations/2025-08-01-000043_y");
  });

  it("a split versioned right after its migration steps over a later migration's version (golang-migrate, Flyway)", async () => {
    const step = { name: "fill things", statements: ["UPDATE things SET a = 1;"] };
    const golang = await migrationOf("migrations/000041_things.up.sql", "ALTER TABLE things ADD COLUMN a int;\n");
    expect(newMigrations(golang, [step], { folderVersions: ["000041", "000042"] })[0].path).toBe("migrations/000043_fill_things.up.sql");
    const flyway = await migrationOf("db/migration/V41__things.sql", "ALTER TABLE things ADD COLUMN a int;\n");
    expect(newMigrations(flyway, [step], { folderVersions: ["41", "41.1", "42"] })[0].path).toBe("db/migration/V41.2__fill_things.sql");
  });
});
