/**
 * `migguard lint` on a Django app whose migrations branch and merge: what a migration meets is what its ancestors
 * left, in the order Django's forwards plan applies them, not the files sorted by name (oeplatform's modelview:
 * 0033_auto_20160414_1346 re-adds a column 0034 removed on the other branch, 0036_merge joins them, and 0044 drops
 * it again; by name the re-add ran before the removal and 0044 was wrongly "a drop of a column that never existed").
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string };

const migration = (parents: string[], operations: string[], initial = false) => `from django.db import migrations, models


class Migration(migrations.Migration):
${initial ? "    initial = True\n" : ""}    dependencies = [${parents.map((p) => `("energy", "${p}")`).join(", ")}]

    operations = [
${operations.map((o) => `        ${o},`).join("\n")}
    ]
`;

const CREATE = 'migrations.CreateModel(name="Scenario", fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=100))])';
const ADD_GAS = 'migrations.AddField(model_name="scenario", name="gas", field=models.BooleanField(default=False))';
const REMOVE_GAS = 'migrations.RemoveField(model_name="scenario", name="gas")';

async function lint(files: Record<string, string>): Promise<Finding[]> {
  const { output } = await run(["lint", "--format", "json", "."], { cwd: fileTree(files, "migguard-django-branches-") });
  return (JSON.parse(output) as { findings: Finding[] }).findings;
}

const BRANCHES = {
  "energy/migrations/0001_initial.py": migration([], [CREATE], true),
  "energy/migrations/0002_scenario_gas.py": migration(["0001_initial"], [ADD_GAS]),
  // the other branch adds the same field (two developers' makemigrations)
  "energy/migrations/0002_scenario_gas_again.py": migration(["0001_initial"], [ADD_GAS]),
  "energy/migrations/0003_remove_scenario_gas.py": migration(["0002_scenario_gas"], [REMOVE_GAS]),
  "energy/migrations/0004_merge.py": migration(["0002_scenario_gas_again", "0003_remove_scenario_gas"], []),
};

describe("a Django app whose migrations branch and merge", () => {
  it("a drop after the merge meets the column the merged branch added again after the other removed it: a drop of data, not of a missing column", async () => {
    const findings = await lint({ ...BRANCHES, "energy/migrations/0005_remove_scenario_gas.py": migration(["0004_merge"], [REMOVE_GAS]) });
    const here = findings.filter((f) => f.path === "energy/migrations/0005_remove_scenario_gas.py");
    expect(here.map((f) => f.rule)).not.toContain("drop-missing-column");
    expect(here.map((f) => f.rule)).toContain("drop-column");
  });

  it("a drop on one branch of a column only the other branch adds fails where that branch has not run", async () => {
    const findings = await lint({
      "energy/migrations/0001_initial.py": migration([], [CREATE], true),
      "energy/migrations/0002_scenario_gas.py": migration(["0001_initial"], [ADD_GAS]),
      "energy/migrations/0002_remove_scenario_gas.py": migration(["0001_initial"], [REMOVE_GAS]),
      "energy/migrations/0003_merge.py": migration(["0002_remove_scenario_gas", "0002_scenario_gas"], []),
    });
    const missing = findings.filter((f) => f.rule === "drop-missing-column");
    expect(missing.map((f) => `${f.path}:${f.line}`)).toEqual(["energy/migrations/0002_remove_scenario_gas.py:8"]);
    expect(missing[0].severity).toBe("error");
  });
});
