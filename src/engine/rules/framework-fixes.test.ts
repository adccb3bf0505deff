/** The safe code shown for Rails, Django and Alembic findings: real calls with the migration's own names, no placeholders that are wrong code. */
import { analyzeLoaded, loadEngine } from "../analyze.js";
import { rubyStringLiterals } from "./support/ruby-strings.js";

beforeAll(() => loadEngine());

const fixesOf = (rule: string, path: string, content: string) =>
  analyzeLoaded({ files: [{ path, content }] })
    .findings.filter((f) => f.rule === rule)
    .map((f) => f.fix);

const rails = (body: string) => `class Sample < ActiveRecord::Migration[7.1]\n${body}\nend\n`;
const RAILS_PATH = "db/migrate/20250101000000_sample.rb";

describe("Rails fixes", () => {
  it("validates a foreign key by its tables, not by Rails' generated name", () => {
    const [fix] = fixesOf(
      "validate-in-same-transaction",
      RAILS_PATH,
      rails("  def change\n    add_foreign_key :line_items, :orders, validate: false\n    validate_foreign_key :line_items, :orders\n  end"),
    );
    expect(fix).toContain("validate_foreign_key :line_items, :orders");
    expect(fix).not.toContain("fk_rails_");
  });

  it("validates a CHECK by its name, and SQL constraints with SQL", () => {
    const [check] = fixesOf(
      "validate-in-same-transaction",
      RAILS_PATH,
      rails('  def change\n    add_check_constraint :products, "price >= 0", name: "price_check", validate: false\n    validate_check_constraint :products, name: "price_check"\n  end'),
    );
    expect(check).toContain('validate_check_constraint :products, name: "price_check"');
    expect(check).not.toContain("validate_foreign_key");
    const [sql] = fixesOf(
      "validate-in-same-transaction",
      RAILS_PATH,
      rails(
        '  def up\n    execute "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID"\n    execute "ALTER TABLE t VALIDATE CONSTRAINT c"\n  end\n\n  def down\n    execute "ALTER TABLE t DROP CONSTRAINT c"\n  end',
      ),
    );
    expect(sql).toContain('execute "ALTER TABLE t VALIDATE CONSTRAINT c"');
  });

  it("reads the columns of a conventionally named index into the remove_index it suggests when the history has them", () => {
    const created = "db/migrate/20240101000000_create_shops.rb";
    const createShops = "class CreateShops < ActiveRecord::Migration[7.1]\n  def change\n    create_table :shops do |t|\n      t.string :city\n      t.string :zip\n    end\n  end\nend\n";
    const withHistory = (rule: string, body: string) =>
      analyzeLoaded({ files: [{ path: created, content: createShops }, { path: RAILS_PATH, content: rails(body) }] })
        .findings.filter((f) => f.rule === rule && f.path === RAILS_PATH)
        .map((f) => f.fix);
    expect(withHistory("irreversible-migration", '  def change\n    remove_index :shops, name: "index_shops_on_city_and_zip"\n  end')).toEqual([expect.stringContaining('remove_index :shops, column: [:city, :zip], name: "index_shops_on_city_and_zip"')]);
    const [concurrently] = withHistory("drop-index-without-concurrently", '  def change\n    remove_index :shops, name: "index_shops_on_city"\n  end');
    expect(concurrently).toContain('remove_index :shops, column: :city, name: "index_shops_on_city", algorithm: :concurrently');
  });

  it("never reads columns out of an index name the history does not confirm (index_votes_on_unique_obs_fave names no column)", () => {
    const [fix] = fixesOf("irreversible-migration", RAILS_PATH, rails('  def change\n    remove_index :votes, name: "index_votes_on_unique_obs_fave"\n  end'));
    expect(fix).not.toContain("column:");
    expect(fix).toContain('remove_index :votes, name: "index_votes_on_unique_obs_fave"');
  });

  it("says remove_check_constraint lacks the expression, not a foreign key", () => {
    const [fix] = fixesOf("irreversible-migration", RAILS_PATH, rails('  def change\n    remove_check_constraint :members, name: "members_age_positive"\n  end'));
    expect(fix).toContain('raise ActiveRecord::IrreversibleMigration, "members_age_positive: no migration migguard read gives its CHECK expression"');
    expect(fix).not.toContain("remove_foreign_key");
  });

  it("attaches a concurrently built index to the unique constraint, with a down so the fix is reversible", () => {
    const [fix] = fixesOf("unique-constraint-without-index", RAILS_PATH, rails('  def change\n    add_unique_constraint :members, [:email], name: "members_email_unique"\n  end'));
    expect(fix).toContain('execute "ALTER TABLE members ADD CONSTRAINT members_email_unique UNIQUE USING INDEX members_email_key"');
    expect(fix).toContain("def down");
    const [exclusion] = fixesOf("unique-constraint-without-index", RAILS_PATH, rails('  def change\n    add_exclusion_constraint :bookings, "room_id WITH =", using: :gist\n  end'));
    expect(exclusion).toMatch(/^# an exclusion constraint/);
  });

  it("gives SQL built concurrently an up and a down (execute in change cannot be rolled back), one statement per execute", () => {
    const [index] = fixesOf(
      "index-without-concurrently",
      RAILS_PATH,
      rails('  def up\n    execute "CREATE INDEX index_events_on_a ON events (a)"\n  end\n\n  def down\n    execute "DROP INDEX index_events_on_a"\n  end'),
    );
    expect(index).toContain('def up\n    execute "CREATE INDEX CONCURRENTLY index_events_on_a ON events (a)"\n  end');
    expect(index).toContain('execute "DROP INDEX CONCURRENTLY IF EXISTS index_events_on_a"');
    expect(index).not.toContain("def change");
    const fixes = fixesOf(
      "concurrently-in-transaction",
      RAILS_PATH,
      rails(
        '  disable_ddl_transaction!\n\n  def up\n    execute "CREATE INDEX CONCURRENTLY index_events_on_a ON events (a); CREATE INDEX CONCURRENTLY index_events_on_b ON events (b);"\n  end\n\n  def down\n    execute "DROP INDEX CONCURRENTLY index_events_on_a"\n    execute "DROP INDEX CONCURRENTLY index_events_on_b"\n  end',
      ),
    );
    expect(fixes).toHaveLength(2);
    expect(fixes[1]).toContain("one statement per execute");
    expect(fixes[1]).toContain('execute "CREATE INDEX CONCURRENTLY index_events_on_b ON events (b)"\n');
  });

  it("writes concurrently built SQL as Ruby strings whose values are the SQL itself: a #{ or a backslash in it is not Ruby's", () => {
    const [fix] = fixesOf(
      "index-without-concurrently",
      RAILS_PATH,
      rails(`  def up\n    execute %q(CREATE INDEX "events_#{kind}_idx" ON events (kind) WHERE path NOT LIKE 'C:\\%')\n  end\n\n  def down\n    execute %q(DROP INDEX "events_#{kind}_idx")\n  end`),
    );
    expect(rubyStringLiterals(fix)).toEqual([`CREATE INDEX CONCURRENTLY "events_#{kind}_idx" ON events (kind) WHERE path NOT LIKE 'C:\\%'`, `DROP INDEX CONCURRENTLY IF EXISTS "events_#{kind}_idx"`]);
    // SQL over several lines: a heredoc that keeps them, indented in its def
    const [lines] = fixesOf(
      "index-without-concurrently",
      RAILS_PATH,
      rails(`  def up\n    execute <<~SQL\n      CREATE INDEX index_events_on_a\n      ON events (a)\n    SQL\n  end\n\n  def down\n    execute "DROP INDEX index_events_on_a"\n  end`),
    );
    expect(lines).toContain("  def up\n    execute <<~'SQL'\n      CREATE INDEX CONCURRENTLY index_events_on_a\n");
    // (Prism gives a squiggly heredoc's lines as parts of their own)
    expect(rubyStringLiterals(lines)).toEqual(["CREATE INDEX CONCURRENTLY index_events_on_a\n", "ON events (a)\n", "DROP INDEX CONCURRENTLY IF EXISTS index_events_on_a"]);
  });

  it("fills an empty down with the undo of each up operation, never with a raise (irreversible too)", () => {
    const [fix] = fixesOf("empty-down", RAILS_PATH, rails("  def up\n    add_column :users, :locale, :string\n    add_index :users, :locale\n  end\n\n  def down\n  end"));
    expect(fix).toBe('def down\n  remove_index :users, name: "index_users_on_locale"\n  remove_column :users, :locale\nend');
  });

  it("splits a backfill out into a migration of its own that keeps the work and that migguard itself accepts", () => {
    const [fix] = fixesOf(
      "mixed-ddl-dml",
      RAILS_PATH,
      rails('  def up\n    add_column :articles, :slug, :string\n    execute "UPDATE articles SET slug = id::text"\n  end\n\n  def down\n    remove_column :articles, :slug\n  end'),
    );
    expect(fix).toContain("class BackfillArticles < ActiveRecord::Migration[7.1]");
    expect(fix).toContain('execute "UPDATE articles SET slug = id::text"');
    const split = analyzeLoaded({ files: [{ path: "db/migrate/20250101000001_backfill_articles.rb", content: fix }] }).findings.map((f) => f.rule);
    expect(split.filter((rule) => ["empty-down", "missing-down", "irreversible-migration", "mixed-ddl-dml"].includes(rule))).toEqual([]);
  });
});

describe("Alembic and Django fixes", () => {
  it("without a SQLAlchemy version (postgresql_not_valid is 1.4.32+), adds the migration's own foreign key and CHECK NOT VALID with op.execute, from the calls' names", () => {
    const fixes = fixesOf(
      "constraint-without-not-valid",
      "migrations/versions/a7_fk.py",
      `from alembic import op

revision = "a7"
down_revision = "a6"


def upgrade():
    op.create_foreign_key("fk_orders_customer", "orders", "customers", ["customer_id"], ["id"])
    op.create_check_constraint(
        "ck_orders_amount",
        "orders",
        "amount >= 0",
    )


def downgrade():
    op.drop_constraint("ck_orders_amount", "orders", type_="check")
    op.drop_constraint("fk_orders_customer", "orders", type_="foreignkey")
`,
    );
    expect(fixes).toEqual([
      expect.stringContaining('op.execute("ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID")'),
      expect.stringContaining('op.execute("ALTER TABLE orders ADD CONSTRAINT ck_orders_amount CHECK (amount >= 0) NOT VALID")'),
    ]);
    expect(fixes[1]).toContain('op.execute("ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_amount")');
  });

  it("turns Django's AddConstraint into AddConstraintNotValid with the same constraint", () => {
    const [fix] = fixesOf(
      "constraint-without-not-valid",
      "shop/migrations/0018_purchase_total_check.py",
      `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0017_purchase")]

    operations = [
        migrations.AddConstraint(
            model_name="purchase",
            constraint=models.CheckConstraint(condition=models.Q(total__gte=0), name="purchase_total_gte_0"),
        ),
    ]
`,
    );
    expect(fix).toContain(
      'AddConstraintNotValid(\n    model_name="purchase",\n    constraint=models.CheckConstraint(condition=models.Q(total__gte=0), name="purchase_total_gte_0"),\n),',
    );
    expect(fix).toContain('ValidateConstraint(model_name="purchase", name="purchase_total_gte_0")');
  });

  it("asks apps.get_model for the model the RunPython imported, in the migration's app", () => {
    const [fix] = fixesOf(
      "runpython-model-import",
      "billing/migrations/0007_lowercase_emails.py",
      `from django.db import migrations

from billing.models import Customer


def lowercase_emails(apps, schema_editor):
    for customer in Customer.objects.all():
        customer.email = customer.email.lower()
        customer.save()


class Migration(migrations.Migration):
    dependencies = [("billing", "0006_customer")]

    operations = [migrations.RunPython(lowercase_emails, migrations.RunPython.noop)]
`,
    );
    expect(fix).toContain('Customer = apps.get_model("billing", "Customer")');
  });

  it("gives the RunPython that blocks the rollback its reverse_code", () => {
    const [fix] = fixesOf(
      "irreversible-migration",
      "shop/migrations/0011_fill_tier.py",
      `from django.db import migrations


def fill_tier(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("shop", "0010_customer")]

    operations = [
        migrations.RunPython(fill_tier),
    ]
`,
    );
    expect(fix).toBe("migrations.RunPython(fill_tier, reverse_code=migrations.RunPython.noop)  # one-way data change: unapplying leaves the rows as it left them (nothing in the schema to put back)");
  });

  it("answers a SET NOT NULL written in RunSQL with RunSQL steps, not a guessed model name", () => {
    const [fix] = fixesOf(
      "set-not-null",
      "shop/migrations/0042_region_required.py",
      `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0041_order")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE shop_order ALTER COLUMN region SET NOT NULL",
            reverse_sql="ALTER TABLE shop_order ALTER COLUMN region DROP NOT NULL",
        ),
    ]
`,
    );
    expect(fix).toContain('migrations.RunSQL("ALTER TABLE shop_order VALIDATE CONSTRAINT shop_order_region_not_null", reverse_sql=migrations.RunSQL.noop)');
    expect(fix).not.toContain("model_name=");
  });

  it("answers an index or CHECK written in RunSQL with RunSQL built concurrently / NOT VALID", () => {
    const [index, check] = fixesOf(
      "index-without-concurrently",
      "shop/migrations/0060_sql.py",
      `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0059_order")]

    operations = [
        migrations.RunSQL("CREATE INDEX shop_order_email_lower ON shop_order (lower(email))", reverse_sql="DROP INDEX shop_order_email_lower"),
    ]
`,
    ).concat(
      fixesOf(
        "constraint-without-not-valid",
        "shop/migrations/0061_sql.py",
        `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0060_sql")]

    operations = [
        migrations.RunSQL("ALTER TABLE shop_order ADD CONSTRAINT shop_order_total_pos CHECK (total >= 0)", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      ),
    );
    expect(index).toContain('"CREATE INDEX CONCURRENTLY shop_order_email_lower ON shop_order (lower(email))"');
    expect(index).toContain("atomic = False");
    expect(check).toContain('migrations.RunSQL("ALTER TABLE shop_order ADD CONSTRAINT shop_order_total_pos CHECK (total >= 0) NOT VALID"');
  });
});
