import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

/** A migration of app `app` named `name`, depending on `parents` of the app, running `operations`. */
const migration = (parents: string[], operations: string[]) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [${parents.map((p) => `("app", "${p}")`).join(", ")}]

    operations = [
${operations.map((o) => `        ${o},`).join("\n")}
    ]
`;

const ADD_COUPON = 'migrations.AddField(model_name="order", name="coupon", field=models.CharField(max_length=20, null=True))';
const REMOVE_COUPON = 'migrations.RemoveField(model_name="order", name="coupon")';

/**
 * oeplatform's modelview: two migrations numbered 0002 branch off 0001 and both add order.coupon; 0003 removes it
 * on the first branch; 0004 merges the branches. By name 0002_order_coupon_again runs before 0003's removal; in
 * Django's graph order (forwards_plan: the last parent's line first) after it, so the column is there at 0005.
 */
const BRANCHES_MERGED = {
  ...DJANGO_INITIAL,
  "app/migrations/0002_order_coupon.py": migration(["0001_initial"], [ADD_COUPON]),
  "app/migrations/0002_order_coupon_again.py": migration(["0001_initial"], [ADD_COUPON]),
  "app/migrations/0003_remove_order_coupon.py": migration(["0002_order_coupon"], [REMOVE_COUPON]),
  "app/migrations/0004_merge.py": migration(["0002_order_coupon_again", "0003_remove_order_coupon"], []),
};

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "RemoveField of a field no migration of the app added",
      path: "app/migrations/0002_remove_order_coupon.py",
      files: DJANGO_INITIAL,
      code: migration(["0001_initial"], [REMOVE_COUPON]),
      lines: [8],
    },
    {
      framework: "django",
      name: "a branch whose own ancestors never added the field: the other branch's AddField runs before it in Django's order, but is not one of its dependencies",
      path: "app/migrations/0002_remove_order_coupon.py",
      files: { ...DJANGO_INITIAL, "app/migrations/0002_order_coupon.py": migration(["0001_initial"], [ADD_COUPON]), "app/migrations/0003_merge.py": migration(["0002_order_coupon", "0002_remove_order_coupon"], []) },
      code: migration(["0001_initial"], [REMOVE_COUPON]),
      lines: [8],
    },
    {
      framework: "django",
      name: "the same with the branches named the other way: Django runs the other branch's AddField first (its line is the merge's last parent), still not one of this migration's dependencies",
      path: "app/migrations/0002_drop_order_coupon.py",
      files: { ...DJANGO_INITIAL, "app/migrations/0002_order_coupon.py": migration(["0001_initial"], [ADD_COUPON]), "app/migrations/0003_merge.py": migration(["0002_drop_order_coupon", "0002_order_coupon"], []) },
      code: migration(["0001_initial"], [REMOVE_COUPON]),
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "oeplatform's modelview 0044: the branch merged in re-adds the field after the other branch removed it (Django's graph order, not the file names'), so the column is there",
      path: "app/migrations/0005_remove_order_coupon.py",
      files: BRANCHES_MERGED,
      code: migration(["0004_merge"], [REMOVE_COUPON]),
    },
  ],
});
