import { defineReviewCases } from "../../review-rule.js";

const migration = (deps: string) => `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = []\n`;

export default defineReviewCases({
  invalid: [
    {
      name: "two migrations on the same parent",
      base: { "shop/migrations/0001_initial.py": migration(""), "shop/migrations/0002_price.py": migration('("shop", "0001_initial")') },
      head: { "shop/migrations/0002_phone.py": migration('("shop", "0001_initial")') },
      findings: [{ path: "shop/migrations/0002_phone.py", line: 1, severity: "error" }],
    },
    {
      name: "a later number that still depends on an old parent",
      base: { "shop/migrations/0001_initial.py": migration(""), "shop/migrations/0002_price.py": migration('("shop", "0001_initial")') },
      head: { "shop/migrations/0003_phone.py": migration('("shop", "0001_initial")') },
      findings: [{ path: "shop/migrations/0003_phone.py", line: 1 }],
    },
    {
      name: "a renamed migration left as a leaf beside a new one on the same parent",
      base: { "shop/migrations/0001_initial.py": migration(""), "shop/migrations/0002_price.py": migration('("shop", "0001_initial")') },
      head: { "shop/migrations/0003_phone.py": migration('("shop", "0001_initial")') },
      renames: { "shop/migrations/0002_prices.py": "shop/migrations/0002_price.py" },
      findings: [{ path: "shop/migrations/0003_phone.py", line: 1, message: "0003_phone and 0002_prices are both leaf nodes" }],
    },
    {
      name: "a migration on the newest replaced migration beside one on the squash: two leaves",
      base: {
        "importer/migrations/0001_initial.py": migration(""),
        "importer/migrations/0002_item.py": migration('("importer", "0001_initial")'),
        "importer/migrations/0001_squashed_0002_item.py": `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    replaces = [("importer", "0001_initial"), ("importer", "0002_item")]\n    dependencies = []\n    operations = []\n`,
      },
      head: {
        "importer/migrations/0003_failure_reason.py": migration('("importer", "0001_squashed_0002_item")'),
        "importer/migrations/0003_retry.py": migration('("importer", "0001_squashed_0002_item")'),
      },
      findings: [
        { path: "importer/migrations/0003_failure_reason.py", line: 1 },
        { path: "importer/migrations/0003_retry.py", line: 1 },
      ],
    },
  ],
  valid: [
    {
      name: "a migration on the newest parent",
      base: { "shop/migrations/0001_initial.py": migration(""), "shop/migrations/0002_price.py": migration('("shop", "0001_initial")') },
      head: { "shop/migrations/0003_phone.py": migration('("shop", "0002_price")') },
    },
    {
      name: "a branch merged by a merge migration in the same change",
      base: { "shop/migrations/0001_initial.py": migration(""), "shop/migrations/0002_price.py": migration('("shop", "0001_initial")') },
      head: {
        "shop/migrations/0002_phone.py": migration('("shop", "0001_initial")'),
        "shop/migrations/0003_merge.py": migration('("shop", "0002_price"), ("shop", "0002_phone")'),
      },
    },
    {
      name: "mitxonline b3c9730edd: the base's newest migration renamed to the middle of a new chain (0044_pt1 -> 0045_pt2 (renamed) -> 0046_pt3) has one leaf",
      base: {
        "shop/migrations/0043_status.py": migration(""),
        "shop/migrations/0044_unique.py": migration('("shop", "0043_status")'),
      },
      head: {
        "shop/migrations/0044_unique_pt1.py": migration('("shop", "0043_status")'),
        "shop/migrations/0045_unique_pt2.py": migration('("shop", "0044_unique_pt1")'),
        "shop/migrations/0046_unique_pt3.py": migration('("shop", "0045_unique_pt2")'),
      },
      renames: { "shop/migrations/0045_unique_pt2.py": "shop/migrations/0044_unique.py" },
    },
    {
      name: "concordia 44c4c72d71: a migration on the squash that replaces the base's newest migration (0001_squashed_0002 replaces 0001 and 0002, both still on disk) has one leaf",
      base: {
        "importer/migrations/0001_initial.py": migration(""),
        "importer/migrations/0002_item.py": migration('("importer", "0001_initial")'),
        "importer/migrations/0001_squashed_0002_item.py": `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    replaces = [("importer", "0001_initial"), ("importer", "0002_item")]\n    dependencies = []\n    operations = []\n`,
      },
      head: { "importer/migrations/0003_failure_reason.py": migration('("importer", "0001_squashed_0002_item")') },
    },
    {
      name: "Baserow 4123f5faf1: a new chain on the squash (0002.. numbered below the replaced 0003 still on disk) gets its next migration: one leaf",
      base: {
        "builder/migrations/0001_initial.py": migration(""),
        "builder/migrations/0002_page.py": migration('("builder", "0001_initial")'),
        "builder/migrations/0003_domain.py": migration('("builder", "0002_page")'),
        "builder/migrations/0001_squashed_0003_initial.py": `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    replaces = [("builder", "0001_initial"), ("builder", "0002_page"), ("builder", "0003_domain")]\n    dependencies = []\n    operations = []\n`,
        "builder/migrations/0002_theme.py": migration('("builder", "0001_squashed_0003_initial")'),
      },
      head: { "builder/migrations/0003_input_type.py": migration('("builder", "0002_theme")') },
    },
    {
      name: "other apps have their own graphs",
      base: { "shop/migrations/0001_initial.py": migration(""), "shop/migrations/0002_price.py": migration('("shop", "0001_initial")') },
      head: { "blog/migrations/0001_initial.py": migration('("shop", "0001_initial")') },
    },
  ],
});
