/** The Django adapter: operations -> the shared model, lines, transactions, state from history, waivers, bad input. */
import { detectFile } from "../../detect.js";
import { Migration, type Operation } from "../../model.js";
import { loadPgParser } from "../sql/index.js";
import { djangoMigration } from "./django.js";
import { djangoIndexName } from "./django-foreign-key-sql.js";
import { loadPythonParser } from "./parser.js";

beforeAll(() => Promise.all([loadPythonParser(), loadPgParser()]));

function parse(content: string, path = "shop/migrations/0002_change.py", history?: Array<{ path: string; content: string }>): Migration {
  const file = detectFile(path, content)!;
  expect(file.framework).toBe("django");
  return Migration.parse(djangoMigration({ file, content, history: history && [...history, { path, content }] }));
}

const kinds = (ops: Operation[]) => ops.map((o) => `${o.kind}@${o.loc.line}`);

const INITIAL = {
  path: "shop/migrations/0001_initial.py",
  content: `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("amount", models.IntegerField()),
                ("code", models.CharField(max_length=20, null=True)),
            ],
        ),
    ]
`,
};

describe("Django operations", () => {
  it("maps each operation to the model with the line of its call and Django's table names", () => {
    const m = parse(`from django.db import migrations, models
from django.db.migrations import RemoveField as Drop


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="paid_at",
            field=models.DateTimeField(null=True, db_index=True),
        ),
        Drop(model_name="order", name="legacy"),
        migrations.RenameModel(old_name="Order", new_name="Purchase"),
    ]
`);
    expect(kinds(m.up)).toEqual(["add_column@9", "add_index@9", "drop_column@14", "rename_table@15"]);
    expect(m.up[0]).toMatchObject({ table: "shop_order", column: { name: "paid_at", notNull: false, type: { name: "timestamptz" } }, ormModel: "order", ormField: "paid_at" });
    expect(m.up[3]).toMatchObject({ table: "shop_order", newName: "shop_purchase" });
    expect(m.transactional).toBe(true);
    expect(m.up.every((o) => o.inTransaction)).toBe(true);
    expect(m.down).toMatchObject({ status: "present", derived: true });
  });

  it("AddField NOT NULL with a default: the default fills the rows and is dropped; a ForeignKey adds REFERENCES and an index", () => {
    const m = parse(`from django.db import migrations, models


class Migration(migrations.Migration):
    operations = [
        migrations.AddField("order", "priority", models.IntegerField(default=1), preserve_default=False),
        migrations.AddField(model_name="order", name="customer", field=models.ForeignKey(on_delete=models.CASCADE, to="crm.Customer", null=True)),
    ]
`);
    expect(kinds(m.up)).toEqual(["add_column@6", "drop_default@6", "add_column@7", "add_index@7"]);
    expect(m.up[0]).toMatchObject({ column: { name: "priority", notNull: true, default: { expr: "1", volatile: false } } });
    expect(m.up[2]).toMatchObject({ column: { name: "customer_id", references: { table: "crm_customer" } } });
  });

  it("a ForeignKey subclass (mptt's TreeForeignKey) or a custom relation field keeps its key in <name>_id; db_column and ManyToManyField subclasses do not", () => {
    const history = [
      {
        path: "shop/migrations/0001_initial.py",
        content: `import mptt.fields
from django.db import migrations, models

import shop.fields


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            name="Role",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("name", models.CharField(max_length=100)),
                ("parent", mptt.fields.TreeForeignKey(null=True, on_delete=models.CASCADE, to="shop.role")),
                ("owner", shop.fields.OwnerField(on_delete=models.PROTECT, to="auth.user")),
                ("site", mptt.fields.TreeForeignKey(db_column="site_ref", on_delete=models.CASCADE, to="shop.role")),
                ("tags", mptt.fields.TreeManyToManyField(to="shop.role")),
            ],
        ),
    ]
`,
      },
    ];
    const m = parse(
      `from django.db import migrations, models


class Migration(migrations.Migration):
    operations = [
        migrations.AddConstraint(model_name="role", constraint=models.UniqueConstraint(fields=("parent", "name"), name="role_parent_name")),
        migrations.AddConstraint(model_name="role", constraint=models.UniqueConstraint(fields=("owner", "site"), name="role_owner_site")),
    ]
`,
      "shop/migrations/0002_change.py",
      history,
    );
    expect(m.up.map((o) => (o.kind === "add_constraint" ? o.columns : o.kind))).toEqual([
      ["parent_id", "name"],
      ["owner_id", "site_ref"],
    ]);
  });

  it("atomic = False takes operations out of the transaction, except RunPython(atomic=True)", () => {
    const m = parse(`from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


def fill(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    atomic = False

    operations = [
        AddIndexConcurrently(model_name="order", index=models.Index(fields=["code"], name="order_code_idx")),
        migrations.RunPython(fill, migrations.RunPython.noop, atomic=True),
    ]
`);
    expect(m.transactional).toBe(false);
    expect(m.up.map((o) => [o.kind, o.inTransaction])).toEqual([
      ["add_index", false],
      ["data_migration", true],
    ]);
    expect(m.up[0]).toMatchObject({ concurrently: true, name: "order_code_idx", columns: ["code"] });
  });

  it("RunSQL: a string, a list of strings and (sql, params) tuples, with the lines of the Python file", () => {
    const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    operations = [
        migrations.RunSQL("UPDATE shop_order SET amount = 0 WHERE amount IS NULL", reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL(
            [
                "ALTER TABLE shop_order ADD COLUMN note text",
                ("DELETE FROM shop_order WHERE code = %s", ["x"]),
            ],
            reverse_sql=["ALTER TABLE shop_order DROP COLUMN note"],
        ),
        migrations.RunSQL(sql="""
            CREATE INDEX order_note_idx
              ON shop_order (note);
        """, reverse_sql="DROP INDEX order_note_idx"),
    ]
`);
    expect(kinds(m.up)).toEqual(["dml@6", "add_column@9", "dml@10", "add_index@15"]);
    expect(m.up.every((o) => o.embeddedSql)).toBe(true);
    expect(m.down.status).toBe("present");
    if (m.down.status === "present") expect(kinds(m.down.ops)).toEqual(["drop_index@17", "drop_column@12"]);
  });

  it("RunPython / RunSQL without a reverse make the migration irreversible at that operation", () => {
    const m = parse(`from django.db import migrations


def forwards(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    operations = [
        migrations.RunSQL("SELECT 1", reverse_sql="SELECT 1"),
        migrations.RunPython(forwards),
    ]
`);
    expect(m.down).toMatchObject({ status: "irreversible", loc: { line: 11 } });
  });

  it("SeparateDatabaseAndState: only database_operations reach the database", () => {
    const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField(model_name="order", name="code")],
            database_operations=[migrations.RunSQL("ALTER TABLE shop_order ALTER COLUMN code DROP NOT NULL", migrations.RunSQL.noop)],
        ),
    ]
`);
    expect(kinds(m.up)).toEqual(["drop_not_null@8"]);
  });

  it("a RunPython function that imports the app's models is flagged, one using apps.get_model is not", () => {
    const m = parse(`from django.db import migrations
from shop.models import Order


def bad(apps, schema_editor):
    Order.objects.update(amount=0)


def good(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    Order.objects.update(amount=0)


class Migration(migrations.Migration):
    operations = [migrations.RunPython(bad, migrations.RunPython.noop), migrations.RunPython(good, migrations.RunPython.noop)]
`);
    expect(m.up.flatMap((o) => (o.kind === "data_migration" ? [[o.importsModelsDirectly, o.tables]] : []))).toEqual([
      [true, []],
      [false, ["shop_order"]],
    ]);
    // both update every row: a DML without WHERE on the RunPython's line, whichever way the model came
    expect(m.up.flatMap((o) => (o.kind === "dml" ? [[o.verb, o.table, o.hasWhere, o.columns, o.loc.line]] : []))).toEqual([
      ["update", "shop_order", false, ["amount"], 15],
      ["update", "shop_order", false, ["amount"], 15],
    ]);
  });

  it("a queryset narrowed by filter/exclude, a bare manager's delete, or a single object is no whole-table write", () => {
    const m = parse(`from django.db import migrations


def tidy(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    Order.objects.filter(paid=False).delete()
    Order.objects.exclude(note="").update(note="x")
    Order.objects.all().filter(id=1).update(note="y")
    Order.objects.get(id=1).delete()
    Order.objects.first().delete()
    helper.objects.all().delete()
    Order.objects.using("default").all().delete()


class Migration(migrations.Migration):
    operations = [migrations.RunPython(tidy, migrations.RunPython.noop)]
`);
    expect(m.up.flatMap((o) => (o.kind === "dml" ? [[o.verb, o.table]] : []))).toEqual([["delete", "shop_order"]]);
  });
});

describe("the rows a RunPython deletes or overwrites", () => {
  it("are its models' delete(), update(...), fetched instances' save() (also through enumerate and a slice) and bulk_update, by table and column, with the columns given a value other than None (`changes`); rows it only creates are neither", () => {
    const m = parse(
      `from django.db import migrations


def forward(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    stale = (
        apps.get_model("shop", "Order")
        .objects.filter(amount=0)
        .first()
    )
    stale.delete()
    Order.objects.filter(code="").update(code=None)
    for order in Order.objects.filter(amount__lt=0):
        order.amount = 0
        order.save(update_fields=["amount"])
    Order.objects.bulk_update(list(Order.objects.all()), ["code"])
    for i, order in enumerate(Order.objects.filter(code=None)):
        order.save(update_fields=["code"])
    for extra in Order.objects.filter(amount=5)[:2]:
        extra.delete()
    new = Order(amount=1)
    new.save()
    Order.objects.create(amount=2)
    Order.objects.get_or_create(code="x")


def seed(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    Order.objects.bulk_create([Order(amount=3)])
    Order(amount=4).save()


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [migrations.RunPython(forward), migrations.RunPython(seed)]
`,
      "shop/migrations/0002_change.py",
      [INITIAL],
    );
    const [forward, seed] = m.up.filter((o) => o.kind === "data_migration");
    expect(forward).toMatchObject({
      deletes: [
        { call: "stale.delete()", table: "shop_order" },
        { call: "extra.delete()", table: "shop_order" },
      ],
      overwrites: [
        { call: 'Order.objects.filter(code="").update(code=None)', table: "shop_order", columns: ["code"], changes: [] },
        { call: 'order.save(update_fields=["amount"])', table: "shop_order", columns: ["amount"], changes: ["amount"] },
        { call: 'Order.objects.bulk_update(list(Order.objects.all()), ["code"])', table: "shop_order", columns: ["code"] },
        { call: 'order.save(update_fields=["code"])', table: "shop_order", columns: ["code"], changes: [] },
      ],
    });
    // what bulk_update's objects were given is not read: no claim of which columns change
    expect((forward as { overwrites: object[] }).overwrites[2]).not.toHaveProperty("changes");
    expect(seed).not.toHaveProperty("deletes");
    expect(seed).not.toHaveProperty("overwrites");
  });
});

describe("the duplicates a RunPython deletes, by the fields it groups them by", () => {
  it("values(...).annotate(n=Count(...)).filter(n__gt=1) (or n__gte=2) before a delete is the grouping, by column; annotate before values, an order_by between them, or no delete is none", () => {
    const m = parse(
      `from django.db import migrations, models
from django.db.models import Count


def dedupe(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    for group in Order.objects.values("amount", "code").annotate(n=Count("id")).filter(n__gt=1):
        rows = Order.objects.filter(**group).order_by("id")
        rows.exclude(pk=rows.first().pk).delete()


def not_grouped(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    for group in Order.objects.annotate(n=Count("id")).values("code").filter(n__gt=1):
        Order.objects.filter(code=group["code"]).delete()
    for group in Order.objects.values("code").annotate(n=models.Count("id")).order_by("amount").filter(n__gte=2):
        Order.objects.filter(code=group["code"]).delete()


def only_reads(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    if Order.objects.values("code").annotate(n=Count("id")).filter(n__gte=2).exists():
        raise RuntimeError("duplicates")


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [migrations.RunPython(dedupe), migrations.RunPython(not_grouped), migrations.RunPython(only_reads)]
`,
      "shop/migrations/0002_dedupe.py",
      [INITIAL],
    );
    const [dedupe, notGrouped, onlyReads] = m.up.filter((o) => o.kind === "data_migration");
    expect(dedupe).toMatchObject({ dedupesBy: [{ table: "shop_order", columns: ["amount", "code"] }] });
    expect(notGrouped).not.toHaveProperty("dedupesBy");
    expect(onlyReads).not.toHaveProperty("dedupesBy");
  });
});

describe("RenameIndex", () => {
  it("by old_name is the index renamed (its reverse renames it back); by old_fields of no index_together set the state knows, stays unread (Django's reverse is a no-op)", () => {
    const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.RenameIndex(model_name="order", new_name="shop_order_code_idx", old_name="shop_order_code_1a2b3c_idx"),
        migrations.RenameIndex("order", "shop_order_amount_idx", old_fields=("amount",)),
    ]
`);
    expect(m.up[0]).toMatchObject({ kind: "rename_object", objectType: "index", name: "shop_order_code_1a2b3c_idx", newName: "shop_order_code_idx", table: "shop_order" });
    expect(m.up[1]).toMatchObject({ kind: "raw", statement: "ALTER INDEX ... RENAME", table: "shop_order" });
    expect(m.down.status === "present" && m.down.ops).toMatchObject([{ kind: "rename_object", name: "shop_order_code_idx", newName: "shop_order_code_1a2b3c_idx" }]);
  });

  it("by old_fields of an index_together set: the index index_together made, under the name Django's schema editor gave it, gets the new name", () => {
    const initial = {
      path: "shop/migrations/0001_initial.py",
      content: `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[("id", models.BigAutoField(primary_key=True)), ("number", models.CharField(max_length=200)), ("placed", models.DateTimeField())],
            options={"index_together": {("number", "placed")}},
        ),
    ]
`,
    };
    const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.RenameIndex(model_name="order", new_name="shop_order_number_placed_idx", old_fields=("number", "placed")),
    ]
`, "shop/migrations/0002_rename.py", [initial]);
    expect(m.up).toMatchObject([{ kind: "rename_object", objectType: "index", name: djangoIndexName("shop_order", ["number", "placed"], "_idx"), newName: "shop_order_number_placed_idx", table: "shop_order" }]);
  });
});

describe("model state from the app's earlier migrations", () => {
  const alter = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="amount", field=models.CharField(max_length=10, null=True)),
        migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=20, unique=True)),
    ]
`;

  it("compares AlterField with the previous definition", () => {
    const m = parse(alter, "shop/migrations/0002_change.py", [INITIAL]);
    expect(kinds(m.up)).toEqual(["alter_column_type@8", "drop_not_null@8", "set_not_null@9", "add_constraint@9"]);
    expect(m.up[0]).toMatchObject({ fromType: { name: "integer" }, type: { name: "varchar", mods: [10] } });
  });

  it("replays a merge's branches in Django's order: the last parent's line first, then the others (oeplatform's modelview 0036_merge)", () => {
    const step = (name: string, parents: string[], operations: string[]) => ({
      path: `shop/migrations/${name}.py`,
      content: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [${parents.map((p) => `("shop", "${p}")`).join(", ")}]

    operations = [${operations.join(", ")}]
`,
    });
    const history = [
      INITIAL,
      step("0002_order_coupon", ["0001_initial"], ['migrations.AddField(model_name="order", name="coupon", field=models.CharField(max_length=20, null=True))']),
      step("0002_order_coupon_again", ["0001_initial"], ['migrations.AddField(model_name="order", name="coupon", field=models.IntegerField(null=True))']),
      step("0003_remove_order_coupon", ["0002_order_coupon"], ['migrations.RemoveField(model_name="order", name="coupon")']),
      step("0004_merge", ["0002_order_coupon_again", "0003_remove_order_coupon"], []),
    ];
    const last = step("0005_remove_order_coupon", ["0004_merge"], ['migrations.RemoveField(model_name="order", name="coupon")']);
    const m = parse(last.content, last.path, history);
    // 0003 removed the CharField, then 0002_order_coupon_again's IntegerField came in: Django's state has the latter
    expect(m.up[0]).toMatchObject({ kind: "drop_column", column: "coupon", ormFieldDef: expect.stringContaining("IntegerField") });
  });

  it("without the earlier migrations, AlterField is a redefinition whose effect is unknown", () => {
    const m = parse(alter);
    expect(kinds(m.up)).toEqual(["redefine_column@8", "redefine_column@9"]);
  });

  it("follows db_table, RenameField of a ForeignKey and AlterModelTable", () => {
    const first = {
      path: "shop/migrations/0001_initial.py",
      content: `from django.db import migrations, models


class Migration(migrations.Migration):
    operations = [
        migrations.CreateModel(name="Cart", fields=[("id", models.AutoField(primary_key=True)), ("owner", models.ForeignKey(on_delete=models.CASCADE, to="auth.User"))], options={"db_table": "carts"}),
    ]
`,
    };
    const m = parse(
      `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="cart", old_name="owner", new_name="user"),
        migrations.AlterModelTable(name="cart", table="shop_cart"),
        migrations.RemoveField(model_name="cart", name="user"),
    ]
`,
      "shop/migrations/0002_rename.py",
      [first],
    );
    expect(m.up).toMatchObject([
      { kind: "rename_column", table: "carts", column: "owner_id", newName: "user_id" },
      { kind: "rename_table", table: "carts", newName: "shop_cart" },
      { kind: "drop_column", table: "shop_cart", column: "user_id" },
    ]);
  });
});

describe("a removed ForeignKey's column type", () => {
  it("is its target's primary key's (bookwyrm's 0211: Report.status to a BigAutoField Status is bigint), unknown for another app's", () => {
    const first = {
      path: "shop/migrations/0001_initial.py",
      content: `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="Status", fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False))]),
        migrations.CreateModel(
            name="Report",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("status", models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, to="shop.status")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="auth.user")),
            ],
        ),
    ]
`,
    };
    const m = parse(
      `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="report", name="status"),
        migrations.RemoveField(model_name="report", name="user"),
    ]
`,
      "shop/migrations/0002_remove.py",
      [first],
    );
    expect(m.up.map((op) => [op.kind, (op as { column?: string }).column, (op as { type?: { text: string } }).type?.text])).toEqual([
      ["drop_column", "status_id", "bigint"],
      ["drop_column", "user_id", undefined],
    ]);
    expect(m.down.status === "present" && m.down.ops.map((op) => (op as { column?: { type?: { text: string } } }).column?.type?.text)).toEqual([undefined, "bigint"]);
  });
});

describe("waivers and bad input", () => {
  it("reads # migguard:ignore comments, not # inside strings", () => {
    const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    operations = [
        # migguard:ignore drop-column the column was never read, see #12
        migrations.RemoveField(model_name="order", name="legacy"),
        migrations.RunSQL("SELECT '# migguard:ignore drop-table not a comment'", migrations.RunSQL.noop),
    ]
`);
    expect(m.waivers).toEqual([{ line: 6, rules: ["drop-column"], reason: "the column was never read, see #12", wholeFile: false }]);
  });

  it("multi-byte characters before an operation do not shift its line", () => {
    const m = parse(`# café ✓ 😀 — déprécié
from django.db import migrations


class Migration(migrations.Migration):
    operations = [migrations.RemoveField(model_name="order", name="émoji_😀")]
`);
    expect(m.up[0]).toMatchObject({ kind: "drop_column", column: "émoji_😀", loc: { line: 6 } });
  });

  it("reports Python syntax errors with their line and still reads what it can", () => {
    const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    operations = [
        migrations.RemoveField(model_name="order", name="legacy"),
        migrations.AddField(model_name="order", name=
    ]
`);
    expect(m.syntaxErrors.length).toBeGreaterThan(0);
    expect(m.syntaxErrors[0].line).toBeGreaterThanOrEqual(7);
  });

  describe("an unterminated triple-quoted string in the operations", () => {
    // tree-sitter's recovery folds `operations = [a, b, c("""...` into one ERROR node: a and b are still read
    it.each([
      ["the last operation", `        migrations.RunSQL("""DROP TABLE x\n    ]\n`, 9],
      ["an operation followed by others", `        migrations.RunSQL("""DROP TABLE x"),\n        migrations.DeleteModel(name="Customer"),\n    ]\n`, 9],
      ["a keyword argument", `        migrations.RunSQL(\n            sql="SELECT 1",\n            reverse_sql='''\n            SELECT 2;\n        ),\n    ]\n`, 11],
      ["an f-string", `        migrations.RunSQL(f"""DROP TABLE {x}\n    ]\n`, 9],
    ])("in %s: the operations before it are read, the string is the syntax error", (_where, tail, line) => {
      const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.RemoveField(model_name="order", name="legacy"),
        migrations.DeleteModel(name="Invoice"),
${tail}`);
      expect(kinds(m.up)).toEqual(["drop_column@7", "drop_table@8"]);
      expect(m.syntaxErrors[0]).toMatchObject({ line, message: expect.stringMatching(/^invalid Python: the string opened with `(f?"""|''')` is never closed(;|$)/) });
    });

    it("as the first operation: nothing before it, the syntax error still reported", () => {
      const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    operations = [
        migrations.RunSQL("""DROP TABLE x"),
    ]
`);
      expect(m.up).toEqual([]);
      expect(m.syntaxErrors[0]).toMatchObject({ line: 6 });
    });

    it("on one line with the operations before it", () => {
      const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    operations = [migrations.DeleteModel(name="Invoice"), migrations.RunSQL("""DROP TABLE x
`);
      expect(kinds(m.up)).toEqual(["drop_table@5"]);
      expect(m.syntaxErrors[0]).toMatchObject({ line: 5 });
    });
  });

  it("SQL that does not parse is a syntax error on its line", () => {
    const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    operations = [
        migrations.RunSQL("ALTER TABLE shop_order ADD COLUMN", migrations.RunSQL.noop),
    ]
`);
    expect(m.syntaxErrors).toMatchObject([{ line: 6 }]);
  });

  it("a file without a Migration class gives a note, no crash", () => {
    const m = parse(`print("not a migration")\n`);
    expect(m.up).toEqual([]);
    expect(m.notes[0].message).toMatch(/no `class Migration`/);
  });

  it("operations built at run time are a hidden operation (a warning), not a silent pass", () => {
    const m = parse(`from django.db import migrations


class Migration(migrations.Migration):
    operations = build_operations()
`);
    expect(m.hidden).toEqual([{ line: 5, message: "the operations are built at run time (`build_operations()`), so they cannot be checked statically" }]);
  });
});

describe("through the engine", () => {
  const alter = {
    path: "shop/migrations/0002_change.py",
    content: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [migrations.AlterField(model_name="order", name="amount", field=models.CharField(max_length=10))]
`,
  };

  it("earlier migrations given as context (not linted) give AlterField its previous definition", async () => {
    const { analyze } = await import("../../analyze.js");
    const alone = await analyze({ files: [alter] });
    expect(alone.findings.map((f) => f.rule)).toEqual([]); // a NOT NULL CharField redefined: most likely harmless
    const withContext = await analyze({ files: [alter], contextMigrations: [INITIAL] });
    expect(withContext.findings.map((f) => [f.rule, f.line, f.path])).toEqual([["column-type-change", 7, alter.path]]);
    expect(withContext.migrations.map((m) => m.path)).toEqual([alter.path]);
  });
});

describe("Django: a RunPython that asks about the schema (schemaQuestion)", () => {
  it("carries the introspection call it asks, where it asks it", () => {
    const m = parse(`from django.db import migrations


def forwards(apps, schema_editor):
    if "legacy_orders" in schema_editor.connection.introspection.table_names():
        apps.get_model("shop", "Order").objects.update(code="legacy")


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
`, "shop/migrations/0002_change.py", [INITIAL]);
    const run = m.up.find((o) => o.kind === "data_migration");
    expect(run?.schemaQuestion).toEqual({ asks: "schema_editor.connection.introspection.table_names", line: 5 });
  });
});
