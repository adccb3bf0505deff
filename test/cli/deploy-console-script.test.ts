/**
 * `migguard lint` of a Flask + Alembic project whose container start script runs the project's own console script
 * and then the server (mwdb-core's docker/start.sh: `mwdb-core configure --quiet basic && gunicorn`; pyproject.toml
 * declares `mwdb-core = "mwdb.cli:cli"`, whose click subcommand `configure basic` calls `configure_database()`, which
 * calls Flask-Migrate's `upgrade()`): the console script is the migration command, so the index's lock error is a
 * note naming the script's line, the declaration and the call. An argparse subcommand, a subcommand that does not
 * migrate, a setup.cfg or setup.py declaration, and a Helm chart beside it are read too.
 */
import { run } from "../../src/cli/main.js";
import { featureBranchOn } from "./support/review-repo.js";

const revision = (id: string, down: string | null, body: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down ? `"${down}"` : "None"}\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;

const MIGRATION = "app/migrations/versions/b2_index_status.py";
const migrations = {
  "app/migrations/alembic.ini": "[alembic]\nscript_location = .\n",
  "app/migrations/versions/a1_create_invoices.py": revision("a1", null, '    op.create_table("invoices", sa.Column("id", sa.Integer, primary_key=True), sa.Column("status", sa.Text))'),
  [MIGRATION]: revision("b2", "a1", '    op.create_index("invoices_status_idx", "invoices", ["status"])'),
};

/** the click CLI: the console script's group, a `configure` group whose `basic` command migrates, and `report`, which does not */
const cli = [
  "import click",
  "",
  "from .database import configure_database",
  "",
  "",
  "@click.group()",
  "def cli():",
  '    """App"""',
  "",
  "",
  '@cli.group(cls=DefaultGroup, default="basic")',
  '@click.option("--quiet", is_flag=True)',
  "def configure(quiet):",
  "    pass",
  "",
  "",
  '@configure.command("basic")',
  "def configure_basic():",
  "    configure_database()",
  "",
  "",
  "@cli.command()",
  "def send_report():",
  '    click.echo("report")',
  "",
].join("\n");
const database = ["from flask_migrate import upgrade as apply_migrations", "", "", "def configure_database():", "    apply_migrations()", ""].join("\n");

const app = (startScript: string, files: Record<string, string> = {}) => ({
  ...migrations,
  "pyproject.toml": '[project]\nname = "app"\nversion = "1.0"\n\n[project.scripts]\napp-core = "app.cli:cli"\n',
  "app/__init__.py": "",
  "app/cli/__init__.py": "from .cli import cli\n",
  "app/cli/cli.py": cli,
  "app/cli/database.py": database,
  "deploy/docker/Dockerfile": 'FROM python:3.12\nCOPY docker/ /app/\nCMD ["/app/start.sh"]\n',
  "docker/start.sh": `#!/bin/sh\necho "configuring"\n${startScript}\n`,
  ...files,
});

const lint = async (files: Record<string, string>) => {
  const repo = featureBranchOn(files);
  const json = JSON.parse((await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root })).output) as { findings: Array<{ rule: string; severity: string; message: string }> };
  const text = (await run(["lint", MIGRATION], { cwd: repo.root })).output;
  return { index: json.findings.find((f) => f.rule === "index-without-concurrently")!, text };
};

const EVIDENCE =
  "deploy: read as offline: docker/start.sh:3: the container's start script runs `app-core configure basic`, the project's console script (pyproject.toml:6: app.cli:cli), which calls Flask-Migrate's `upgrade()` at app/cli/database.py:5, and then starts the server";

describe("lint: a container that runs the project's console script, which migrates, then the server", () => {
  it("the click subcommand the words select reaches Flask-Migrate's upgrade: the lock finding is a note", async () => {
    const { index, text } = await lint(app("/app/.venv/bin/app-core configure --quiet basic && exec gunicorn"));
    expect(index.severity).toBe("info");
    expect(text).toContain(EVIDENCE);
  });

  it("a group's `default=` command runs when no word names one", async () => {
    const { index, text } = await lint(app("app-core configure --quiet && exec gunicorn"));
    expect(index.severity).toBe("info");
    expect(text).toContain("runs `app-core configure basic`, the project's console script");
  });

  it("setup.cfg's console_scripts and Alembic's command.upgrade count the same", async () => {
    const files = app("app-core configure basic && exec gunicorn", {
      "setup.cfg": "[metadata]\nname = app\n\n[options.entry_points]\nconsole_scripts =\n    app-core = app.cli:cli\n",
      "app/cli/database.py": "from alembic import command\n\n\ndef configure_database():\n    command.upgrade(config, \"head\")\n",
    });
    delete (files as Record<string, string>)["pyproject.toml"];
    const { index, text } = await lint(files);
    expect(index.severity).toBe("info");
    expect(text).toContain("(setup.cfg:6: app.cli:cli), which calls Alembic's `command.upgrade()` at app/cli/database.py:5");
  });

  it("setup.py's entry_points, a dict literal or a name the module binds to one, counts the same (faraday-manage)", async () => {
    const setup = (lines: string[]) => {
      const files = app("app-core configure basic && exec gunicorn", { "setup.py": [...lines, ""].join("\n") });
      delete (files as Record<string, string>)["pyproject.toml"];
      return files;
    };
    const literal = await lint(setup(["from setuptools import setup, find_packages", "", "setup(", '    name="app",', "    packages=find_packages(),", '    entry_points={"console_scripts": ["app-core=app.cli:cli"]},', ")"]));
    expect(literal.index.severity).toBe("info");
    expect(literal.text).toContain("(setup.py:6: app.cli:cli), which calls Flask-Migrate's `upgrade()` at app/cli/database.py:5");
    const named = await lint(setup(["import setuptools", "", "ENTRY_POINTS = {", '    "console_scripts": [', '        "app-core = app.cli:cli",', "    ],", "}", "", 'setuptools.setup(name="app", entry_points=ENTRY_POINTS)']));
    expect(named.index.severity).toBe("info");
    expect(named.text).toContain("(setup.py:5: app.cli:cli)");
    // computed entry points declare nothing read: the deploy stays online
    const computed = await lint(setup(["from setuptools import setup", "", "setup(name=\"app\", entry_points=load_entry_points())"]));
    expect(computed.index.severity).toBe("error");
    expect(computed.text).not.toContain("deploy: read as offline");
  });

  it("an argparse subcommand counts through the function its parser's `set_defaults(func=...)` names", async () => {
    const main = [
      "import argparse",
      "",
      "from .database import configure_database",
      "",
      "",
      "def build_parser():",
      "    parser = argparse.ArgumentParser()",
      "    sub = parser.add_subparsers()",
      '    upgrade = sub.add_parser("upgrade")',
      "    upgrade.set_defaults(func=configure_database)",
      '    sub.add_parser("report").set_defaults(func=report)',
      "    return parser",
      "",
      "",
      "def report(args):",
      "    print(args)",
      "",
      "",
      "def cli():",
      "    args = build_parser().parse_args()",
      "    args.func(args)",
      "",
    ].join("\n");
    const offline = await lint(app("app-core upgrade && exec gunicorn", { "app/cli/cli.py": main }));
    expect(offline.index.severity).toBe("info");
    expect(offline.text).toContain("runs `app-core upgrade`, the project's console script (pyproject.toml:6: app.cli:cli), which calls Flask-Migrate's `upgrade()` at app/cli/database.py:5");
    expect((await lint(app("app-core report && exec gunicorn", { "app/cli/cli.py": main }))).index.severity).toBe("error");
  });

  it("stays online when the subcommand does not migrate, the server starts first, or a Helm chart rolls", async () => {
    const online: Array<Record<string, string>> = [
      app("app-core send-report && exec gunicorn"),
      app("gunicorn --daemon && app-core configure basic"),
      app("app-core configure basic && exec gunicorn", { "app/cli/database.py": "def configure_database():\n    print('no migration')\n" }),
      app("app-core configure basic && exec gunicorn", { "chart/Chart.yaml": "apiVersion: v2\nname: api\nversion: 1.0.0\n" }),
    ];
    for (const files of online) {
      const { index, text } = await lint(files);
      expect(index.severity).toBe("error");
      expect(text).not.toContain("deploy: read as offline");
    }
  });
});
