/**
 * `migguard lint` of an Alembic project whose documentation writes its upgrade procedure: stop the server, run
 * `alembic upgrade head`, start it again (Backend.AI's docs/install/upgrade-existing-cluster.rst, an enumerated list
 * under "Upgrading the manager"). Nothing serves while it migrates, so the index's lock error is a note naming the
 * document's line; the same in Markdown with a shell block. The error stays when the migration comes before the
 * stop, when the section speaks of something else than upgrading, and when a Kubernetes Deployment rolls the pods.
 */
import { run } from "../../src/cli/main.js";
import { featureBranchOn } from "./support/review-repo.js";

const revision = (id: string, down: string | null, body: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down ? `"${down}"` : "None"}\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;

const MIGRATION = "src/manager/models/alembic/versions/b2_index_status.py";
const project = {
  "src/manager/models/alembic/env.py": "from alembic import context\n",
  "src/manager/models/alembic/versions/a1_create_kernels.py": revision("a1", null, '    op.create_table("kernels", sa.Column("id", sa.Integer, primary_key=True), sa.Column("status", sa.Text))'),
  [MIGRATION]: revision("b2", "a1", '    op.create_index("kernels_status_idx", "kernels", ["status"])'),
  "README.md": "# Cluster\n\nA compute cluster manager.\n",
};

const RST = [
  "Upgrade an existing cluster",
  "===========================",
  "",
  ".. note::",
  "",
  "  Terminate every workload before the upgrade.",
  "",
  "Upgrading the manager",
  "---------------------",
  "",
  "1. Stop the manager process running at the server.",
  "2. Upgrade the Python package by executing ``pip install -U cluster-manager==<version>``.",
  "3. Match the database schema by executing ``alembic upgrade head``.",
  "4. Restart the process.",
  "",
  "Upgrading the agents",
  "--------------------",
  "",
  "1. Stop the ongoing server process.",
  "2. Restart the process.",
  "",
].join("\n");

const lint = async (files: Record<string, string>) => {
  const repo = featureBranchOn(files);
  const json = JSON.parse((await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root })).output) as { findings: Array<{ rule: string; severity: string; message: string }> };
  // --verbose: the deploy line also when it reads the deploy as online
  const text = (await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output;
  return { index: json.findings.find((f) => f.rule === "index-without-concurrently")!, text };
};

describe("lint: a documented upgrade procedure that stops the application, migrates, then starts it", () => {
  it("reStructuredText: the enumerated steps under an upgrade title make the lock finding a note naming the document's line", async () => {
    const { index, text } = await lint({ ...project, "docs/install/upgrade-existing-cluster.rst": RST });
    expect(index.severity).toBe("info");
    expect(index.message).toContain("Offline deploy (docs/install/upgrade-existing-cluster.rst:13: the documented upgrade procedure");
    expect(text).toContain(
      'deploy: read as offline: docs/install/upgrade-existing-cluster.rst:13: the documented upgrade procedure ("Upgrading the manager") stops the application (line 11), runs the migrations, then starts it again (line 14): nothing serves while it migrates',
    );
  });

  it("reStructuredText: a literal block of shell lines counts the same, in a file not named for upgrading under an `Upgrading` title", async () => {
    const doc = ["Operations", "==========", "", "Upgrading", "---------", "", "Run these on the server::", "", "    $ sudo systemctl stop cluster-manager", "    $ pip install -U cluster-manager", "    $ alembic upgrade head", "    $ sudo systemctl start cluster-manager", ""].join("\n");
    const { index, text } = await lint({ ...project, "docs/operations.rst": doc });
    expect(index.severity).toBe("info");
    expect(text).toContain('deploy: read as offline: docs/operations.rst:11: the documented upgrade procedure ("Upgrading") stops the application (line 9), runs the migrations, then starts it again (line 12)');
  });

  it("Markdown: an ordered list under a setext `Updating` title of the README, a fenced block nested in an item: a note", async () => {
    const doc = ["# Cluster", "", "Updating", "--------", "", "1. Shut down the server:", "", "   ```sh", "   sudo systemctl stop cluster", "   ```", "2. Pull the new release", "   and install it.", "3. Run `alembic upgrade head`.", "4. Start the service again.", ""].join("\n");
    const { index, text } = await lint({ ...project, "README.md": doc });
    expect(index.severity).toBe("info");
    expect(text).toContain('deploy: read as offline: README.md:13: the documented upgrade procedure ("Updating") stops the application (line 6), runs the migrations, then starts it again (line 14)');
  });

  it("Markdown: a shell block under `## Upgrading` in UPGRADE.md: a note", async () => {
    const doc = ["# Cluster", "", "## Upgrading", "", "```bash", "docker compose down", "docker compose pull", "docker compose run --rm manager alembic upgrade head", "docker compose up -d", "```", ""].join("\n");
    const { index, text } = await lint({ ...project, "UPGRADE.md": doc });
    expect(index.severity).toBe("info");
    expect(text).toContain('deploy: read as offline: UPGRADE.md:8: the documented upgrade procedure ("Upgrading") stops the application (line 6), runs the migrations, then starts it again (line 9)');
  });

  it("the migration before the stop, a section about something else, or a Kubernetes Deployment that rolls: the error stays", async () => {
    const migratesFirst = RST.replace("1. Stop the manager process running at the server.", "1. Match the database schema by executing ``alembic upgrade head``.").replace("3. Match the database schema by executing ``alembic upgrade head``.", "3. Stop the manager process running at the server.");
    expect((await lint({ ...project, "docs/install/upgrade-existing-cluster.rst": migratesFirst })).index.severity).toBe("error");
    const notUpgrade = RST.replace(/Upgrad\w* /g, "Tuning ").replace(/-{21}/g, "-------------------");
    expect((await lint({ ...project, "docs/install/tuning.rst": notUpgrade })).index.severity).toBe("error");
    const deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: manager\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: manager\n          image: cluster/manager\n";
    const rolling = await lint({ ...project, "docs/install/upgrade-existing-cluster.rst": RST, "k8s/manager.yaml": deployment });
    expect(rolling.index.severity).toBe("error");
    expect(rolling.text).toContain("deploy: read as online: docs/install/upgrade-existing-cluster.rst:13 migrates before the server starts, but k8s/manager.yaml");
  });
});
