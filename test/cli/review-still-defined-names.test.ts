/**
 * dropped-object-still-used through `migguard review` (replay 27, openfun/joanie): a name the code still uses is
 * no usage of the drop when the final model state defines it again. 0087 removes BatchOrder.contract while
 * Contract.batch_order, a OneToOneField, makes `contract` BatchOrder's reverse accessor; 0069 deletes OfferingRule
 * and 0070 creates it again on a table of its own. A ForeignKey's accessor (contract_set) is no such name: there
 * `self.contract` fails and the error stays.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Contract", fields=[("id", models.BigAutoField(primary_key=True)), ("signed_on", models.DateTimeField(null=True))]),
        migrations.CreateModel(
            name="BatchOrder",
            fields=[("id", models.BigAutoField(primary_key=True)), ("contract", models.ForeignKey(null=True, on_delete=models.PROTECT, to="core.contract"))],
        ),
        migrations.CreateModel(name="OfferingRule", fields=[("id", models.BigAutoField(primary_key=True)), ("seats", models.IntegerField(null=True))]),
    ]
`;
const baseModels = `from django.db import models


class Contract(models.Model):
    signed_on = models.DateTimeField(null=True)


class BatchOrder(models.Model):
    contract = models.ForeignKey(Contract, null=True, on_delete=models.PROTECT)

    def is_signed(self):
        return self.contract.signed_on is not None


class OfferingRule(models.Model):
    seats = models.IntegerField(null=True)
`;
const headModels = (kind: string) => `from django.db import models


class BatchOrder(models.Model):
    def is_signed(self):
        return self.contract.signed_on is not None


class Contract(models.Model):
    signed_on = models.DateTimeField(null=True)
    batch_order = models.${kind}(BatchOrder, null=True, on_delete=models.PROTECT)


class OfferingRule(models.Model):
    nb_seats = models.IntegerField(null=True)

    class Meta:
        db_table = "core_offering_rule"
`;
const moveContract = (kind: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="batchorder", name="contract"),
        migrations.AddField(model_name="contract", name="batch_order", field=models.${kind}(null=True, on_delete=models.PROTECT, to="core.batchorder")),
        migrations.DeleteModel(name="OfferingRule"),
    ]
`;
const recreateRule = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0002_change")]

    operations = [
        migrations.CreateModel(
            name="OfferingRule",
            fields=[("id", models.BigAutoField(primary_key=True)), ("nb_seats", models.IntegerField(null=True))],
            options={"db_table": "core_offering_rule"},
        ),
    ]
`;
const services = "from core.models import OfferingRule\n\n\ndef open_rules():\n    return OfferingRule.objects.filter(nb_seats__gt=0)\n";

async function stillUsed(kind: string) {
  const repo = featureBranchOn(djangoApp("core", { "core/migrations/0001_initial.py": initial, "core/models.py": baseModels }));
  repo.write({ "core/migrations/0002_change.py": moveContract(kind), "core/migrations/0003_offeringrule.py": recreateRule, "core/models.py": headModels(kind), "core/services.py": services }).commit("move the contract, recreate the rule");
  return (await reviewJson(repo)).findings.filter((f) => f.rule === "dropped-object-still-used");
}

describe("dropped-object-still-used: names the final model state still defines", () => {
  it("review: `contract` is now the OneToOneField's reverse accessor and OfferingRule the recreated model: no usage of the drops", async () => {
    expect(await stillUsed("OneToOneField")).toEqual([]);
  });

  it("review: a ForeignKey's reverse accessor is contract_set: self.contract fails, the error stays (the recreated model still no usage)", async () => {
    const findings = await stillUsed("ForeignKey");
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[8, "error"]]);
    expect(findings[0].message).toContain("core/models.py:6");
  });
});
