/**
 * The false alarms of the tenth independent replay (bike_index, kitsune), each rebuilt in a small git repository
 * and reviewed through `migguard review` (issue #19).
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { REPLICA_DATABASE_YML } from "../../src/engine/testing/rails-fixtures.js";

const structure = (columns: string[], versions: string[]) =>
  `CREATE TABLE public.users (\n    id bigint NOT NULL,\n${columns.map((c) => `    ${c} character varying`).join(",\n")}\n);\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n\n`;
const createUsers = "class CreateUsers < ActiveRecord::Migration[8.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n";
const addPhone = "class AddPhoneToUsers < ActiveRecord::Migration[8.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n";

/** bike_index: lib/tasks/schema_dump.rake copies db/structure.sql to db/primary_replica_structure.sql after every dump. */
const BIKE_INDEX = {
  "config/database.yml": REPLICA_DATABASE_YML,
  "lib/tasks/schema_dump.rake": 'Rake::Task["db:schema:dump"].enhance do\n  File.write("db/primary_replica_structure.sql", File.read("db/structure.sql"))\nend\n',
  "db/migrate/20260101000000_create_users.rb": createUsers,
  "db/structure.sql": structure(["email"], ["20260101000000"]),
  "db/primary_replica_structure.sql": structure(["email"], ["20260101000000"]),
};
const withPhone = structure(["email", "phone"], ["20260201000000", "20260101000000"]);

describe("schema-dump-without-migration: the dump of a replica database (bike_index's db/primary_replica_structure.sql)", () => {
  it("review: a migration with db/structure.sql and its replica's copy dumped alike: no drift", async () => {
    const repo = featureBranchOn(BIKE_INDEX);
    repo.write({ "db/migrate/20260201000000_add_phone_to_users.rb": addPhone, "db/structure.sql": withPhone, "db/primary_replica_structure.sql": withPhone }).commit("add phone");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule.startsWith("schema-dump"))).toEqual([]);
  });

  it("review: the replica's copy edited alone is written again from db/structure.sql, never reverted alone", async () => {
    const repo = featureBranchOn(BIKE_INDEX);
    repo.write({ "db/primary_replica_structure.sql": withPhone }).commit("hand edit");
    const { findings } = await reviewJson(repo);
    const drift = findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(drift.map((f) => [f.path, f.severity])).toEqual([["db/primary_replica_structure.sql", "warning"]]);
    expect(drift[0].message).toContain("config/database.yml declares primary_replica a replica (`replica: true`) of primary");
    expect(drift[0].fix).toContain("cp db/structure.sql db/primary_replica_structure.sql");
    expect(drift[0].fix).not.toContain("git checkout");
  });

  it("review: the replica's stale copy written again from db/structure.sql, which the change leaves alone (efe21edeb1): a note", async () => {
    const repo = featureBranchOn({ ...BIKE_INDEX, "db/migrate/20260201000000_add_phone_to_users.rb": addPhone, "db/structure.sql": withPhone });
    repo.write({ "db/primary_replica_structure.sql": withPhone }).commit("mirror structure.sql");
    const { findings } = await reviewJson(repo);
    const drift = findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(drift.map((f) => [f.path, f.severity])).toEqual([["db/primary_replica_structure.sql", "info"]]);
    expect(drift[0].message).toContain("it is now db/structure.sql byte for byte");
  });

  it("review: both dumps edited alike without a migration: one finding on db/structure.sql, whose revert takes the copy along", async () => {
    const repo = featureBranchOn(BIKE_INDEX);
    repo.write({ "db/structure.sql": withPhone, "db/primary_replica_structure.sql": withPhone }).commit("hand edit both");
    const { findings } = await reviewJson(repo);
    const drift = findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(drift.map((f) => f.path)).toEqual(["db/structure.sql"]);
    expect(drift[0].fix).toContain("git checkout <base> -- db/structure.sql db/primary_replica_structure.sql");
  });
});

// bike_index 20260725192133: the SQL it runs comes from elsewhere (the real one from helper methods; a constant or a
// run-time value in a value's place would be read, so this one reads a file): unreadable
const dedupe = `class AddUniqueIndexToBikeOrganizations < ActiveRecord::Migration[8.0]
  disable_ddl_transaction!

  INDEX_NAME = :index_bike_organizations_unique

  def up
    invalid = select_value(File.read(Rails.root.join("db", "invalid_index.sql")))
    remove_index(:bike_organizations, name: INDEX_NAME) if invalid.present?
    add_index :bike_organizations, %i[bike_id organization_id], unique: true, name: INDEX_NAME, algorithm: :concurrently
  end

  def down
  end
end
`;

describe("schema-dump-without-migration: structure.sql with a column moved back to where its create_table made it (bike_index cc7f41330c)", () => {
  it("review: the same tables, columns and versions in another column order: a note", async () => {
    const repo = featureBranchOn(BIKE_INDEX);
    const moved = structure(["email"], ["20260101000000"]).replace("    id bigint NOT NULL,\n    email character varying", "    email character varying,\n    id bigint NOT NULL");
    repo.write({ "db/structure.sql": moved, "db/primary_replica_structure.sql": moved }).commit("reorder");
    const { findings } = await reviewJson(repo);
    const drift = findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(drift.map((f) => [f.path, f.severity])).toEqual([["db/structure.sql", "info"]]);
    expect(drift[0].message).toContain("only in the order of columns or constraints inside CREATE TABLE");
  });
});

describe("migration-version-order: a branch's migrations that only create new tables (bike_index 581cb37de3)", () => {
  it("review: each one older than a merged migration that hides what it touches is a note, like the one older than a readable one", async () => {
    const repo = featureBranchOn({
      "db/migrate/20260101000000_create_users.rb": createUsers,
      "db/migrate/20260725192133_add_unique_index_to_bike_organizations.rb": dedupe,
      "db/migrate/20260729085100_add_binx_data_to_active_storage_blobs.rb":
        "class AddBinxDataToActiveStorageBlobs < ActiveRecord::Migration[8.1]\n  def change\n    add_column :active_storage_blobs, :binx_data, :jsonb\n  end\nend\n",
    });
    repo
      .write({
        "db/migrate/20260723120000_create_organization_saml_configurations.rb":
          "class CreateOrganizationSamlConfigurations < ActiveRecord::Migration[8.1]\n  def change\n    create_table :organization_saml_configurations do |t|\n      t.references :organization, null: false, index: {unique: true}\n      t.boolean :enabled, default: false, null: false\n      t.string :idp_entity_id\n      t.timestamps\n    end\n  end\nend\n",
        "db/migrate/20260723120001_create_sso_identities.rb":
          "class CreateSsoIdentities < ActiveRecord::Migration[8.1]\n  def change\n    create_table :sso_identities do |t|\n      t.references :user, null: false, index: true\n      t.references :organization, null: false, index: false\n      t.string :provider, null: false\n      t.string :uid, null: false\n      t.timestamps\n    end\n    add_index :sso_identities, %i[organization_id provider uid], unique: true\n  end\nend\n",
        "db/migrate/20260728220000_add_index_to_organizations_user_email_domain.rb":
          "class AddIndexToOrganizationsUserEmailDomain < ActiveRecord::Migration[8.1]\n  def change\n    add_index :organizations, :user_email_domain\n  end\nend\n",
      })
      .commit("SAML");
    const { findings } = await reviewJson(repo);
    const order = findings.filter((f) => f.rule === "migration-version-order");
    expect(order.map((f) => [f.path.split("/").pop(), f.severity])).toEqual([
      ["20260723120000_create_organization_saml_configurations.rb", "info"],
      ["20260723120001_create_sso_identities.rb", "info"],
      ["20260728220000_add_index_to_organizations_user_email_domain.rb", "info"],
    ]);
    expect(order[0].message).toContain("20260725192133_add_unique_index_to_bike_organizations.rb hides what it touches");
  });
});

// kitsune c92ee8a3e5: 0029 read its seed data from kitsune.customercare; the change copies it into 0029 and empties the module
const seed = `BASE_CATEGORIES: dict[str, CategoryDict] = {
    "payments": {
        "slug": "payments",
        "topic": "I need help with a billing or subscription question",
        "tags": {"legacy": "payments", "tiers": ["t1-billing-and-subscriptions"], "automation": None, "segmentation": None},
    },
    "not_listed": {
        "slug": "not-listed",
        "topic": "My issue isn't listed here",
        "tags": {"legacy": "not_listed", "tiers": ["not_listed"], "automation": None, "segmentation": None},
    },
}

ZENDESK_CATEGORIES = {
    "mozilla-vpn": [
        {
            "slug": "vpn-connection-issues",
            "topic": "I can't connect to Mozilla VPN",
            "tags": {"legacy": "technical", "tiers": ["t1-performance-and-connectivity"], "automation": "ssa-connection-issues-automation", "segmentation": None},
        },
        *BASE_CATEGORIES.values(),
    ],
    "pocket": [
        BASE_CATEGORIES["not_listed"],
    ],
}

ZENDESK_CATEGORIES_LOGINLESS = {
    "mozilla-account": [
        {"slug": "fxa-reset-password", "topic": "I forgot my password", "tags": {"legacy": "accounts", "tiers": ["t1-passwords-and-sign-in"], "automation": None, "segmentation": None}},
    ]
}
`;
const customercare = `from typing import TypedDict


class CategoryDict(TypedDict):
    slug: str
    topic: str
    tags: dict


${seed}`;
const populate = (head: string, constants: string) => `# Generated by Django 4.2.25 on 2025-12-16 02:49

from django.db import migrations
${constants}

def populate_zendesk_configs(apps, schema_editor):
${head}    Product = apps.get_model("products", "Product")
    ZendeskConfig = apps.get_model("products", "ZendeskConfig")
    ZendeskTopic = apps.get_model("products", "ZendeskTopic")

    for product_slug, categories in ZENDESK_CATEGORIES.items():
        try:
            product = Product.objects.get(slug=product_slug)
        except Product.DoesNotExist:
            continue
        config, _ = ZendeskConfig.objects.get_or_create(name=product.title)
        for order, category in enumerate(categories):
            ZendeskTopic.objects.create(zendesk_config=config, slug=category["slug"], topic=category["topic"], tier_tags=category["tags"]["tiers"], display_order=order)
    for product_slug, categories in ZENDESK_CATEGORIES_LOGINLESS.items():
        for category in categories:
            ZendeskTopic.objects.filter(slug=category["slug"]).update(loginless=True)


class Migration(migrations.Migration):
    dependencies = [("products", "0028_zendeskconfig_zendesktopic")]

    operations = [migrations.RunPython(populate_zendesk_configs, migrations.RunPython.noop)]
`;
const imported = populate(
  '    """\n    Reads ZENDESK_CATEGORIES and creates the records for products that exist.\n    """\n    from kitsune.customercare import ZENDESK_CATEGORIES, ZENDESK_CATEGORIES_LOGINLESS\n\n',
  "",
);
const inlined = (constants: string) => populate("", `\n# Seed data inlined to keep this migration self-contained.\n${constants.replace("BASE_CATEGORIES: dict[str, CategoryDict] =", "BASE_CATEGORIES =")}`);
const KITSUNE = {
  "kitsune/__init__.py": "",
  "kitsune/customercare/__init__.py": customercare,
  "kitsune/products/__init__.py": "",
  "kitsune/products/migrations/__init__.py": "",
  "kitsune/products/migrations/0029_populate_zendesk_configs.py": imported,
};

describe("edited-migration: constants a merged Django migration imported, now written in it (kitsune c92ee8a3e5)", () => {
  it("review: the values the module held on the base branch, the module emptied by the change: a note naming them", async () => {
    const repo = featureBranchOn(KITSUNE);
    repo.write({ "kitsune/customercare/__init__.py": "", "kitsune/products/migrations/0029_populate_zendesk_configs.py": inlined(seed) }).commit("inline the seed data");
    const { findings } = await reviewJson(repo);
    const edited = findings.filter((f) => f.rule === "edited-migration");
    expect(edited.map((f) => f.severity)).toEqual(["info"]);
    expect(edited[0].message).toContain("ZENDESK_CATEGORIES, ZENDESK_CATEGORIES_LOGINLESS (from kitsune/customercare/__init__.py)");
  });

  it("review: a tier tag changed on the way is what the data code writes: a warning", async () => {
    const repo = featureBranchOn(KITSUNE);
    repo.write({ "kitsune/customercare/__init__.py": "", "kitsune/products/migrations/0029_populate_zendesk_configs.py": inlined(seed.replace('"t1-performance-and-connectivity"', '"t1-connectivity"')) }).commit("inline the seed data");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["warning"]);
  });
});

// kitsune 3da6d8b659: 0036 refused to run when ESR slugs clashed; the edit drops the duplicates there instead
const moveEsr = (block: string) => `from django.db import migrations


def move_esr_versions_to_firefox(apps, schema_editor):
    Product = apps.get_model("products", "Product")
    Version = apps.get_model("products", "Version")

    try:
        firefox = Product.objects.get(slug="firefox")
    except Product.DoesNotExist:
        return

    esr_versions = Version.objects.filter(product__slug="firefox-enterprise", slug__endswith="-esr")
    enterprise_slugs = set(esr_versions.values_list("slug", flat=True))
    clashing = set(Version.objects.filter(product=firefox, slug__in=enterprise_slugs).values_list("slug", flat=True))
    if clashing:
${block}

    esr_versions.update(product=firefox)


class Migration(migrations.Migration):
    dependencies = [("products", "0035_productsupportconfig_subscription_only_and_more")]

    operations = [migrations.RunPython(move_esr_versions_to_firefox, migrations.RunPython.noop)]
`;

describe("edited-migration: a merged Django migration's block that always raised now does something (kitsune 3da6d8b659)", () => {
  it("review: databases that recorded it never took that block: a note", async () => {
    const path = "kitsune/products/migrations/0036_move_esr_versions_to_firefox.py";
    const repo = featureBranchOn({
      "kitsune/products/__init__.py": "",
      "kitsune/products/migrations/__init__.py": "",
      [path]: moveEsr('        raise RuntimeError(\n            "Cannot move ESR versions to firefox: slug clashes already exist "\n            f"under firefox: {sorted(clashing)}"\n        )'),
    });
    repo.write({ [path]: moveEsr('        # firefox copies are canonical, so drop the stale firefox-enterprise duplicates\n        print(f"Dropping {len(clashing)} duplicate ESR version(s): {sorted(clashing)}")\n        esr_versions.filter(slug__in=clashing).delete()') }).commit("drop the duplicates");
    const { findings } = await reviewJson(repo);
    const edited = findings.filter((f) => f.rule === "edited-migration");
    expect(edited.map((f) => [f.line, f.severity])).toEqual([[16, "info"]]);
    expect(edited[0].message).toContain("A database that recorded the migration never took that block");
  });
});
