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
import { BLOCKING, BLOCK_INITIAL, BLOCK_STATES, blockModels, LD_CONTEXT, statorModels } from "../support/takahe-blocks.js";

let s: Scenario | undefined;
useScenario();

const DROP_STATE_READY = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]

    operations = [migrations.RemoveField(model_name="identity", name="state_ready")]
`;
const MODELS = (state: string) => blockModels(state, "StatorModel", "\nfrom stator.models import StatorModel\n");
const BASE: Record<string, string> = {
  "manage.py": "import django\n",
  "stator/__init__.py": "",
  "stator/models.py": statorModels("    state_ready = models.BooleanField(default=True)\n"),
  "core/__init__.py": "",
  "core/ld.py": LD_CONTEXT,
  "users/__init__.py": "",
  "users/migrations/__init__.py": "",
  "users/migrations/0001_initial.py": BLOCK_INITIAL,
  "users/models.py": MODELS(""),
};

describe("the App reads the base branch's code (takahe)", () => {
  it("a model the base branch never writes: the inserts and the unique build are notes, the check passes", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(1, {
      "users/migrations/0002_block_states.py": BLOCK_STATES,
      "users/models.py": MODELS('    state = models.CharField(default="new", max_length=100)\n'),
      "users/services.py": BLOCKING,
    });
    expect((await s.pullRequest("opened", 1)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.annotations.filter((a) => /^(required-column-without-default|unique-constraint-without-index)/.test(a.title)).map((a) => a.annotation_level)).toEqual(["notice", "notice"]);
  });

  it("a field the base branch's abstract parent declares: its drop is an error, the check fails", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(2, { "users/migrations/0002_remove_identity_state_ready.py": DROP_STATE_READY, "stator/models.py": statorModels("") });
    expect((await s.pullRequest("opened", 2)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.find((a) => a.title.startsWith("drop-column"))).toMatchObject({ path: "users/migrations/0002_remove_identity_state_ready.py", annotation_level: "failure" });
  });
});
