import { defineReviewCases } from "../../review-rule.js";

const django = (deps: string, extra = "") => `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n${extra}    dependencies = [${deps}]\n    operations = []\n`;

export default defineReviewCases({
  invalid: [
    {
      name: "a merged golang-migrate migration is deleted",
      base: {
        "db/migrations/001_accounts.up.sql": "CREATE TABLE accounts (id bigint);\n",
        "db/migrations/001_accounts.down.sql": "DROP TABLE accounts;\n",
      },
      head: { "db/migrations/001_accounts.up.sql": null, "db/migrations/001_accounts.down.sql": null },
      findings: [
        { path: "db/migrations/001_accounts.down.sql", line: 1, severity: "warning" },
        { path: "db/migrations/001_accounts.up.sql", line: 1, severity: "error" },
      ],
    },
    {
      name: "a Django migration others depend on is deleted",
      base: { "shop/migrations/0001_initial.py": django(""), "shop/migrations/0002_phone.py": django('("shop", "0001_initial")') },
      head: { "shop/migrations/0001_initial.py": null },
      findings: [{ path: "shop/migrations/0001_initial.py", line: 1 }],
    },
  ],
  valid: [
    {
      name: "Django: deleting migrations a squashed migration replaces",
      base: {
        "shop/migrations/0001_initial.py": django(""),
        "shop/migrations/0002_phone.py": django('("shop", "0001_initial")'),
        "shop/migrations/0001_squashed_0002_phone.py": django("", '    replaces = [("shop", "0001_initial"), ("shop", "0002_phone")]\n'),
      },
      head: { "shop/migrations/0001_initial.py": null, "shop/migrations/0002_phone.py": null },
    },
    {
      name: "deleting a file that is not a migration",
      base: { "db/seeds.rb": "User.create!(name: 'admin')\n" },
      head: { "db/seeds.rb": null },
    },
  ],
});
