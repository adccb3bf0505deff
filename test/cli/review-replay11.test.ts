/**
 * The false alarms the eleventh independent replay (mitxonline) found, each rebuilt in a small git repository and
 * reviewed through `migguard review`.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const mig = (deps: string, operations = "") =>
  `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = [${operations}]\n`;
// the renamed part keeps its body, so git pairs the old path with it
const dedupe = `migrations.RunSQL(\n            """\n            DELETE FROM ecommerce_product\n            WHERE id NOT IN (\n                SELECT DISTINCT ON (object_id, content_type_id) id\n                FROM ecommerce_product\n                ORDER BY object_id, content_type_id, is_active DESC, id DESC\n            )\n            """,\n            migrations.RunSQL.noop,\n        )`;

describe("conflicting-django-migrations: a chain that renames the base's newest migration", () => {
  it("review: 0044 renamed to 0045_pt2 between a new 0044_pt1 and 0046_pt3 (mitxonline b3c9730edd): one leaf, no conflict", async () => {
    const dir = "ecommerce/migrations";
    const repo = featureBranchOn(
      djangoApp("ecommerce", { [`${dir}/0043_refund_request_status.py`]: mig(""), [`${dir}/0044_alter_product_unique.py`]: mig('("ecommerce", "0043_refund_request_status")', dedupe) }),
    );
    repo.git("mv", `${dir}/0044_alter_product_unique.py`, `${dir}/0045_alter_product_unique_pt2.py`);
    repo
      .write({
        [`${dir}/0044_alter_product_unique_pt1.py`]: mig('("ecommerce", "0043_refund_request_status")'),
        [`${dir}/0045_alter_product_unique_pt2.py`]: mig('("ecommerce", "0044_alter_product_unique_pt1")', dedupe),
        [`${dir}/0046_alter_product_unique_pt3.py`]: mig('("ecommerce", "0045_alter_product_unique_pt2")'),
      })
      .commit("split into three parts");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "conflicting-django-migrations")).toEqual([]);
    // pt3 on pt1 instead leaves the renamed pt2 a second leaf: still a branch
    repo.write({ [`${dir}/0046_alter_product_unique_pt3.py`]: mig('("ecommerce", "0044_alter_product_unique_pt1")') }).commit("pt3 on pt1");
    const branched = (await reviewJson(repo)).findings.filter((f) => f.rule === "conflicting-django-migrations");
    expect(branched.map((f) => f.path)).toEqual([`${dir}/0046_alter_product_unique_pt3.py`]);
  });
});
