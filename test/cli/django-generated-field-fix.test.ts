/**
 * `migguard lint` on a Django AddField of a stored GeneratedField to a table with rows (volatile-default): the fix is
 * the column without the rewrite, as code that runs. The ORM expression is written as the SQL Django compiles it to
 * (django-orm-sql.ts), a field read as the column the earlier migrations gave it (a ForeignKey's `<name>_id`); the
 * column and its trigger go in through SeparateDatabaseAndState (Django's state keeps the GeneratedField), the rows
 * are filled by a migration of their own. The SQL runs in PGlite and computes what the generated column would. An
 * expression whose column is not known (a db_column) is said to be unknown, not guessed.
 */
import { PGlite } from "@electric-sql/pglite";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; rule: string; severity: string; message: string; fix: string };

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Customer", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("total", models.BigIntegerField()),
                ("quantity", models.IntegerField(null=True)),
                ("reference", models.CharField(max_length=40, db_column="ref")),
                ("customer", models.ForeignKey(on_delete=models.CASCADE, to="shop.customer")),
            ],
        ),
    ]
`;

const addGenerated = (expression: string, output = "models.BigIntegerField()") => `from django.db import migrations, models
from django.db.models.functions import Coalesce, Lower


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="computed",
            field=models.GeneratedField(expression=${expression}, output_field=${output}, db_persist=True),
        ),
    ]
`;

async function finding(expression: string, output?: string): Promise<Finding> {
  const cwd = fileTree({ "shop/migrations/__init__.py": "", "shop/migrations/0001_initial.py": INITIAL, "shop/migrations/0002_order_computed.py": addGenerated(expression, output) }, "migguard-django-generated-");
  const { output: json } = await run(["lint", "--format", "json", "."], { cwd });
  const found = (JSON.parse(json) as { findings: Finding[] }).findings.filter((f) => f.rule === "volatile-default");
  expect(found).toHaveLength(1);
  return found[0];
}

/** The strings of the fix's RunSQL(sql=...) and of its fill's cursor.execute(...), as Python would read them. */
function sqlOf(fix: string): { add: string; fill: string } {
  const add = /sql="""\n([\s\S]*?)\n\s*""",\n\s*reverse_sql/.exec(fix)?.[1];
  const fill = /cursor\.execute\("((?:[^"\\]|\\.)*)"\)/.exec(fix)?.[1];
  if (!add || !fill) throw new Error(`no SQL found in the fix:\n${fix}`);
  return { add, fill: JSON.parse(`"${fill}"`) as string };
}

describe("a stored GeneratedField added to a table with rows", () => {
  let db: PGlite;
  beforeAll(() => {
    db = new PGlite();
  });
  afterAll(async () => {
    await db.close();
  });

  async function runs(fix: string, rows: string): Promise<Array<Record<string, unknown>>> {
    await db.exec(`DROP TABLE IF EXISTS shop_order; CREATE TABLE shop_order (id bigint PRIMARY KEY, total bigint NOT NULL, quantity integer, ref varchar(40) NOT NULL, customer_id bigint NOT NULL); INSERT INTO shop_order VALUES ${rows};`);
    const { add, fill } = sqlOf(fix);
    await db.exec(add);
    while (((await db.query(fill)).affectedRows ?? 0) > 0);
    await db.exec(`INSERT INTO shop_order (id, total, quantity, ref, customer_id) VALUES (100, 7, NULL, 'new', 9)`);
    return (await db.query<Record<string, unknown>>("SELECT id, computed FROM shop_order ORDER BY id")).rows;
  }

  it("arithmetic over two fields: the column, its trigger and a batched fill that computes it, as code that runs", async () => {
    const { fix } = await finding('models.F("total") * 2 + models.F("quantity")');
    expect(fix).toContain("migrations.SeparateDatabaseAndState(");
    expect(fix).toContain('state_operations=[\n        migrations.AddField(model_name="order", name="computed", field=models.GeneratedField(');
    expect(fix).toContain("NEW.computed := (SELECT (((total * 2) + quantity)) FROM (SELECT NEW.*) AS shop_order);");
    expect(fix).toContain("# then a new migration, shop/migrations/0003_fill_shop_order_computed.py:");
    expect(fix).toContain("atomic = False");
    expect(fix).not.toContain("the generation expression */");
    expect(await runs(fix, "(1, 10, 1, 'a', 1), (2, 20, 3, 'b', 1)")).toEqual([
      { id: 1, computed: 21 },
      { id: 2, computed: 43 },
      { id: 100, computed: null },
    ]);
  });

  it("a ForeignKey read by F() is its _id column; Coalesce is Django's COALESCE", async () => {
    const { fix } = await finding('Coalesce(models.F("quantity"), models.F("customer"))');
    expect(fix).toContain("COALESCE(quantity, customer_id)");
    expect(await runs(fix, "(1, 10, NULL, 'a', 5), (2, 20, 3, 'b', 1)")).toEqual([
      { id: 1, computed: 5 },
      { id: 2, computed: 3 },
      { id: 100, computed: 9 },
    ]);
  });

  it("a field stored under a db_column: its column is not guessed, the fix says the expression is unknown", async () => {
    const { fix } = await finding('Lower("reference")', "models.CharField(max_length=40)");
    expect(fix).toContain("the generation expression as SQL is not known here (Django's Lower(\"reference\")): write it");
    expect(fix).not.toContain("LOWER(reference)");
  });
});
