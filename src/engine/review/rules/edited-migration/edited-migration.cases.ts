import { defineReviewCases } from "../../review-rule.js";
import { railsJoinedSql, railsMetadata, railsMetadataUsers, railsRescued, railsStoreCreditEvents } from "./solidus-fixtures.js";
import { movedModels, movedModelsPath, movedWithDatabase, movedWithDatabasePath } from "./state-operations-fixtures.js";

const create = "CREATE TABLE accounts (id bigint PRIMARY KEY);\n";
const rails = `class AddPhone < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :phone, :string
  end
end
`;

/** alphagov/publishing-api's index migration: two partial indexes and one plain, built as `how` says. */
const railsIndexes = (how: string, outsideTransaction = false) => `class AddIndexToEditions < ActiveRecord::Migration[8.0]
${outsideTransaction ? "  disable_ddl_transaction!\n\n" : ""}  def change
    add_index :editions, %i[document_id document_type], where: "content_store = 'live'", name: :index_editions_live${how}
    add_index :links, %i[link_set_id link_type]${how}
  end
end
`;

/** A Django migration like Saleor's: a JSON field with a sanitizer function, and a RunPython step. */
const django = (options: { module?: string; helper?: string; sanitizer?: string; helpText?: string; maxLength?: number; body?: string } = {}) => `import django.core.validators
from django.db import migrations, models

import ${options.module ?? "shop.core.utils.editorjs"}
${options.helper ? `${options.helper}\n` : ""}

def fill_plaintext(apps, schema_editor):
    Product = apps.get_model("product", "Product")
${options.body ?? `    for product in Product.objects.all():
        product.plaintext = clean_editor_js(product.description, to_string=True)
        product.save(update_fields=["plaintext"])`}


class Migration(migrations.Migration):
    dependencies = [("product", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="product",
            name="description",
            field=models.JSONField(
                blank=True,
                null=True,
                help_text="${options.helpText ?? "Rich text"}",
                sanitizer=${options.module ?? "shop.core.utils.editorjs"}.${options.sanitizer ?? "clean_editor_js"},
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="plaintext",
            field=models.CharField(max_length=${options.maxLength ?? 255}, null=True),
        ),
        migrations.RunPython(fill_plaintext, migrations.RunPython.noop),
    ]
`;
/** A typed Django data migration like healthchecks': `apps` annotated with the class django-stubs names. */
const djangoTyped = (options: { imports: string; apps: string; body?: string; returns?: string }) => `from __future__ import annotations

from typing import Any

${options.imports}
from django.db import migrations


def fill_code(apps: ${options.apps}, schema_editor: Any)${options.returns ?? " -> None"}:
    Notification = apps.get_model("api", "Notification")
${options.body ?? "    for n in Notification.objects.filter(code=None):\n        n.code = uuid.uuid4()\n        n.save()"}


class Migration(migrations.Migration):
    dependencies = [("api", "0103_notification_code")]

    operations = [migrations.RunPython(fill_code, migrations.RunPython.noop)]
`;
const typedPath = "hc/api/migrations/0104_fill_notification_code.py";
const djangoPath = "shop/product/migrations/0002_description.py";
/** An Alembic data revision whose upgrade ends with `logLine`, and a helper that may end with `helperEnd`. */
const movesGroups = (logLine: string, helperEnd: string) => `import logging

import sqlalchemy as sa
from alembic import op

revision = "615358b6c428"
down_revision = "5e3c6b1a9d2f"

log = logging.getLogger(__name__)


def first_default(conn):
    for row in conn.execute(sa.text("SELECT id FROM organization WHERE pubid = '__default__'")):
        return row.id${helperEnd}


def upgrade():
    conn = op.get_bind()
    default = first_default(conn)
    moved = conn.execute(sa.text("UPDATE groups SET organization_id = :o WHERE organization_id IS NULL"), {"o": default}).rowcount
    ${logLine}


def downgrade():
    pass
`;
/** A model whose CheckConstraint's condition is given under the keyword `keyword`. */
const withCheck = (keyword: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Message",
            fields=[("id", models.AutoField(primary_key=True)), ("notification", models.BooleanField()), ("email", models.BooleanField())],
            options={
                "constraints": [
                    models.CheckConstraint(${keyword}=models.Q(("notification", True), ("email", True), _connector="OR"), name="at_least_one_channel"),
                ],
            },
        ),
    ]
`;
/** A many-to-many through an explicit model, with `extra` options on the field. */
const m2mThrough = (extra: string) => `from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="members",
            field=models.ManyToManyField(
                related_name="orgs",
                through="orgs.OrganizationMember",${extra}
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
`;
const sqlPath = "shop/product/migrations/0003_index.py";
/** A Django migration running raw SQL, with an optional helper function before it. */
const djangoSql = (operation: string, helper = "") => `from django.db import connection, migrations

${helper}
class Migration(migrations.Migration):
    dependencies = [("product", "0001_initial")]

    operations = [
        migrations.${operation},
    ]
`;
const djangoInitial = "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    operations = [\n        migrations.CreateModel(name=\"Product\", fields=[(\"id\", models.BigAutoField(primary_key=True))]),\n    ]\n";
const railsCopy = (heredoc: string, indent: string, column = "latitude") => `class TileNodes < ActiveRecord::Migration[4.2]
  def up
    execute ${heredoc}.squish
    ${indent}INSERT INTO nodes_copy (id, ${column})
    ${indent}SELECT id, ${column} FROM nodes
    SQL
  end

  def down; end
end
`;
/** dawarich's visited_countries migration: an execute, inside strong_migrations' safety_assured or not. */
const railsExecute = (assured: boolean, sql = "ALTER TABLE trips ADD COLUMN visited_countries JSONB DEFAULT '{}'::jsonb NOT NULL;") => `class AddVisitedCountriesToTrips < ActiveRecord::Migration[8.0]
  def change
    ${assured ? "safety_assured do" : "# safety_assured do"}
      execute <<-SQL
        ${sql}
      SQL
    ${assured ? "end" : "# end"}
  end
end
`;
/** dawarich's subscription_source migration: a down that drops the index by a class constant's name, or not. */
const railsDownConstant = (named: boolean) => `class AddSubscriptionSource < ActiveRecord::Migration[8.0]
${named ? "  SUBSCRIPTION_SOURCE_INDEX = 'index_users_on_subscription_source'\n\n" : ""}  def up
    add_column :users, :subscription_source, :integer, default: 0, null: false
    add_index :users, :subscription_source
  end

  def down
${named ? "    remove_index :users, name: SUBSCRIPTION_SOURCE_INDEX\n" : ""}    remove_column :users, :subscription_source
  end
end
`;
/** dawarich's families: a foreign key on creator_id added NOT VALID (validated by a later migration, which finds it by the table it references) or validated. */
const railsFamilies = (validate: boolean) => `class CreateFamilies < ActiveRecord::Migration[8.0]
  def change
    create_table :families do |t|
      t.bigint :creator_id, null: false
    end

    add_foreign_key :families, :users, column: :creator_id${validate ? "" : ", validate: false"}
  end
end
`;
const railsValidateFamilies = (validate: boolean) => `class ValidateFamilyForeignKeys < ActiveRecord::Migration[8.0]
  def change
    ${validate ? "" : "# "}validate_foreign_key :families, :users
  end
end
`;
/** glitch-soc's 20180608213548: the follows a block forbids, rejected over ActivityPub (the payload serialized by `dump`) and destroyed. */
const railsRejectFollows = (dump: string) => `class RejectFollowingBlockedUsers < ActiveRecord::Migration[5.2]
  def up
    follows = Follow.where(blocked: true).to_a
    follows.each do |follow|
      blocked_account = follow.account
      followed_account = follow.target_account
      next follow.destroy! if blocked_account.local?

      reject_follow_json = ${dump}(ActivityPub::LinkedDataSignature.new(ActivityPub::RejectFollowSerializer.new(follow).as_json).sign!(followed_account))
      ActivityPub::DeliveryWorker.perform_async(reject_follow_json, followed_account, blocked_account.inbox_url)
      follow.destroy!
    end
  end

  def down; end
end
`;

const railsData = (load: string, dump: string) => `class MoveSettings < ActiveRecord::Migration[7.1]
  class User < ApplicationRecord; end

  def up
    User.where.not(settings: nil).find_each do |user|
      settings = ${load}(user.attributes_before_type_cast["settings"])
      user.update_column("settings", ${dump}(settings))
    end
  end

  def down; end
end
`;

// kitsune's customercare module and 0029, which read its constants; the change copies them into 0029 and empties the module
const SUPPORT_CONSTANTS = `BASE_CATEGORIES: dict[str, dict] = {
    "payments": {"slug": "payments", "tags": {"tiers": ["t1-billing"], "automation": None}},
    "not_listed": {"slug": "not-listed", "tags": {"tiers": ["not_listed"], "automation": None}},
}

ZENDESK_CATEGORIES = {
    "mozilla-vpn": [
        {"slug": "vpn-connection-issues", "tags": {"tiers": ["t1-connectivity", "t2-connectivity"], "automation": "ssa-connection"}},
        *BASE_CATEGORIES.values(),
    ],
    "pocket": [BASE_CATEGORIES["not_listed"]],
}
`;
const supportModule = `from typing import TypedDict


class TagsDict(TypedDict):
    tiers: list[str]


${SUPPORT_CONSTANTS}`;
const populate = (source: "import" | "inline", constants = SUPPORT_CONSTANTS) => `from django.db import migrations
${source === "inline" ? `\n# Seed data inlined to keep this migration self-contained.\n${constants}` : ""}

def populate_configs(apps, schema_editor):
${source === "import" ? '    """Reads ZENDESK_CATEGORIES."""\n    from kitsune.customercare import ZENDESK_CATEGORIES\n\n' : ""}    Product = apps.get_model("products", "Product")
    ZendeskTopic = apps.get_model("products", "ZendeskTopic")
    for slug, categories in ZENDESK_CATEGORIES.items():
        product = Product.objects.filter(slug=slug).first()
        if product is None:
            continue
        for category in categories:
            ZendeskTopic.objects.create(product=product, slug=category["slug"], tiers=category["tags"]["tiers"])


class Migration(migrations.Migration):
    dependencies = [("products", "0028_zendesktopic")]

    operations = [migrations.RunPython(populate_configs, migrations.RunPython.noop)]
`;
const populatePath = "kitsune/products/migrations/0029_populate_zendesk_configs.py";
/** wger's flexible-routines models: three tables, each with a key to the one before. */
const routinesInitial = `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Workout", fields=[("id", models.AutoField(primary_key=True))]),
        migrations.CreateModel(name="Schedule", fields=[("id", models.AutoField(primary_key=True)), ("workout", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="manager.workout"))]),
        migrations.CreateModel(name="ScheduleStep", fields=[("id", models.AutoField(primary_key=True)), ("schedule", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="manager.schedule"))]),
    ]
`;
const routinesCleanup = (models: readonly string[]) => `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("manager", "0001_initial")]
    operations = [
        migrations.RemoveField(
            model_name="schedule",
            name="workout",
        ),
${models.map((m) => `        migrations.DeleteModel(\n            name="${m}",\n        ),`).join("\n")}
    ]
`;

// kitsune's 0036: ESR versions move from firefox-enterprise to firefox; slugs already under firefox stopped the run
const moveEsr = (condition: string, block: string) => `from django.db import migrations


def move_esr_versions_to_firefox(apps, schema_editor):
    Product = apps.get_model("products", "Product")
    Version = apps.get_model("products", "Version")
    firefox = Product.objects.get(slug="firefox")
    esr_versions = Version.objects.filter(product__slug="firefox-enterprise", slug__endswith="-esr")
    clashing = set(Version.objects.filter(product=firefox, slug__in=esr_versions.values("slug")).values_list("slug", flat=True))
    if ${condition}:
${block}
    esr_versions.update(product=firefox)


class Migration(migrations.Migration):
    dependencies = [("products", "0035_version")]

    operations = [migrations.RunPython(move_esr_versions_to_firefox, migrations.RunPython.noop)]
`;
const RAISES = '        raise RuntimeError(\n            "Cannot move ESR versions to firefox: slug clashes already exist "\n            f"under firefox: {sorted(clashing)}"\n        )';
const DROPS = '        # firefox copies are canonical, so drop the stale duplicates before moving the rest\n        print(f"Dropping {len(clashing)} duplicate ESR version(s)")\n        esr_versions.filter(slug__in=clashing).delete()';
const esrPath = "kitsune/products/migrations/0036_move_esr_versions_to_firefox.py";


/** alaveteli's 20220902112339 (replay 36, 8f464c2b30): an up that stops an upgrade until a task ran, with `message` as what it raises. */
const alaveteliGuard = (message: string, drop = ":notes") => `class RemovePublicBodyNotes < ActiveRecord::Migration[6.1]
  def up
    if PublicBody::Translation.where.not(notes: nil).any?
      ${message}
    end

    remove_column :public_body_translations, ${drop}
  end

  def down; end
end
`;
const alaveteliGuardPath = "db/migrate/20220902112339_remove_public_body_notes.rb";
const HEREDOC = (word: string) => `raise <<~TXT
        We can't run the RemovePublicBodyNotes database migration.

        We have ${word} PublicBody::Translation objects which haven't been
        migrated to the new Note model.
      TXT`;
/**
 * galaxy_ng's 0017_populate_repos_and_remotes (replay 37, 28314c5335): a data step whose managers are given the alias
 * of the connection it runs on, `using` what each manager call takes (`.using(db_alias)` or nothing).
 */
const galaxyRepos = (using: string, alias = "schema_editor.connection.alias") => `from django.db import migrations


def populate_initial_repos(apps, schema_editor):
    db_alias = ${alias}
    AnsibleRepository = apps.get_model("ansible", "AnsibleRepository")

    for name in ["published", "staging"]:
        AnsibleRepository.objects${using}.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("galaxy", "0016_containers")]

    operations = [migrations.RunPython(populate_initial_repos, migrations.RunPython.noop)]
`;
const galaxyReposPath = "galaxy_ng/app/migrations/0017_populate_repos_and_remotes.py";
/** galaxy_ng's docker/etc/settings.py: DATABASES with one alias, `more` after it */
const galaxySettings = (more = "") => `import os\n\nDATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "NAME": os.environ.get("PULP_DB_NAME", ""),\n    }\n}\n${more}`;
/** A Django data step that refuses to run while rows are left, with `raised` as what it raises. */
const djangoGuard = (raised: string, filter = "plaintext=None") => `from django.db import migrations


def check_plaintext(apps, schema_editor):
    Product = apps.get_model("product", "Product")
    left = Product.objects.filter(${filter}).count()
    if left:
        ${raised}
    Product.objects.filter(${filter}).update(plaintext="")


class Migration(migrations.Migration):
    dependencies = [("product", "0001_initial")]

    operations = [migrations.RunPython(check_plaintext, migrations.RunPython.noop)]
`;
const djangoGuardPath = "shop/product/migrations/0003_check_plaintext.py";
/** alaveteli's 20220720085105 (replay 36, 73ae2d6301): a Globalize translation table made through the model, with `stub` defined in the migration. */
const alaveteliNotes = (stub: string, up = "Note.create_translation_table!(body: :text)") => `class CreateNotes < ActiveRecord::Migration[6.1]
${stub}  def change
    create_table :notes do |t|
      t.references :notable, polymorphic: true
      t.string :notable_tag
      t.timestamps
    end

    reversible do |dir|
      dir.up do
        ${up}
      end

      dir.down do
        Note.drop_translation_table!
      end
    end
  end
end
`;
const alaveteliNotesPath = "db/migrate/20220720085105_create_notes.rb";
const NOTE_STUB = "  # Predefine Note model so the translation table is created before the style enum exists\n  class Note < ApplicationRecord\n    translates :body\n  end\n\n";

/** manyfold's 20251027152904 (replay 30, PR #5183): a json column whose default MySQL rejects; the edit takes it out. */
const manyfold = (options: string) => `class AddTourStateToUsers < ActiveRecord::Migration[8.0]
  def change
    add_column :users, :tour_state, :json${options}
  end
end
`;
const manyfoldPath = "db/migrate/20251027152904_add_tour_state_to_users.rb";
const accountsSettings = (clause: string) => `${create}ALTER TABLE accounts ADD COLUMN settings jsonb${clause};\n`;
const alembicPrefs = (serverDefault: string) => `import sqlalchemy as sa
from alembic import op

revision = "3f2a9c1d7b10"
down_revision = None


def upgrade():
    op.add_column("users", sa.Column("prefs", sa.JSON(), nullable=True${serverDefault}))


def downgrade():
    op.drop_column("users", "prefs")
`;
const alembicPath = "alembic/versions/3f2a9c1d7b10_add_prefs.py";

/** galaxy_ng's 0012: SQL in a module constant that RunSQL runs, with `pad` at the end of two lines (one inside its function body). */
const galaxySql = (pad: string, literal = "'published'") => `from django.db import migrations

MOVE_QUERY = """
CREATE FUNCTION _mark(repo TEXT) RETURNS void AS $$
BEGIN
    RAISE NOTICE 'marking %',${pad}
        repo;
END;
$$ LANGUAGE plpgsql;
${pad}
UPDATE product_product SET id = id WHERE ${literal} = 'published';
"""


class Migration(migrations.Migration):
    dependencies = [("product", "0001_initial")]

    operations = [
        migrations.RunSQL(sql=MOVE_QUERY, elidable=True),
    ]
`;
const galaxySqlPath = "shop/product/migrations/0004_move.py";
/** galaxy_ng's 0038 before and after ruff: a RunPython function whose `body` is given. */
const galaxyLint = (body: string) => `from django.db import migrations


def sync(apps, schema_editor):
    Product = apps.get_model("product", "Product")
${body}


class Migration(migrations.Migration):
    dependencies = [("product", "0001_initial")]

    operations = [
        migrations.RunPython(code=sync, reverse_code=migrations.RunPython.noop),
    ]
`;
const galaxyLintPath = "shop/product/migrations/0005_sync.py";
const LINT_BEFORE = `    Link = apps.get_model("product", "Link")
    for l in Product.objects.all():
        links = {l.name: l.id for l in Product.objects.filter(id=l.id)}
        names = set((n for n in links))
        created = Product.objects.create(id=len(names))
        if l.name not in ('', dict(), None):
            l.save()`;
const LINT_AFTER = `    for product in Product.objects.all():
        links = {link.name: link.id for link in Product.objects.filter(id=product.id)}
        names = {n for n in links}
        Product.objects.create(id=len(names))
        if product.name not in ('', {}, None):
            product.save()`;
/** A Django migration of an app beside an installed package's app, depending on `dependency` of it. */
const pulpDependent = (dependency: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("product", "0001_initial"),
        ${dependency},
    ]

    operations = [
        migrations.AddField(model_name="product", name="synced", field=models.BooleanField(null=True)),
    ]
`;
const pulpPath = "shop/product/migrations/0006_synced.py";

const rescuedPath = "core/db/migrate/20250530102541_add_addressbook_foreign_key.rb";
const joinedPath = "core/db/migrate/20161014221052_add_available_to_users.rb";

const storeCreditPath = "core/db/migrate/20180322142651_add_amount_remaining_to_store_credit_events.rb";
/** the solidus migration with a local read alone on a line where `anchor` is */
const withLineAfter = (anchor: string, line: string) => railsStoreCreditEvents({ kept: "" }).replace(anchor, `${anchor}${line}\n`);
/** a helper whose last statement (what it returns) reads a local, or no longer does */
const railsHelperReturn = (last: string) => `class BackfillTotals < ActiveRecord::Migration[7.1]
  def up
    Order.find_each { |order| order.update_columns(total: total_of(order)) }
  end

  def total_of(order)
    total = order.line_items.sum(:amount)
    order.touch
${last}  end
end
`;
const helperReturnPath = "db/migrate/20240101000000_backfill_totals.rb";

/** a merged migration adding users.nickname, written as `body` */
const railsNickname = (body: string) => `class AddNickname < ActiveRecord::Migration[7.1]
  def change
${body}
  end
end
`;
const nicknamePath = "db/migrate/20240101000000_add_nickname.rb";
const nicknameInBlock = (guard: string) => `    change_table :users do |t|\n      t.string :nickname${guard}\n    end`;

const metadataPath = "core/db/migrate/20250129061658_add_metadata_to_spree_resources.rb";
const metadataUsersPath = "core/db/migrate/20250221152004_add_metadata_to_users.rb";

export default defineReviewCases({
  invalid: [
    {
      name: "Rails: `unless t.column_exists?(:nickname)` put on a merged change_table's `t.string :nickname`: a guard added, read like `unless column_exists?(:users, :nickname)` (not a regrouping), a warning",
      base: { [nicknamePath]: railsNickname(nicknameInBlock("")) },
      head: { [nicknamePath]: railsNickname(nicknameInBlock(" unless t.column_exists?(:nickname)")) },
      findings: [{ path: nicknamePath, line: 4, severity: "warning", message: "in a way that leaves its column as it was" }],
    },
    {
      name: "Rails: a change_table's guarded `t.string` written as add_column with the same check on the same table: the same guarded statement regrouped, a note",
      base: { [nicknamePath]: railsNickname(nicknameInBlock(" unless t.column_exists?(:nickname)")) },
      head: { [nicknamePath]: railsNickname("    add_column :users, :nickname, :string unless column_exists?(:users, :nickname)") },
      findings: [{ path: nicknamePath, line: 3, severity: "info", message: "how the same statements are grouped" }],
    },
    {
      name: "Rails: a `when` branch whose body only read a local removed from a `case` whose value nobody uses (solidus e1dadca330): the same calls run, a note",
      base: { [storeCreditPath]: railsStoreCreditEvents() },
      head: { [storeCreditPath]: railsStoreCreditEvents({ kept: "" }) },
      findings: [{ path: storeCreditPath, line: 23, severity: "info", message: "code that runs nothing" }],
    },
    {
      name: "Rails: the same branch emptied (its conditions kept, the local read gone): a note",
      base: { [storeCreditPath]: railsStoreCreditEvents() },
      head: { [storeCreditPath]: railsStoreCreditEvents({ kept: "        when StoreCredit::ALLOCATION_ACTION, StoreCredit::ELIGIBLE_ACTION, StoreCredit::CAPTURE_ACTION\n" }) },
      findings: [{ path: storeCreditPath, line: 23, severity: "info", message: "code that runs nothing" }],
    },
    {
      name: "Rails: a local read and a literal alone on lines of a loop body, and an `else` that only reads a local, added: a note",
      base: { [storeCreditPath]: railsStoreCreditEvents({ kept: "" }) },
      head: {
        [storeCreditPath]: withLineAfter("credit_amount = credit.amount\n", "      credit_amount\n      42").replace("          credit_amount += event.amount\n", "          credit_amount += event.amount\n        else\n          credit_amount\n"),
      },
      findings: [{ path: storeCreditPath, line: 20, severity: "info", message: "code that runs nothing" }],
    },
    {
      name: "Rails: the empty branch removed where the case has an `else` that does something: its actions now take the `else`, a warning",
      base: { [storeCreditPath]: railsStoreCreditEvents({ otherwise: "        else\n          credit_amount = 0\n" }) },
      head: { [storeCreditPath]: railsStoreCreditEvents({ kept: "", otherwise: "        else\n          credit_amount = 0\n" }) },
      findings: [{ path: storeCreditPath, line: 18, severity: "warning", message: "what its data code does" }],
    },
    {
      name: "Rails: the empty branch removed where a later branch matches one of its values (ADJUSTMENT_ACTION is 'capture' too): that branch now runs, a warning",
      base: { [storeCreditPath]: railsStoreCreditEvents({ adjustment: "capture" }) },
      head: { [storeCreditPath]: railsStoreCreditEvents({ kept: "", adjustment: "capture" }) },
      findings: [{ path: storeCreditPath, line: 18, severity: "warning", message: "what its data code does" }],
    },
    {
      name: "Rails: a local read removed from the end of a helper: what the helper returns changes, a warning",
      base: { [helperReturnPath]: railsHelperReturn("    total\n") },
      head: { [helperReturnPath]: railsHelperReturn("") },
      findings: [{ path: helperReturnPath, line: 9, severity: "warning", message: "what its data code does" }],
    },
    {
      name: "Rails: spree_users taken out of the list and a new migration of the change adds its column `unless t.column_exists?` in a change_table block (solidus eca889de5c, the table named): the table object's check is the migration's, every database ends with it, a note",
      base: { [metadataPath]: railsMetadata("spree_orders spree_users") },
      head: { [metadataPath]: railsMetadata("spree_orders"), [metadataUsersPath]: railsMetadataUsers(":spree_users") },
      findings: [{ path: metadataPath, line: 3, severity: "info", message: "20250221152004_add_metadata_to_users.rb of this change adds again where they are missing" }],
    },
    {
      name: "Rails: the same, the new migration's change_table adding the column with no check: where the column exists the add fails, a warning that drops nothing",
      base: { [metadataPath]: railsMetadata("spree_orders spree_users") },
      head: { [metadataPath]: railsMetadata("spree_orders"), [metadataUsersPath]: railsMetadataUsers(":spree_users").replace(" unless t.column_exists?(:customer_metadata)", "") },
      findings: [{ path: metadataPath, line: 3, severity: "warning", message: "which the new migration 20250221152004_add_metadata_to_users.rb may add again (adds it with no guard migguard reads" }],
    },
    {
      name: "Rails: the same with the new migration's table computed at run time (Spree.user_class.table_name): a warning that drops nothing",
      base: { [metadataPath]: railsMetadata("spree_orders spree_users") },
      head: { [metadataPath]: railsMetadata("spree_orders"), [metadataUsersPath]: railsMetadataUsers("Spree.user_class.table_name") },
      findings: [{ path: metadataPath, line: 3, severity: "warning", message: "may add again (a step of it that migguard cannot read" }],
    },
    {
      name: "Rails: spree_users taken out with no new migration: the column only old databases have, an error",
      base: { [metadataPath]: railsMetadata("spree_orders spree_users") },
      head: { [metadataPath]: railsMetadata("spree_orders") },
      findings: [{ path: metadataPath, line: 3, severity: "error", message: "removes the column spree_users.customer_metadata" }],
    },
    {
      name: "Rails: spree_users taken out and a new migration adds its column `unless column_exists?(:spree_users, ...)`: every database ends with it, a note",
      base: { [metadataPath]: railsMetadata("spree_orders spree_users") },
      head: {
        [metadataPath]: railsMetadata("spree_orders"),
        [metadataUsersPath]: "class AddMetadataToUsers < ActiveRecord::Migration[7.0]\n  def change\n    add_column :spree_users, :customer_metadata, :jsonb, default: {} unless column_exists?(:spree_users, :customer_metadata)\n  end\nend\n",
      },
      findings: [{ path: metadataPath, line: 3, severity: "info", message: "20250221152004_add_metadata_to_users.rb of this change adds again where they are missing" }],
    },
    {
      name: "Rails: an edit that only changes what a rescue clause does before it raises again, with a constant of literal strings it reads (solidus 424f28437d): the run stops unrecorded either way, a note",
      base: { [rescuedPath]: railsRescued({ byName: false }) },
      head: { [rescuedPath]: railsRescued({ byName: true }) },
      findings: [{ path: rescuedPath, line: 2, severity: "info", message: "what a rescue clause does before it raises again" }],
    },
    {
      name: "Rails: the rescue clause no longer raises (the error swallowed, the migration recorded): what its data code does, a warning",
      base: { [rescuedPath]: railsRescued({ byName: false }) },
      head: { [rescuedPath]: railsRescued({ byName: true, ending: "nil" }) },
      findings: [{ path: rescuedPath, line: 7, severity: "warning" }],
    },
    {
      name: "Rails: a rescue clause that retries before it raises leaves another way: a warning",
      base: { [rescuedPath]: railsRescued({ byName: false }) },
      head: { [rescuedPath]: railsRescued({ byName: true, ending: "retry if (tries += 1) < 3\n    raise" }) },
      findings: [{ path: rescuedPath, line: 7, severity: "warning" }],
    },
    {
      name: "Rails: a constant whose value is code (it runs when the class loads): a warning",
      base: { [rescuedPath]: railsRescued({ byName: false }) },
      head: { [rescuedPath]: railsRescued({ byName: true, constant: "FOREIGN_KEY_VIOLATION_ERRORS = ErrorNames.load_from_database" }) },
      findings: [{ path: rescuedPath, line: 2, severity: "warning" }],
    },
    {
      name: "Rails: execute of adjacent string literals with a space put before each backslash (solidus fb05000a8a, standardrb): the same SQL, a note",
      base: { [joinedPath]: railsJoinedSql("\\") },
      head: { [joinedPath]: railsJoinedSql(" \\") },
      findings: [{ path: joinedPath, line: 4, severity: "info", message: "only comments or formatting" }],
    },
    {
      name: "Rails: the same SQL joined with one word changed: what its data code does, a warning",
      base: { [joinedPath]: railsJoinedSql("\\") },
      head: { [joinedPath]: railsJoinedSql(" \\").replace("display_on IS NULL", "display_on = ''") },
      findings: [{ path: joinedPath, line: 4, severity: "warning" }],
    },
    {
      name: "Rails: default: taken out of a nullable json add_column (manyfold's MySQL fix, replay 30): only what an insert that omits the column gets differs, a warning naming the default",
      base: { [manyfoldPath]: manyfold(", default: {completed: []}") },
      head: { [manyfoldPath]: manyfold("") },
      findings: [{ path: manyfoldPath, line: 3, severity: "warning", message: "the edit removes the column default `{completed: []}` of users.tour_state" }],
    },
    {
      name: "Rails: null: false added to the column: an error naming it",
      base: { [manyfoldPath]: manyfold("") },
      head: { [manyfoldPath]: manyfold(", null: false") },
      findings: [{ path: manyfoldPath, line: 3, severity: "error", message: "the edit makes users.tour_state NOT NULL" }],
    },
    {
      name: "golang-migrate: DEFAULT taken out of a nullable column: a warning",
      base: { "db/migrations/001_accounts.up.sql": accountsSettings(" DEFAULT '{}'") },
      head: { "db/migrations/001_accounts.up.sql": accountsSettings("") },
      findings: [{ path: "db/migrations/001_accounts.up.sql", line: 2, severity: "warning", message: "removes the column default" }],
    },
    {
      name: "golang-migrate: an index taken out: an error naming it",
      base: { "db/migrations/001_accounts.up.sql": `${create}CREATE INDEX accounts_id_idx ON accounts (id);\n` },
      head: { "db/migrations/001_accounts.up.sql": create },
      findings: [{ path: "db/migrations/001_accounts.up.sql", line: 2, severity: "error", message: "the edit removes the index accounts_id_idx on accounts (id)" }],
    },
    {
      name: "Alembic: server_default taken out of a nullable column: a warning",
      base: { [alembicPath]: alembicPrefs(`, server_default=sa.text("'{}'")`) },
      head: { [alembicPath]: alembicPrefs("") },
      findings: [{ path: alembicPath, line: 9, severity: "warning", message: "removes the column default" }],
    },
    {
      name: "Django: a nullable field made NOT NULL: an error naming it",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django().replace("models.CharField(max_length=255, null=True)", "models.CharField(max_length=255)") },
      findings: [{ path: djangoPath, line: 28, severity: "error", message: "makes product_product.plaintext NOT NULL" }],
    },
    {
      name: "a merged SQL migration gains a statement",
      base: { "db/migrations/001_accounts.up.sql": create, "db/migrations/001_accounts.down.sql": "DROP TABLE accounts;\n" },
      head: { "db/migrations/001_accounts.up.sql": `${create}ALTER TABLE accounts ADD COLUMN email text;\n` },
      findings: [{ path: "db/migrations/001_accounts.up.sql", line: 2, message: "the edit adds the column accounts.email" }],
    },
    {
      name: "Rails: the edit takes out a remove_column of a column its table never had (govuk-chat c5492165c1): the base version failed everywhere, none ran it, a note",
      base: {
        "db/migrate/20240101000000_create_runs.rb": "class CreateRuns < ActiveRecord::Migration[8.0]\n  def change\n    create_table :runs do |t|\n      t.decimal :score, null: false\n    end\n  end\nend\n",
        "db/migrate/20240102000000_amend_runs.rb": "class AmendRuns < ActiveRecord::Migration[8.0]\n  def change\n    add_column :runs, :status, :string\n    remove_column :runs, :success, :boolean\n  end\nend\n",
      },
      head: { "db/migrate/20240102000000_amend_runs.rb": "class AmendRuns < ActiveRecord::Migration[8.0]\n  def change\n    add_column :runs, :status, :string\n  end\nend\n" },
      findings: [{ path: "db/migrate/20240102000000_amend_runs.rb", line: 4, severity: "info", message: "its base version drops runs.success, which the migrations before it never created" }],
    },
    {
      name: "Rails: the same edit where no migration read creates the table: nothing proves the drop failed, an edit",
      base: { "db/migrate/20240102000000_amend_runs.rb": "class AmendRuns < ActiveRecord::Migration[8.0]\n  def change\n    add_column :runs, :status, :string\n    remove_column :runs, :success, :boolean\n  end\nend\n" },
      head: { "db/migrate/20240102000000_amend_runs.rb": "class AmendRuns < ActiveRecord::Migration[8.0]\n  def change\n    add_column :runs, :status, :string\n  end\nend\n" },
      findings: [{ path: "db/migrate/20240102000000_amend_runs.rb", line: 4, severity: "error" }],
    },
    {
      name: "a merged Rails migration changes what it adds",
      base: { "db/migrate/20240101000000_add_phone.rb": rails },
      head: { "db/migrate/20240101000000_add_phone.rb": rails.replace(":string", ":text") },
      findings: [{ path: "db/migrate/20240101000000_add_phone.rb", line: 3, message: "the edit changes the type of users.phone from varchar to text" }],
    },
    {
      name: "golang-migrate: an edit that only schema-qualifies the type a column already used (supabase/auth's bootstrap fix, Go template and all): a warning, since the old text resolved it through search_path",
      base: { "migrations/20221003041400_add_aal.up.sql": `ALTER TABLE {{ index .Options "Namespace" }}.sessions ADD COLUMN IF NOT EXISTS aal aal_level NULL;\n` },
      head: { "migrations/20221003041400_add_aal.up.sql": `ALTER TABLE {{ index .Options "Namespace" }}.sessions ADD COLUMN IF NOT EXISTS aal {{ index .Options "Namespace" }}.aal_level NULL;\n` },
      findings: [{ path: "migrations/20221003041400_add_aal.up.sql", line: 1, severity: "warning" }],
    },
    {
      name: "golang-migrate: the revert of such an edit (a qualification removed) is the same kind of edit",
      base: { "migrations/20221003041400_add_aal.up.sql": "ALTER TABLE auth.sessions ADD COLUMN aal auth.aal_level NULL;\n" },
      head: { "migrations/20221003041400_add_aal.up.sql": "ALTER TABLE auth.sessions ADD COLUMN aal aal_level NULL;\n" },
      findings: [{ path: "migrations/20221003041400_add_aal.up.sql", line: 1, severity: "warning" }],
    },
    {
      name: "golang-migrate: a qualification moved from one schema to another is a schema change",
      base: { "migrations/20221003041400_add_aal.up.sql": "ALTER TABLE auth.sessions ADD COLUMN aal public.aal_level NULL;\n" },
      head: { "migrations/20221003041400_add_aal.up.sql": "ALTER TABLE auth.sessions ADD COLUMN aal auth.aal_level NULL;\n" },
      findings: [{ path: "migrations/20221003041400_add_aal.up.sql", line: 1, severity: "error" }],
    },
    {
      name: "golang-migrate: a qualification added together with another change is a schema change",
      base: { "migrations/20221003041400_add_aal.up.sql": "ALTER TABLE sessions ADD COLUMN aal aal_level NULL;\n" },
      head: { "migrations/20221003041400_add_aal.up.sql": "ALTER TABLE auth.sessions ADD COLUMN aal auth.aal_level NOT NULL;\n" },
      findings: [{ path: "migrations/20221003041400_add_aal.up.sql", line: 1, severity: "error" }],
    },
    {
      name: "Rails: an edit that only builds the merged indexes concurrently (disable_ddl_transaction!, algorithm: :concurrently) leaves every database the same indexes: a note",
      base: { "db/migrate/20250127105807_add_index_to_editions.rb": railsIndexes("") },
      head: { "db/migrate/20250127105807_add_index_to_editions.rb": railsIndexes(", algorithm: :concurrently", true) },
      findings: [{ path: "db/migrate/20250127105807_add_index_to_editions.rb", line: 5, severity: "info" }],
    },
    {
      name: "Rails: built concurrently and on other columns is a schema change",
      base: { "db/migrate/20250127105807_add_index_to_editions.rb": railsIndexes("") },
      head: { "db/migrate/20250127105807_add_index_to_editions.rb": railsIndexes(", algorithm: :concurrently", true).replace("%i[link_set_id link_type]", "%i[link_type]") },
      findings: [{ path: "db/migrate/20250127105807_add_index_to_editions.rb", line: 5, severity: "error" }],
    },
    {
      name: "golang-migrate: CREATE INDEX made CONCURRENTLY: the same index on every database, a note",
      base: { "migrations/002_idx.up.sql": "CREATE INDEX accounts_email ON accounts (email);\n" },
      head: { "migrations/002_idx.up.sql": "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n" },
      findings: [{ path: "migrations/002_idx.up.sql", line: 1, severity: "info" }],
    },
    {
      name: "Flyway: even a comment changes the checksum",
      base: { "db/migration/V1__accounts.sql": create },
      head: { "db/migration/V1__accounts.sql": `-- accounts of the shop\n${create}` },
      findings: [{ path: "db/migration/V1__accounts.sql", line: 1, severity: "error" }],
    },
    {
      name: "Liquibase: an applied changeset is edited, a new one appended",
      base: {
        "db/changelog/changes.sql": "--liquibase formatted sql\n\n--changeset ana:1\nCREATE TABLE accounts (id bigint);\n--rollback DROP TABLE accounts;\n",
      },
      head: {
        "db/changelog/changes.sql":
          "--liquibase formatted sql\n\n--changeset ana:1\nCREATE TABLE accounts (id bigint, email text);\n--rollback DROP TABLE accounts;\n\n--changeset ana:2\nCREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n--rollback DROP INDEX accounts_email;\n",
      },
      findings: [{ path: "db/changelog/changes.sql", line: 3 }],
    },
    {
      name: "Rails: only the safety_assured wrapper around an execute commented out (dawarich): the same SQL runs, a note",
      base: { "db/migrate/20250513164521_add_visited_countries_to_trips.rb": railsExecute(true) },
      head: { "db/migrate/20250513164521_add_visited_countries_to_trips.rb": railsExecute(false) },
      findings: [{ path: "db/migrate/20250513164521_add_visited_countries_to_trips.rb", line: 3, severity: "info", message: "a safety_assured block" }],
    },
    {
      name: "Rails: the safety_assured wrapper removed and the execute's SQL changed: a schema edit",
      base: { "db/migrate/20250513164521_add_visited_countries_to_trips.rb": railsExecute(true) },
      head: { "db/migrate/20250513164521_add_visited_countries_to_trips.rb": railsExecute(false, "ALTER TABLE trips ADD COLUMN visited_countries JSONB;") },
      findings: [{ path: "db/migrate/20250513164521_add_visited_countries_to_trips.rb", line: 5, severity: "error" }],
    },
    {
      name: "Rails: a class constant read only by the down, and the down using it (dawarich): only rollbacks change, a note",
      base: { "db/migrate/20260420190307_add_subscription_source.rb": railsDownConstant(false) },
      head: { "db/migrate/20260420190307_add_subscription_source.rb": railsDownConstant(true) },
      findings: [{ path: "db/migrate/20260420190307_add_subscription_source.rb", line: 2, severity: "info", message: "its down (the up that ran is the same" }],
    },
    {
      name: "Rails: a foreign key now added validated and the later migration that validated it emptied, in one change (dawarich): every database ends with the same validated key, a note on each",
      base: { "db/migrate/20250926220114_create_families.rb": railsFamilies(false), "db/migrate/20250926220345_validate_family_foreign_keys.rb": railsValidateFamilies(true) },
      head: { "db/migrate/20250926220114_create_families.rb": railsFamilies(true), "db/migrate/20250926220345_validate_family_foreign_keys.rb": railsValidateFamilies(false) },
      findings: [
        { path: "db/migrate/20250926220114_create_families.rb", line: 7, severity: "info", message: "only moves when constraints are validated" },
        { path: "db/migrate/20250926220345_validate_family_foreign_keys.rb", line: 3, severity: "info", message: "only moves when constraints are validated" },
      ],
    },
    {
      name: "Rails: the foreign key added validated while the validating migration stays as it was is still a schema edit",
      base: { "db/migrate/20250926220114_create_families.rb": railsFamilies(false), "db/migrate/20250926220345_validate_family_foreign_keys.rb": railsValidateFamilies(true) },
      head: { "db/migrate/20250926220114_create_families.rb": railsFamilies(true) },
      findings: [{ path: "db/migrate/20250926220114_create_families.rb", line: 7, severity: "error" }],
    },
    {
      name: "Rails: the validating migration emptied alone leaves the key NOT VALID on fresh databases: a schema edit",
      base: { "db/migrate/20250926220114_create_families.rb": railsFamilies(false), "db/migrate/20250926220345_validate_family_foreign_keys.rb": railsValidateFamilies(true) },
      head: { "db/migrate/20250926220345_validate_family_foreign_keys.rb": railsValidateFamilies(false) },
      findings: [{ path: "db/migrate/20250926220345_validate_family_foreign_keys.rb", line: 3, severity: "error" }],
    },
    {
      name: "Rails: a typo fixed in the heredoc an up raises to stop an upgrade (alaveteli 8f464c2b30): only the message changed, a note",
      base: { [alaveteliGuardPath]: alaveteliGuard(HEREDOC("dectected")) },
      head: { [alaveteliGuardPath]: alaveteliGuard(HEREDOC("detected")) },
      findings: [{ path: alaveteliGuardPath, line: 7, severity: "info", message: "the text of an exception it raises" }],
    },
    {
      name: "Rails: the message of ActiveRecord::IrreversibleMigration reworded, in the down: a note",
      base: { [alaveteliGuardPath]: alaveteliGuard(HEREDOC("detected")).replace("def down; end", 'def down\n    raise ActiveRecord::IrreversibleMigration, "notes are gone"\n  end') },
      head: { [alaveteliGuardPath]: alaveteliGuard(HEREDOC("detected")).replace("def down; end", 'def down\n    raise ActiveRecord::IrreversibleMigration, "the notes are gone for good"\n  end') },
      findings: [{ path: alaveteliGuardPath, line: 16, severity: "info" }],
    },
    {
      name: "Rails: the message reworded and the error raised changed to another class: other code, a warning",
      base: { [alaveteliGuardPath]: alaveteliGuard('raise "notes left"') },
      head: { [alaveteliGuardPath]: alaveteliGuard('raise ActiveRecord::IrreversibleMigration, "notes are left"') },
      findings: [{ path: alaveteliGuardPath, line: 4, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Rails: the message's interpolated code now counts other rows (`#{...}` reads the database): a warning",
      base: { [alaveteliGuardPath]: alaveteliGuard('raise "#{PublicBody::Translation.where.not(notes: nil).count} notes left"') },
      head: { [alaveteliGuardPath]: alaveteliGuard('raise "#{PublicBody::Translation.where.not(notes: nil).update_all(notes: nil)} notes left"') },
      findings: [{ path: alaveteliGuardPath, line: 4, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Rails: the message fixed together with another column dropped: a schema edit",
      base: { [alaveteliGuardPath]: alaveteliGuard(HEREDOC("dectected")) },
      head: { [alaveteliGuardPath]: alaveteliGuard(HEREDOC("detected"), ":notes_html") },
      findings: [{ path: alaveteliGuardPath, line: 12, severity: "error" }],
    },
    {
      name: "Django: the text of the RuntimeError a data step raises reworded (an f-string, its interpolation kept): a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoGuardPath]: djangoGuard('raise RuntimeError(f"{left} products lack plaintext: run fill_plaintext frist")') },
      head: { [djangoGuardPath]: djangoGuard('raise RuntimeError(\n            f"{left} products lack plaintext: "\n            "run fill_plaintext first"\n        )') },
      findings: [{ path: djangoGuardPath, line: 8, severity: "info", message: "the text of an exception it raises" }],
    },
    {
      name: "Django: the raised message reworded and the update's filter changed: what the data code writes changed, a warning",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoGuardPath]: djangoGuard('raise RuntimeError("products lack plaintext")') },
      head: { [djangoGuardPath]: djangoGuard('raise RuntimeError("products without plaintext")', "plaintext__isnull=True") },
      findings: [{ path: djangoGuardPath, line: 6, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Rails: a model class defined in the migration to pin the model it uses (alaveteli 73ae2d6301: `class Note < ApplicationRecord; translates :body; end`): the same tables, a note with the reason",
      base: { [alaveteliNotesPath]: alaveteliNotes("") },
      head: { [alaveteliNotesPath]: alaveteliNotes(NOTE_STUB) },
      findings: [{ path: alaveteliNotesPath, line: 3, severity: "info", message: "a model class it now defines for itself (`class Note < ApplicationRecord`: `translates :body`), which pins the model" }],
    },
    {
      name: "Rails: the pinning class comes with a changed data step (update_all writes another value): a warning",
      base: { [alaveteliNotesPath]: alaveteliNotes("", 'Note.create_translation_table!(body: :text)\n        Note.update_all(notable_tag: "x")') },
      head: { [alaveteliNotesPath]: alaveteliNotes(NOTE_STUB, 'Note.create_translation_table!(body: :text)\n        Note.update_all(notable_tag: "y")') },
      findings: [{ path: alaveteliNotesPath, line: 17, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Rails: the class defined in the migration declares a default (`attribute :notable_tag, default:`): rows written through it change, a warning",
      base: { [alaveteliNotesPath]: alaveteliNotes("") },
      head: { [alaveteliNotesPath]: alaveteliNotes("  class Note < ApplicationRecord\n    translates :body\n    attribute :notable_tag, :string, default: \"general\"\n  end\n\n") },
      findings: [{ path: alaveteliNotesPath, line: 2, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Rails: the class defined in the migration maps another table (`self.table_name = \"legacy_notes\"`): a warning",
      base: { [alaveteliNotesPath]: alaveteliNotes("") },
      head: { [alaveteliNotesPath]: alaveteliNotes('  class Note < ApplicationRecord\n    self.table_name = "legacy_notes"\n    translates :body\n  end\n\n') },
      findings: [{ path: alaveteliNotesPath, line: 2, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "only comments changed in a Rails migration: a note, not an error",
      base: { "db/migrate/20240101000000_add_phone.rb": rails },
      head: { "db/migrate/20240101000000_add_phone.rb": `# phone for SMS login\n${rails}` },
      findings: [{ path: "db/migrate/20240101000000_add_phone.rb", line: 1, severity: "info" }],
    },
    {
      name: "Django: a module moved, so old migrations import it from its new place (imports and a sanitizer function): a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django({ module: "shop.core.editorjs", sanitizer: "clean_editorjs" }) },
      findings: [{ path: djangoPath, line: 4, severity: "info" }],
    },
    {
      name: "Django: moved with its app folder (OWASP Nest's backend/apps/ → backend/src/apps/) and an import changed in the move: the same migration, a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      renames: { "backend/shop/product/migrations/0001_initial.py": "shop/product/migrations/0001_initial.py", [`backend/${djangoPath}`]: djangoPath },
      head: { [`backend/${djangoPath}`]: django({ module: "shop.core.editorjs", sanitizer: "clean_editorjs" }) },
      findings: [{ path: `backend/${djangoPath}`, line: 4, severity: "info" }],
    },
    {
      name: "Django: moved with its app folder, listed as a deletion and an addition (unpaired by git), its schema changed: an edit of the migration databases ran",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { "shop/product/migrations/0001_initial.py": null, [djangoPath]: null, "backend/shop/product/migrations/0001_initial.py": djangoInitial, [`backend/${djangoPath}`]: django({ maxLength: 500 }) },
      findings: [{ path: `backend/${djangoPath}`, line: 28, severity: "error" }],
    },
    {
      name: "Django: moved with its app folder and its schema changed in the move: an edit of the migration databases ran",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      renames: { "backend/shop/product/migrations/0001_initial.py": "shop/product/migrations/0001_initial.py", [`backend/${djangoPath}`]: djangoPath },
      head: { [`backend/${djangoPath}`]: django({ maxLength: 500 }) },
      findings: [{ path: `backend/${djangoPath}`, line: 28, severity: "error" }],
    },
    {
      name: "Django: the same DeleteModel operations in another order after a RemoveField migguard's net schema does not follow (wger's 0021 cleanup): every database ends without the tables, a note",
      base: { "manager/migrations/0001_initial.py": routinesInitial, "manager/migrations/0002_cleanup.py": routinesCleanup(["Workout", "Schedule", "ScheduleStep"]) },
      head: { "manager/migrations/0002_cleanup.py": routinesCleanup(["ScheduleStep", "Schedule", "Workout"]) },
      findings: [{ path: "manager/migrations/0002_cleanup.py", line: 11, severity: "info", message: "the order of its operations" }],
    },
    {
      name: "Django: the DeleteModel operations reordered with one left out is still a schema change",
      base: { "manager/migrations/0001_initial.py": routinesInitial, "manager/migrations/0002_cleanup.py": routinesCleanup(["Workout", "Schedule", "ScheduleStep"]) },
      head: { "manager/migrations/0002_cleanup.py": routinesCleanup(["ScheduleStep", "Schedule"]) },
      findings: [{ path: "manager/migrations/0002_cleanup.py", line: 12, severity: "error" }],
    },
    {
      name: "Django: on_delete added inside a class attribute `state_operations = [...]` that SeparateDatabaseAndState is given (ralph 97b8aebd8f, virtual 0001): Python only, a note",
      base: { [movedModelsPath]: movedModels() },
      head: { [movedModelsPath]: movedModels({ onDelete: true }) },
      findings: [{ path: movedModelsPath, line: 16, severity: "info", message: "only options Django keeps in Python only (on_delete), nothing the database sees" }],
    },
    {
      name: "Django: a field added to a CreateModel of a class attribute given as state_operations: Django's state only, a note",
      base: { [movedModelsPath]: movedModels() },
      head: { [movedModelsPath]: movedModels({ field: '("name", models.CharField(max_length=100))' }) },
      findings: [{ path: movedModelsPath, line: 17, severity: "info", message: "only operations Django applies to its model state only (a SeparateDatabaseAndState's state_operations" }],
    },
    {
      name: "Django: a field added to an inline state_operations list of SeparateDatabaseAndState: Django's state only, a note",
      base: { [movedModelsPath]: movedModels(), [movedWithDatabasePath]: movedWithDatabase("ALTER TABLE virtual_host ADD COLUMN a integer", 64) },
      head: { [movedWithDatabasePath]: movedWithDatabase("ALTER TABLE virtual_host ADD COLUMN a integer", 64, ', ("name", models.TextField())') },
      findings: [{ path: movedWithDatabasePath, line: 22, severity: "info", message: "model state only" }],
    },
    {
      name: "Django: the SQL of a module-level list given as database_operations changed: the schema differs, an error",
      base: { [movedModelsPath]: movedModels(), [movedWithDatabasePath]: movedWithDatabase("ALTER TABLE virtual_host ADD COLUMN a integer", 64) },
      head: { [movedWithDatabasePath]: movedWithDatabase("ALTER TABLE virtual_host ADD COLUMN b integer", 64) },
      findings: [{ path: movedWithDatabasePath, line: 4, severity: "error" }],
    },
    {
      name: "Django: a field's size changed in a module-level list joined to operations with `+`: the schema differs, an error",
      base: { [movedModelsPath]: movedModels(), [movedWithDatabasePath]: movedWithDatabase("ALTER TABLE virtual_host ADD COLUMN a integer", 64) },
      head: { [movedWithDatabasePath]: movedWithDatabase("ALTER TABLE virtual_host ADD COLUMN a integer", 128) },
      findings: [{ path: movedWithDatabasePath, line: 8, severity: "error" }],
    },
    {
      name: "Django: help_text, verbose_name, choices and validators are Python only: a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django({ helpText: "Rich text, as EditorJS blocks" }) },
      findings: [{ path: djangoPath, line: 24, severity: "info" }],
    },
    {
      name: "Django: through_fields added to a many-to-many with an explicit through model (JumpServer's orgs 0002) is Python only: a note",
      base: { "orgs/migrations/0002_members.py": m2mThrough("") },
      head: { "orgs/migrations/0002_members.py": m2mThrough(`\n                through_fields=("org", "user"),`) },
      findings: [{ path: "orgs/migrations/0002_members.py", line: 15, severity: "info" }],
    },
    {
      name: "Django: CheckConstraint(check=...) written as condition=..., Django 5.1's name for the same argument (Pontoon's messaging 0001): a note",
      base: { "messaging/migrations/0001_initial.py": withCheck("check") },
      head: { "messaging/migrations/0001_initial.py": withCheck("condition") },
      findings: [{ path: "messaging/migrations/0001_initial.py", line: 14, severity: "info" }],
    },
    {
      name: "Alembic: a log line reformatted (.format -> f-string) and an explicit `return None` ending a helper (hypothesis/h's Ruff fixes): nothing reaches the database, a note",
      base: { "h/migrations/versions/615358b6c428_move_groups.py": movesGroups('log.info("Moved {n} groups".format(n=moved))', "") },
      head: { "h/migrations/versions/615358b6c428_move_groups.py": movesGroups('log.info(f"Moved {moved} groups")', "\n    return None") },
      findings: [{ path: "h/migrations/versions/615358b6c428_move_groups.py", line: 15, severity: "info" }],
    },
    {
      name: "Alembic: a log line that now calls the database is a change of what the data code does",
      base: { "h/migrations/versions/615358b6c428_move_groups.py": movesGroups('log.info("Moved {n} groups".format(n=moved))', "") },
      head: { "h/migrations/versions/615358b6c428_move_groups.py": movesGroups('log.info("Moved %s groups", conn.execute(sa.text("DELETE FROM old_groups")).rowcount)', "") },
      findings: [{ path: "h/migrations/versions/615358b6c428_move_groups.py", line: 21, severity: "warning" }],
    },
    {
      name: "Django: what the RunPython function computes changed: a warning that the data step behaves differently",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: {
        [djangoPath]: django({
          body: "    for product in Product.objects.all():\n        product.plaintext = editorjs_to_text(product.description)\n        product.save(update_fields=[\"plaintext\"])",
        }),
      },
      findings: [{ path: djangoPath, line: 10, severity: "warning" }],
    },
    {
      name: "Django: only type annotations changed (healthchecks' django-stubs upgrade: `apps: Apps` -> `apps: StateApps` and its import): a note",
      base: { [typedPath]: djangoTyped({ imports: "from django.apps.registry import Apps", apps: "Apps" }) },
      head: { [typedPath]: djangoTyped({ imports: "from django.db.migrations.state import StateApps", apps: "StateApps" }) },
      findings: [{ path: typedPath, line: 5, severity: "info", message: "type annotations" }],
    },
    {
      name: "Django: annotations added to a data function's signature, return type and a local variable: a note",
      base: { [typedPath]: djangoTyped({ imports: "import uuid", apps: "Any" }).replace("def fill_code(apps: Any, schema_editor: Any) -> None:", "def fill_code(apps, schema_editor):").replace("    Notification = apps", "    model = None\n    Notification = apps") },
      head: { [typedPath]: djangoTyped({ imports: "import uuid", apps: "Any", returns: " -> int | None" }).replace("    Notification = apps", "    model: type | None = None\n    Notification = apps") },
      findings: [{ path: typedPath, line: 9, severity: "info", message: "type annotations" }],
    },
    {
      name: "Django: an annotation changed together with a default argument value: what the code does changed, a warning",
      base: { [typedPath]: djangoTyped({ imports: "import uuid", apps: "Any" }).replace("schema_editor: Any)", "schema_editor: Any, batch: int = 100)") },
      head: { [typedPath]: djangoTyped({ imports: "import uuid", apps: "Any" }).replace("schema_editor: Any)", "schema_editor: Any, batch: float = 500)") },
      findings: [{ path: typedPath, line: 9, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: a column's size changed: the schema differs between databases, an error",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django({ maxLength: 512 }) },
      findings: [{ path: djangoPath, line: 28, severity: "error", message: "the edit changes the type of product_product.plaintext" }],
    },
    {
      name: "Rails: data code now calls another JSON library with the same arguments (Mastodon's Oj -> JSON): a note naming the swap",
      base: { "db/migrate/20240101000000_move_settings.rb": railsData("Oj.load", "Oj.dump") },
      head: { "db/migrate/20240101000000_move_settings.rb": railsData("JSON.parse", "JSON.generate") },
      findings: [{ path: "db/migrate/20240101000000_move_settings.rb", line: 6, severity: "info", message: "(Oj.load → JSON.parse, Oj.dump → JSON.generate): a library or API swap" }],
    },
    {
      name: "Rails: the swap sits in a loop that also skips rows with `next ... if` and calls other classes, which the adapter reads as one data step (glitch-soc's reject_following_blocked_users, Oj.dump -> JSON.generate): a note naming the swap",
      base: { "db/migrate/20180608213548_reject_following_blocked_users.rb": railsRejectFollows("Oj.dump") },
      head: { "db/migrate/20180608213548_reject_following_blocked_users.rb": railsRejectFollows("JSON.generate") },
      findings: [{ path: "db/migrate/20180608213548_reject_following_blocked_users.rb", line: 9, severity: "info", message: "(Oj.dump → JSON.generate): a library or API swap" }],
    },
    {
      name: "Rails: the same loop, its payload now also built from another argument: what the data code does changed, a warning",
      base: { "db/migrate/20180608213548_reject_following_blocked_users.rb": railsRejectFollows("Oj.dump") },
      head: { "db/migrate/20180608213548_reject_following_blocked_users.rb": railsRejectFollows("JSON.generate").replace("sign!(followed_account)", "sign!(blocked_account)") },
      findings: [{ path: "db/migrate/20180608213548_reject_following_blocked_users.rb", line: 9, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Rails: the swap comes with another argument: what the data code does changed, a warning",
      base: { "db/migrate/20240101000000_move_settings.rb": railsData("Oj.load", "Oj.dump") },
      head: { "db/migrate/20240101000000_move_settings.rb": railsData("JSON.parse", "JSON.generate").replace("JSON.generate(settings)", "JSON.generate(settings.compact)") },
      findings: [{ path: "db/migrate/20240101000000_move_settings.rb", line: 6, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: the RunPython function calls the helper from the module it moved to, with the same arguments (Saleor's editorjs): a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django({ helper: "from shop.core.utils.editorjs import clean_editor_js" }) },
      head: {
        [djangoPath]: django({
          helper: "from shop.core.utils import editorjs",
          body: "    for product in Product.objects.all():\n        product.plaintext = editorjs.clean(product.description, to_string=True)\n        product.save(update_fields=[\"plaintext\"])",
        }),
      },
      findings: [{ path: djangoPath, line: 11, severity: "info", message: "(clean_editor_js → editorjs.clean)" }],
    },
    {
      name: "Django: another method called on the model's rows is other work, not a library swap: a warning",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django({ body: "    for product in Product.objects.all():\n        product.plaintext = clean_editor_js(product.description, to_string=True)\n        product.delete(update_fields=[\"plaintext\"])" }) },
      findings: [{ path: djangoPath, line: 11, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Rails: another method called on the records (update_column -> update_attribute, which runs callbacks): a warning",
      base: { "db/migrate/20240101000000_move_settings.rb": railsData("Oj.load", "Oj.dump") },
      head: { "db/migrate/20240101000000_move_settings.rb": railsData("Oj.load", "Oj.dump").replace("update_column", "update_attribute") },
      findings: [{ path: "db/migrate/20240101000000_move_settings.rb", line: 7, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Rails: .find_each -> .in_batches.each_record over the same relation (publishing-api's rubocop FindEach autocorrect, the other way): a note naming the swap",
      base: { "db/migrate/20240101000000_move_settings.rb": railsData("Oj.load", "Oj.dump") },
      head: { "db/migrate/20240101000000_move_settings.rb": railsData("Oj.load", "Oj.dump").replace(".find_each do", ".in_batches(of: 500).each_record do") },
      findings: [{ path: "db/migrate/20240101000000_move_settings.rb", line: 5, severity: "info", message: "(line 5: `.find_each` → `.in_batches.each_record`)" }],
    },
    {
      name: "Rails: find_each(start: ...) skips rows: which rows change is other work, a warning",
      base: { "db/migrate/20240101000000_move_settings.rb": railsData("Oj.load", "Oj.dump") },
      head: { "db/migrate/20240101000000_move_settings.rb": railsData("Oj.load", "Oj.dump").replace(".find_each do", ".find_each(start: 1000) do") },
      findings: [{ path: "db/migrate/20240101000000_move_settings.rb", line: 5, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: .using(db_alias) added where db_alias is schema_editor.connection.alias, on a project whose settings name one database (galaxy_ng 28314c5335): the same database, a note naming the settings",
      base: { "docker/etc/settings.py": galaxySettings(), [galaxyReposPath]: galaxyRepos("") },
      head: { [galaxyReposPath]: galaxyRepos(".using(db_alias)") },
      findings: [{ path: galaxyReposPath, line: 9, severity: "info", message: 'DATABASES has only "default": docker/etc/settings.py:3' }],
    },
    {
      name: "Django: .using(schema_editor.connection.alias) written out, one database: the same note",
      base: { "docker/etc/settings.py": galaxySettings(), [galaxyReposPath]: galaxyRepos("") },
      head: { [galaxyReposPath]: galaxyRepos(".using(schema_editor.connection.alias)") },
      findings: [{ path: galaxyReposPath, line: 9, severity: "info", message: "only names the connection its data code already runs on" }],
    },
    {
      name: "Django: the same .using(db_alias) on a project whose settings add a second alias: the rows may go to another database, a warning",
      base: { "docker/etc/settings.py": galaxySettings('DATABASES["replica"] = {"ENGINE": "django.db.backends.postgresql"}\n'), [galaxyReposPath]: galaxyRepos("") },
      head: { [galaxyReposPath]: galaxyRepos(".using(db_alias)") },
      findings: [{ path: galaxyReposPath, line: 9, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: the same .using(db_alias) with one database and DATABASE_ROUTERS (a router may send the model elsewhere): a warning",
      base: { "docker/etc/settings.py": galaxySettings('DATABASE_ROUTERS = ["galaxy_ng.routers.ReadRouter"]\n'), [galaxyReposPath]: galaxyRepos("") },
      head: { [galaxyReposPath]: galaxyRepos(".using(db_alias)") },
      findings: [{ path: galaxyReposPath, line: 9, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: the same .using(db_alias) with no settings module in the tree (nothing proves one database): a warning",
      base: { [galaxyReposPath]: galaxyRepos("") },
      head: { [galaxyReposPath]: galaxyRepos(".using(db_alias)") },
      findings: [{ path: galaxyReposPath, line: 9, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: .using(db_alias) where db_alias is a fixed alias, not the migration's connection, one database: another alias, a warning",
      base: { "docker/etc/settings.py": galaxySettings(), [galaxyReposPath]: galaxyRepos("", '"legacy"') },
      head: { [galaxyReposPath]: galaxyRepos(".using(db_alias)", '"legacy"') },
      findings: [{ path: galaxyReposPath, line: 9, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: the loop walks Product.objects.iterator() instead of .all(): the same rows, a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django({ body: "    for product in Product.objects.iterator(chunk_size=500):\n        product.plaintext = clean_editor_js(product.description, to_string=True)\n        product.save(update_fields=[\"plaintext\"])" }) },
      findings: [{ path: djangoPath, line: 9, severity: "info", message: "`.all()` → `.iterator()`" }],
    },
    {
      name: "Django: .all() dropped from something that is no QuerySet (an array's all(), a truth test): other work, a warning",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django({ body: "    flags = numpy.array(list(Product.objects.values_list(\"id\", flat=True)))\n    if flags.all():\n        Product.objects.update(plaintext=None)" }) },
      head: { [djangoPath]: django({ body: "    flags = numpy.array(list(Product.objects.values_list(\"id\", flat=True)))\n    if flags:\n        Product.objects.update(plaintext=None)" }) },
      findings: [{ path: djangoPath, line: 10, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: the loop walks a filtered queryset now: other rows, a warning",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django({ body: "    for product in Product.objects.filter(plaintext=None).iterator():\n        product.plaintext = clean_editor_js(product.description, to_string=True)\n        product.save(update_fields=[\"plaintext\"])" }) },
      findings: [{ path: djangoPath, line: 9, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: the same data edit of a migration no version tag holds (added after v2026.1.0, edited before the next release): production never ran it, a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django({ body: "    for product in Product.objects.filter(plaintext=None).iterator():\n        product.plaintext = clean_editor_js(product.description, to_string=True)\n        product.save(update_fields=[\"plaintext\"])" }) },
      releases: { onBase: ["v2026.1.0"], shippedIn: { [djangoPath]: [] } },
      findings: [{ path: djangoPath, line: 9, severity: "info", message: "edited before any release" }],
    },
    {
      name: "Django: the same data edit when the newest version tag is years older than the change (lego's v1.0.0 of 2017, deployed from master since): the branch is deployed, production ran the migration, the warning stays",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django({ body: "    for product in Product.objects.filter(plaintext=None).iterator():\n        product.plaintext = clean_editor_js(product.description, to_string=True)\n        product.save(update_fields=[\"plaintext\"])" }) },
      dates: { change: "2026-08-18T12:00:00Z" },
      releases: { onBase: ["v1.0.0"], shippedIn: { [djangoPath]: [] }, newestReleaseDate: "2017-10-20T06:43:25+02:00" },
      findings: [{ path: djangoPath, line: 9, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: the same data edit once a version tag holds the migration (Thunderstore's 0061, tagged 0.144.1 the day before its fix): released, the warning stays",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django({ body: "    for product in Product.objects.filter(plaintext=None).iterator():\n        product.plaintext = clean_editor_js(product.description, to_string=True)\n        product.save(update_fields=[\"plaintext\"])" }) },
      releases: { onBase: ["0.144.1", "0.144.0"], shippedIn: { [djangoPath]: ["0.144.1"] } },
      findings: [{ path: djangoPath, line: 9, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: the same data edit once a release branch's tag holds the migration, cherry-picked, though the base branch's newest tag does not (Saleor's 0088, backported to 3.22.25; main holds only 3.21.0-a.0): released, the warning stays",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django({ body: "    for product in Product.objects.filter(plaintext=None).iterator():\n        product.plaintext = clean_editor_js(product.description, to_string=True)\n        product.save(update_fields=[\"plaintext\"])" }) },
      releases: { onBase: ["3.21.0-a.0"], shippedIn: { [djangoPath]: ["3.22.25"] } },
      findings: [{ path: djangoPath, line: 9, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Rails: the same library's other function (Oj.dump -> Oj.load) is other work: a warning",
      base: { "db/migrate/20240101000000_move_settings.rb": railsData("Oj.load", "Oj.dump") },
      head: { "db/migrate/20240101000000_move_settings.rb": railsData("Oj.load", "Oj.load") },
      findings: [{ path: "db/migrate/20240101000000_move_settings.rb", line: 7, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Rails: a squished heredoc rewritten by rubocop (<<-SQL to <<~SQL, indented): a note, squish gives the same SQL (OpenStreetMap)",
      base: { "db/migrate/006_tile_nodes.rb": railsCopy("<<-SQL", "") },
      head: { "db/migrate/006_tile_nodes.rb": railsCopy("<<~SQL", "  ") },
      findings: [{ path: "db/migrate/006_tile_nodes.rb", line: 3, severity: "info", message: "comments or formatting" }],
    },
    {
      name: "Rails: a squished heredoc that copies another column: a warning",
      base: { "db/migrate/006_tile_nodes.rb": railsCopy("<<-SQL", "") },
      head: { "db/migrate/006_tile_nodes.rb": railsCopy("<<~SQL", "  ", "longitude") },
      findings: [{ path: "db/migrate/006_tile_nodes.rb", line: 4, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: the RunPython function reformatted (black): a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: {
        [djangoPath]: django({
          body: "    for product in Product.objects.all():\n        product.plaintext = clean_editor_js(\n            product.description, to_string=True,\n        )\n        product.save(update_fields=['plaintext'])  # only this field",
        }),
      },
      findings: [{ path: djangoPath, line: 10, severity: "info" }],
    },
    {
      name: "Django: the RunPython function renamed, its body the same: a note (taiga-back)",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django() },
      head: { [djangoPath]: django().replace(/fill_plaintext/g, "fill_product_plaintext") },
      findings: [{ path: djangoPath, line: 7, severity: "info", message: "comments or formatting" }],
    },
    {
      name: "Django: a call that names nothing reaching the database added to the data code (a file closed): a note (taiga-back's f.close())",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django({ body: '    f = open("logo.png", "rb")\n    for product in Product.objects.all():\n        product.logo = f.read()\n        product.save()' }) },
      head: { [djangoPath]: django({ body: '    f = open("logo.png", "rb")\n    for product in Product.objects.all():\n        product.logo = f.read()\n        product.save()\n    f.close()' }) },
      findings: [{ path: djangoPath, line: 13, severity: "info", message: "comments or formatting" }],
    },
    {
      name: "Django: a call on the model's rows added to the data code: a warning",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [djangoPath]: django({ body: "    for product in Product.objects.all():\n        product.save()" }) },
      head: { [djangoPath]: django({ body: "    for product in Product.objects.all():\n        product.save()\n        product.refresh_from_db()" }) },
      findings: [{ path: djangoPath, line: 11, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: a RunSQL's SQL moved into a helper that returns it: a note (taiga-back)",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [sqlPath]: djangoSql("RunSQL(\"\"\"\n            CREATE INDEX product_name ON product_product (id);\n        \"\"\")") },
      head: { [sqlPath]: djangoSql("RunSQL(_index_sql())", 'def _index_sql():\n    return "CREATE INDEX product_name ON product_product (id);"\n') },
      findings: [{ path: sqlPath, line: 3, severity: "info", message: "comments or formatting" }],
    },
    {
      name: "Django: a RunSQL's SQL now one of two statements a helper picks when it runs (taiga-back's PostgreSQL 14 aggregate): a note, migguard cannot tell",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [sqlPath]: djangoSql('RunSQL("CREATE INDEX product_name ON product_product (id);")') },
      head: {
        [sqlPath]: djangoSql(
          "RunSQL(_index_sql())",
          'def _index_sql():\n    if connection.cursor().connection.server_version < 140000:\n        return "CREATE INDEX product_name ON product_product (id);"\n    return "CREATE INDEX product_name ON product_product USING hash (id);"\n',
        ),
      },
      findings: [{ path: sqlPath, line: 12, severity: "info", message: "cannot tell" }],
    },
    {
      name: "Django: a helper returning other SQL: the schema differs, an error",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [sqlPath]: djangoSql('RunSQL("CREATE INDEX product_name ON product_product (id);")') },
      head: { [sqlPath]: djangoSql("RunSQL(_index_sql())", 'def _index_sql():\n    return "CREATE INDEX product_name ON product_product USING hash (id);"\n') },
      // on the helper's return, where the SQL that changed is written (the helper is read by project-modules' returnedValue since 4ed2e79)
      findings: [{ path: sqlPath, line: 4, severity: "error", message: "the edit changes how the index product_name on product_product (id) is built" }],
    },
    {
      name: "Django: constants copied into the migration from the module it imported, one value changed on the way: what the data code reads changed, a warning",
      base: { "kitsune/customercare/__init__.py": supportModule, [populatePath]: populate("import") },
      head: { "kitsune/customercare/__init__.py": "", [populatePath]: populate("inline", SUPPORT_CONSTANTS.replace('"t2-connectivity"', '"t2-connection"')) },
      findings: [{ path: populatePath, line: 3, severity: "warning" }],
    },
    {
      name: "Django: the block of an `if` that raised now does something, under another condition: what the data code does changed, a warning",
      base: { [esrPath]: moveEsr("clashing", RAISES) },
      head: { [esrPath]: moveEsr("clashing and firefox.visible", DROPS) },
      findings: [{ path: esrPath, line: 10, severity: "warning" }],
    },
    {
      name: "Django: a space put into a string literal inside a RunSQL constant's SQL: what it runs changed, a warning",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [galaxySqlPath]: galaxySql("") },
      head: { [galaxySqlPath]: galaxySql("", "'pub lished'") },
      findings: [{ path: galaxySqlPath, line: 11, severity: "warning" }],
    },
    {
      name: "Django: ruff's rewrites and one real change, a method no longer called (galaxy_ng 6d92ca9fc1's `old_ns.save` -> `old_ns.save()`): a warning",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [galaxyLintPath]: galaxyLint(LINT_BEFORE.replace("l.save()", "l.save")) },
      head: { [galaxyLintPath]: galaxyLint(LINT_AFTER) },
      findings: [{ path: galaxyLintPath, line: 18, severity: "warning", message: "changes what its data code does" }],
    },
    {
      name: "Django: a local renamed onto another local's name (two variables become one) where the object saved is the same (the last row either way): the rename changes nothing, a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [galaxyLintPath]: galaxyLint("    first = Product.objects.first()\n    last = Product.objects.last()\n    last.save()") },
      head: { [galaxyLintPath]: galaxyLint("    first = Product.objects.first()\n    first = Product.objects.last()\n    first.save()") },
      findings: [{ path: galaxyLintPath, line: 7, severity: "info" }],
    },
    {
      name: "Django: a dependency repointed from an installed package's migration to its squash (galaxy_ng 1c1894cfb8, pulp_ansible 0.30): a note that only the order changes",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [pulpPath]: pulpDependent('("ansible", "0016_add_extension")') },
      head: { [pulpPath]: pulpDependent('("ansible", "0001_initial_squashed_0040_ansiblerepository_keyring")') },
      findings: [{ path: pulpPath, line: 7, severity: "info", message: "only repoints its dependency on ansible.0016_add_extension to ansible.0001_initial_squashed_0040_ansiblerepository_keyring" }],
    },
    {
      name: "Django: a dependency repointed onto a migration of the repository: the graph warning stays",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, "shop/product/migrations/0002_name.py": djangoSql('RunSQL("SELECT 1;")'), [pulpPath]: pulpDependent('("ansible", "0016_add_extension")') },
      head: { [pulpPath]: pulpDependent('("product", "0002_name")') },
      findings: [{ path: pulpPath, line: 7, severity: "warning", message: "where it sits in the migration graph" }],
    },
    {
      name: "Django: a squash's `replaces` removed with the replaced files deleted (Baserow 9758c56eb0 builder 0001_squashed_0038): the note on the squash's last step, no schema edit",
      base: {
        "builder/migrations/0001_initial.py": `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [migrations.CreateModel(name="Page", fields=[("id", models.AutoField(primary_key=True)), ("path", models.TextField())])]\n`,
        "builder/migrations/0001_squashed_0001_initial.py": `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    replaces = [("builder", "0001_initial")]\n\n    initial = True\n    dependencies = []\n    operations = [migrations.CreateModel(name="Page", fields=[("id", models.AutoField(primary_key=True)), ("path", models.TextField())])]\n`,
      },
      head: {
        "builder/migrations/0001_squashed_0001_initial.py": `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [migrations.CreateModel(name="Page", fields=[("id", models.AutoField(primary_key=True)), ("path", models.TextField())])]\n`,
        "builder/migrations/0001_initial.py": null,
      },
      findings: [{ path: "builder/migrations/0001_squashed_0001_initial.py", line: 1, severity: "info", message: "removes its `replaces` list" }],
    },
    {
      name: "Django: a column of a project field class (Baserow's FormulaField, a TextField subclass in its own module) re-wrapped: the base side reads the class through its bases too, so only formatting changed",
      base: {
        "core/formula/field.py": `from django.db import models\n\n\nclass FormulaField(models.TextField):\n    pass\n`,
        "builder/migrations/0001_initial.py": `from django.db import migrations, models\n\nimport core.formula.field\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [migrations.CreateModel(name="Heading", fields=[("id", models.AutoField(primary_key=True)), ("value", core.formula.field.FormulaField(default=""))])]\n`,
      },
      head: {
        "builder/migrations/0001_initial.py": `from django.db import migrations, models\n\nimport core.formula.field\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(\n            name="Heading",\n            fields=[("id", models.AutoField(primary_key=True)), ("value", core.formula.field.FormulaField(default=""))],\n        )\n    ]\n`,
      },
      findings: [{ path: "builder/migrations/0001_initial.py", line: 9, severity: "info", message: "comments or formatting" }],
    },
  ],
  valid: [
    {
      name: "Django: only the block of an `if` that always raised changed (kitsune 0036): databases that recorded the migration never took it, a note",
      base: { [esrPath]: moveEsr("clashing", RAISES) },
      head: { [esrPath]: moveEsr("clashing", DROPS) },
    },
    {
      name: "Django: constants it imported now written in the migration with the values the module held on the base branch, as the change empties the module (kitsune 0029): a note",
      base: { "kitsune/customercare/__init__.py": supportModule, [populatePath]: populate("import") },
      head: { "kitsune/customercare/__init__.py": "", [populatePath]: populate("inline") },
    },
    {
      name: "a new migration beside merged ones",
      base: { "db/migrations/001_accounts.up.sql": create },
      head: { "db/migrations/002_email.up.sql": "ALTER TABLE accounts ADD COLUMN email text;\n" },
    },
    {
      name: "Liquibase: appending a changeset leaves the applied ones alone",
      base: { "db/changelog/changes.sql": "--liquibase formatted sql\n--changeset ana:1\nCREATE TABLE accounts (id bigint);\n--rollback DROP TABLE accounts;\n" },
      head: {
        "db/changelog/changes.sql":
          "--liquibase formatted sql\n--changeset ana:1\nCREATE TABLE accounts (id bigint);\n--rollback DROP TABLE accounts;\n--changeset ana:2\nALTER TABLE accounts ADD COLUMN email text;\n--rollback ALTER TABLE accounts DROP COLUMN email;\n",
      },
    },
    {
      name: "Flyway repeatable migrations are meant to change",
      base: { "db/migration/R__views.sql": "CREATE OR REPLACE VIEW v AS SELECT 1;\n" },
      head: { "db/migration/R__views.sql": "CREATE OR REPLACE VIEW v AS SELECT 2;\n" },
    },
    {
      name: "fixing the separate down file of an applied migration",
      base: { "db/migrations/001_accounts.up.sql": create, "db/migrations/001_accounts.down.sql": "DROP TABLE acounts;\n" },
      head: { "db/migrations/001_accounts.down.sql": "DROP TABLE accounts;\n" },
    },
    {
      name: "waived for the whole file with a reason",
      base: { "db/migrations/001_accounts.up.sql": create },
      head: { "db/migrations/001_accounts.up.sql": `-- migguard:ignore-file edited-migration never deployed: the release was rolled back\n${create}ALTER TABLE accounts ADD COLUMN email text;\n` },
    },
    {
      name: "Django: trailing spaces stripped inside a RunSQL constant, its function body included (galaxy_ng d2a3f2e952): a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [galaxySqlPath]: galaxySql("  ") },
      head: { [galaxySqlPath]: galaxySql("") },
    },
    {
      name: "Django: ruff's rewrites of a RunPython function (galaxy_ng 28314c5335, c9298ed0eb, e7f5345448: a loop and a comprehension variable renamed, an unread model lookup and assignment dropped, dict() and set(generator) as literals): a note",
      base: { "shop/product/migrations/0001_initial.py": djangoInitial, [galaxyLintPath]: galaxyLint(LINT_BEFORE) },
      head: { [galaxyLintPath]: galaxyLint(LINT_AFTER) },
    },
  ],
});
