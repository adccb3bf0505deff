import { defineReviewCases } from "../../review-rule.js";

const migration = (deps: string) => `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = []\n`;

export default defineReviewCases({
  invalid: [
    {
      name: "two migrations on the same parent",
      base: { "shop/migrations/0001_initial.py": migration(""), "shop/migrations/0002_price.py": migration('("shop", "0001_initial")') },
      head: { "shop/migrations/0002_phone.py": migration('("shop", "0001_initial")') },
      findings: [{ path: "shop/migrations/0002_phone.py", line: 1 }],
    },
    {
      name: "a later number that still depends on an old parent",
      base: { "shop/migrations/0001_initial.py": migration(""), "shop/migrations/0002_price.py": migration('("shop", "0001_initial")') },
      head: { "shop/migrations/0003_phone.py": migration('("shop", "0001_initial")') },
      findings: [{ path: "shop/migrations/0003_phone.py", line: 1 }],
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
      name: "other apps have their own graphs",
      base: { "shop/migrations/0001_initial.py": migration(""), "shop/migrations/0002_price.py": migration('("shop", "0001_initial")') },
      head: { "blog/migrations/0001_initial.py": migration('("shop", "0001_initial")') },
    },
  ],
});
