/**
 * The deploy model through the App: a self-hosted app whose image's entrypoint runs the Alembic upgrade and then
 * starts the server (mealie's pattern; greenlight's extensionless bin/start). The index a pull request adds is a notice, the check passes and says once
 * why the deploy was read as offline; a Helm chart, a Cloud66 manifest or Terraform variables counting several
 * instances on the base branch make it rolling again (a failing check). The upgrade procedure the documentation writes
 * (stop the server, `alembic upgrade head`, start it: Backend.AI's docs/install/upgrade-existing-cluster.rst) is
 * fetched and read the same.
 * Signed webhooks over HTTP against the local GitHub API, which checks every request against GitHub's OpenAPI.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { RECIPE_INDEX, RECIPE_INDEX_PATH, RECIPE_PROJECT } from "./support/alembic-recipes.js";

const ADDED = RECIPE_INDEX_PATH;
const BASE: Record<string, string> = {
  ...RECIPE_PROJECT,
  Dockerfile: 'FROM python:3.12\nCOPY docker/entry.sh /app/entry.sh\nCMD ["/app/entry.sh"]\n',
  "docker/entry.sh": "#!/bin/sh\nset -e\nalembic upgrade head\nexec uvicorn app:app --host 0.0.0.0\n",
};
const INDEX = RECIPE_INDEX;

let s: Scenario | undefined;
useScenario();

describe("an app that migrates offline", () => {
  it("makes the index a notice and says once in the summary which line proved the offline deploy", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(71, { [ADDED]: INDEX });
    expect((await s.pullRequest("opened", 71)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run).toMatchObject({ status: "completed", conclusion: "success" });
    expect(run.output.summary?.match(/\*\*Deploy:\*\* read as offline: `docker\/entry\.sh:3`/g)).toHaveLength(1);
    expect(run.output.summary).toContain("`deploy: online`");
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ path: ADDED, annotation_level: "notice" });
  });

  it("keeps the error when a Helm chart says pods roll", async () => {
    s = await startScenario({ baseFiles: { ...BASE, "charts/app/Chart.yaml": "apiVersion: v2\nname: app\n" } });
    const head = s.openPull(72, { [ADDED]: INDEX });
    expect((await s.pullRequest("opened", 72)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).not.toContain("**Deploy:**");
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ annotation_level: "failure" });
  });

  it("keeps the error when a Cloud66 manifest restarts processes in phases (bike_index's production)", async () => {
    s = await startScenario({ baseFiles: { ...BASE, ".cloud66/manifest.yml": "production:\n  procfile_metadata:\n    web:\n      restart_signal: usr1\n" } });
    const head = s.openPull(73, { [ADDED]: INDEX });
    expect((await s.pullRequest("opened", 73)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).not.toContain("**Deploy:**");
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ annotation_level: "failure" });
  });

  it("reads a start script without an extension in bin/ that the Dockerfile's ENTRYPOINT runs (greenlight's bin/start) as offline, fetched like the deploy files", async () => {
    const files = { ...BASE, Dockerfile: 'FROM python:3.12\nCOPY . /app\nENTRYPOINT [ "./bin/start" ]\n', "bin/start": "#!/usr/bin/env bash\nalembic upgrade head\nexec uvicorn app:app --host 0.0.0.0\n" };
    delete (files as Record<string, string>)["docker/entry.sh"];
    s = await startScenario({ baseFiles: files });
    const head = s.openPull(91, { [ADDED]: INDEX });
    expect((await s.pullRequest("opened", 91)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain("**Deploy:** read as offline: `bin/start:2`");
  });

  it("reads an entrypoint that upgrades through the project's own Flask-Migrate CLI (FitTrackee's `ftcli db upgrade`) as offline", async () => {
    const entry = '#!/bin/bash\nset -e\nftcli db upgrade || { echo "Failed to upgrade database!"; exit 1; }\nexec gunicorn -b 0.0.0.0:5000 "app:create_app()"\n';
    s = await startScenario({ baseFiles: { ...BASE, "docker/entry.sh": entry } });
    const head = s.openPull(76, { [ADDED]: INDEX });
    expect((await s.pullRequest("opened", 76)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain("**Deploy:** read as offline: `docker/entry.sh:3`");
  });

  it("reads an entrypoint that runs the project's console script, whose click subcommand calls Flask-Migrate's upgrade (mwdb-core's `mwdb-core configure`), as offline", async () => {
    const files = {
      "pyproject.toml": '[project]\nname = "app"\nversion = "1.0"\n\n[project.scripts]\napp-core = "app.cli:cli"\n',
      "app/__init__.py": "",
      "app/cli/__init__.py": "from .cli import cli\n",
      "app/cli/cli.py": 'import click\n\nfrom .database import configure_database\n\n\n@click.group()\ndef cli():\n    pass\n\n\n@cli.command("configure")\ndef configure():\n    configure_database()\n',
      "app/cli/database.py": "from flask_migrate import upgrade\n\n\ndef configure_database():\n    upgrade()\n",
      "docker/entry.sh": "#!/bin/sh\nset -e\n/app/.venv/bin/app-core configure && exec gunicorn app:app\n",
    };
    s = await startScenario({ baseFiles: { ...BASE, ...files } });
    const head = s.openPull(77, { [ADDED]: INDEX });
    expect((await s.pullRequest("opened", 77)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain("**Deploy:** read as offline: `docker/entry.sh:3`");
    expect(run.output.summary).toContain("calls Flask-Migrate's `upgrade()` at app/cli/database.py:5");
  });

  it("reads the console script from setup.py's entry_points the same (faraday's `faraday-manage`)", async () => {
    const files = {
      "setup.py": 'from setuptools import setup\n\nsetup(\n    name="app",\n    entry_points={"console_scripts": ["app-core=app.cli:cli"]},\n)\n',
      "app/__init__.py": "",
      "app/cli/__init__.py": "from .cli import cli\n",
      "app/cli/cli.py": 'import click\n\nfrom .database import configure_database\n\n\n@click.group()\ndef cli():\n    pass\n\n\n@cli.command("configure")\ndef configure():\n    configure_database()\n',
      "app/cli/database.py": "from flask_migrate import upgrade\n\n\ndef configure_database():\n    upgrade()\n",
      "docker/entry.sh": "#!/bin/sh\nset -e\napp-core configure && exec gunicorn app:app\n",
    };
    s = await startScenario({ baseFiles: { ...BASE, ...files } });
    const head = s.openPull(78, { [ADDED]: INDEX });
    expect((await s.pullRequest("opened", 78)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain("the project's console script (setup.py:5: app.cli:cli), which calls Flask-Migrate's `upgrade()` at app/cli/database.py:5");
  });

  it.each([
    ["JSON", { "terraform/workspace-variables/production.tfvars.json": '{\n  "environment": "production",\n  "aks_web_app_instances": 8\n}\n' }, 74],
    ["HCL", { "terraform/production.tfvars": 'environment = "production"\naks_web_app_instances = 8\n' }, 75],
  ])("keeps the error when Terraform's variables in %s count eight web instances (teaching-vacancies' AKS pods)", async (_, files, number) => {
    s = await startScenario({ baseFiles: { ...BASE, ...files } });
    const head = s.openPull(number, { [ADDED]: INDEX });
    expect((await s.pullRequest("opened", number)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).not.toContain("**Deploy:**");
  });

  it("reads the documented upgrade procedure (docs/install/upgrade.rst: stop the server, alembic upgrade head, restart it) as offline, fetched like the deploy files", async () => {
    const { Dockerfile: _, "docker/entry.sh": __, ...noEntrypoint } = BASE;
    const doc = ["Upgrade", "=======", "", "Upgrading the server", "--------------------", "", "1. Stop the server process.", "2. Run ``pip install -U app``.", "3. Run ``alembic upgrade head``.", "4. Restart the process.", ""].join("\n");
    s = await startScenario({ baseFiles: { ...noEntrypoint, "docs/install/upgrade.rst": doc } });
    const head = s.openPull(79, { [ADDED]: INDEX });
    expect((await s.pullRequest("opened", 79)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain('**Deploy:** read as offline: `docs/install/upgrade.rst:9`: the documented upgrade procedure ("Upgrading the server") stops the application (line 7)');
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ annotation_level: "notice" });
  });
});
