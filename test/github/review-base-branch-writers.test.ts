/**
 * Through the App (signed webhooks against the local GitHub API), what the base branch's code says, as
 * test/cli/review-base-branch-writers.test.ts shows through `migguard review`:
 * - takahe b44be55609: blocking ships with the migration that gives users_block a state and a unique set; the base
 *   branch names Block only as a JSON-LD context key, so no insert of the old code can fail and the table is empty
 *   where that code ran: notes, the check passes.
 * - takahe 7f483af8d3: the change drops state_ready from the abstract StatorModel the models inherit; the base
 *   branch still selects it, so its drop is no planned last step: the check fails.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Identity", fields=[("id", models.BigAutoField(primary_key=True)), ("state_ready", models.BooleanField(default=True))]),
        migrations.CreateModel(
            name="Block",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("mute", models.BooleanField()),
                ("source", models.ForeignKey(on_delete=models.CASCADE, related_name="outbound_blocks", to="users.identity")),
                ("target", models.ForeignKey(on_delete=models.CASCADE, related_name="inbound_blocks", to="users.identity")),
            ],
        ),
    ]
`;
const BLOCK_STATES = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]

    operations = [
        migrations.AddField(model_name="block", name="state", field=models.CharField(default="new", max_length=100)),
        migrations.AlterUniqueTogether(name="block", unique_together={("source", "target", "mute")}),
    ]
`;
const DROP_STATE_READY = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]

    operations = [migrations.RemoveField(model_name="identity", name="state_ready")]
`;
const STATOR = (field: string) => `from django.db import models


class StatorModel(models.Model):
${field}    state_locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
`;
const MODELS = (state: string) => `from django.db import models

from stator.models import StatorModel


class Identity(StatorModel):
    pass


class Block(models.Model):
    source = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="outbound_blocks")
    target = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="inbound_blocks")
    mute = models.BooleanField()
${state}`;
const BASE: Record<string, string> = {
  "manage.py": "import django\n",
  "stator/__init__.py": "",
  "stator/models.py": STATOR("    state_ready = models.BooleanField(default=True)\n"),
  "core/__init__.py": "",
  "core/ld.py": 'LD_CONTEXT = {\n    "Block": "as:Block",\n}\n',
  "users/__init__.py": "",
  "users/migrations/__init__.py": "",
  "users/migrations/0001_initial.py": INITIAL,
  "users/models.py": MODELS(""),
};

describe("the App reads the base branch's code (takahe)", () => {
  it("a model the base branch never writes: the inserts and the unique build are notes, the check passes", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(1, {
      "users/migrations/0002_block_states.py": BLOCK_STATES,
      "users/models.py": MODELS('    state = models.CharField(default="new", max_length=100)\n'),
      "users/services.py": "from users.models import Block\n\n\ndef block(source, target):\n    return Block.objects.create(source=source, target=target, mute=False)\n",
    });
    expect((await s.pullRequest("opened", 1)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.annotations.filter((a) => /^(required-column-without-default|unique-constraint-without-index)/.test(a.title)).map((a) => a.annotation_level)).toEqual(["notice", "notice"]);
  });

  it("a field the base branch's abstract parent declares: its drop is an error, the check fails", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(2, { "users/migrations/0002_remove_identity_state_ready.py": DROP_STATE_READY, "stator/models.py": STATOR("") });
    expect((await s.pullRequest("opened", 2)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.find((a) => a.title.startsWith("drop-column"))).toMatchObject({ path: "users/migrations/0002_remove_identity_state_ready.py", annotation_level: "failure" });
  });
});
