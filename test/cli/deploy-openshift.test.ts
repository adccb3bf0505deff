/**
 * `migguard lint` on a Django project whose operators deploy it with an OpenShift DeploymentConfig kept in the
 * documentation (hitobito's doc/operator/openshift/rails-web.yml): `strategy: type: Recreate` scales the old pods to
 * zero, runs the `mid` hook (the image's deploy script, which migrates), then starts the new pods. Nothing serves
 * while it migrates, so the rename's old-code error is a note; a `pre` hook, which runs while the old pods serve,
 * keeps it an error.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { initial, rename } from "./support/django-job-rename.js";

const deploymentConfig = (stage: "pre" | "mid") =>
  [
    "apiVersion: apps.openshift.io/v1",
    "kind: DeploymentConfig",
    "metadata:",
    "  name: web",
    "spec:",
    "  replicas: 2",
    "  strategy:",
    "    type: Recreate",
    "    recreateParams:",
    `      ${stage}:`,
    "        execNewPod:",
    "          containerName: web",
    "          command: [/usr/bin/bash, -c, /usr/libexec/s2i/deploy]",
    "  template:",
    "    spec:",
    "      containers:",
    "      - name: web",
    "        image: registry.example.com/app:latest",
    "",
  ].join("\n");

const MIGRATION = "core/migrations/0002_job_name.py";
const MANIFEST = "doc/operator/openshift/web.yml";
const app = (stage: "pre" | "mid") =>
  new Repo()
    .write({
      "manage.py": "import django\n",
      "core/__init__.py": "",
      "core/migrations/__init__.py": "",
      "core/migrations/0001_initial.py": initial,
      [MIGRATION]: rename,
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "app.wsgi"]\n',
      "doc/operator/README.md": "# Operating\n\nCreate the objects with `oc create -f openshift/`.\n",
      [MANIFEST]: deploymentConfig(stage),
    })
    .commit("app");
const lint = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  const finding = (JSON.parse(output) as { findings: Array<{ rule: string; severity: string }> }).findings.find((f) => f.rule === "rename-column");
  const verbose = (await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output;
  return { finding, deploy: verbose.split("\n").find((line) => line.startsWith("deploy:")) };
};

describe("an OpenShift DeploymentConfig in an operator's docs folder, through the CLI", () => {
  it("lint: a Recreate strategy whose mid hook runs the deploy script is offline: the rename is a note", async () => {
    const { finding, deploy } = await lint(app("mid"));
    expect(finding).toMatchObject({ severity: "info" });
    expect(deploy).toContain(`deploy: read as offline: ${MANIFEST}:13: the mid hook of an OpenShift DeploymentConfig with the Recreate strategy runs \`/usr/bin/bash -c /usr/libexec/s2i/deploy\``);
  });

  it("lint: the same script in a pre hook runs while the old pods serve: the error stays", async () => {
    const { finding, deploy } = await lint(app("pre"));
    expect(finding).toMatchObject({ severity: "error" });
    expect(deploy).toBeUndefined();
  });
});
