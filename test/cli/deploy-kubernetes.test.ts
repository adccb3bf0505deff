/**
 * `migguard lint` on a Django project deployed by a Helm chart or Kubernetes manifests whose pod migrates in an init
 * container (Kiwi TCMS's helm/templates/statefulset.yaml: one StatefulSet replica, `initContainers` running
 * `/Kiwi/manage.py migrate`). A StatefulSet's rolling update deletes the old pod before it creates the new one, and a
 * Deployment with `strategy: Recreate` stops the old pods first: with one replica nothing old serves while the new pod
 * migrates, so the rename's old-code error is a note. More replicas (written, or read from the chart's values.yaml),
 * a Deployment's default RollingUpdate, or a HorizontalPodAutoscaler keep it an error.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { initial, rename } from "./support/django-job-rename.js";

const bootstrap = (calls: string) =>
  ["from django.core.management import BaseCommand, call_command", "", "", "class Command(BaseCommand):", "    def handle(self, *args, **options):", `        call_command(${calls}, interactive=False)`, ""].join("\n");

/** a Helm template in Kiwi's shape: `{{ }}` actions on lines of their own and inside values */
const workload = ({ kind = "StatefulSet", spec = [] as string[], command = '["/app/manage.py", "migrate"]' } = {}) =>
  [
    '{{- $name := include "app.fullname" . -}}',
    "apiVersion: apps/v1",
    `kind: ${kind}`,
    "metadata:",
    "  name: {{ $name }}",
    "  labels:",
    '    {{- include "app.labels" . | nindent 4 }}',
    "spec:",
    ...spec.map((line) => `  ${line}`),
    "  selector:",
    "    matchLabels:",
    '      {{- include "app.selectorLabels" . | nindent 6 }}',
    "  template:",
    "    spec:",
    "      volumes:",
    "        - name: media",
    "          {{- if .Values.storage.persistent }}",
    "          persistentVolumeClaim:",
    "            claimName: {{ $name }}",
    "          {{- else -}}",
    "          emptyDir: {}",
    "          {{- end }}",
    "      initContainers:",
    "        - name: migrations",
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
    `          command: ${command}`,
    "      containers:",
    "        - name: {{ .Chart.Name }}",
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    "          ports:",
    "            - containerPort: {{ .Values.service.port }}",
    "",
  ].join("\n");
/** the line of the init container's `command:` in `workload` */
const COMMAND_LINE = (spec: string[] = []) => 25 + spec.length;

const MIGRATION = "core/migrations/0002_job_name.py";
const app = (files: Record<string, string>) =>
  new Repo()
    .write({
      "manage.py": "import django\n",
      "core/__init__.py": "",
      "core/migrations/__init__.py": "",
      "core/migrations/0001_initial.py": initial,
      [MIGRATION]: rename,
      "core/management/__init__.py": "",
      "core/management/commands/__init__.py": "",
      "core/management/commands/bootstrap.py": bootstrap('"migrate"'),
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "app.wsgi"]\n',
      "helm/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "helm/values.yaml": "replicaCount: 1\nimage:\n  repository: example/app\n  tag: latest\nservice:\n  port: 8080\nstorage:\n  persistent: true\n",
      ...files,
    })
    .commit("app");
const lint = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  const finding = (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "rename-column");
  const verbose = (await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output;
  return { finding, deploy: verbose.split("\n").find((line) => line.startsWith("deploy:")) };
};

describe("a Kubernetes workload whose pod migrates before its server starts, through the CLI", () => {
  it("lint: one StatefulSet replica (none written) migrating in an init container is an offline deploy: the rename is a note", async () => {
    const { finding, deploy } = await lint(app({ "helm/templates/statefulset.yaml": workload() }));
    expect(finding).toMatchObject({ severity: "info" });
    expect(deploy).toContain(`deploy: read as offline: helm/templates/statefulset.yaml:${COMMAND_LINE()}: the init container \`migrations\` of a Kubernetes StatefulSet (1 replica) runs the migrations before the pod's server starts`);
  });

  it("lint: the replica count a template reads from values.yaml decides: 1 is offline, 3 keep the error", async () => {
    const spec = ["replicas: {{ .Values.replicaCount }}"];
    expect((await lint(app({ "helm/templates/statefulset.yaml": workload({ spec }) }))).finding).toMatchObject({ severity: "info" });
    const three = await lint(app({ "helm/templates/statefulset.yaml": workload({ spec }), "helm/values.yaml": "replicaCount: 3\n" }));
    expect(three.finding).toMatchObject({ severity: "error" });
    expect(three.deploy).toContain("but helm/templates/statefulset.yaml:3 is a Kubernetes StatefulSet with 3 replicas");
    // a count the template computes otherwise is unknown: no offline reading
    expect((await lint(app({ "helm/templates/statefulset.yaml": workload({ spec: ["replicas: {{ add 1 .Values.replicaCount }}"] }) }))).finding).toMatchObject({ severity: "error" });
  });

  it("lint: a Deployment overlaps by default (RollingUpdate) even with one replica; with `strategy: Recreate` it does not", async () => {
    const rolling = await lint(app({ "helm/templates/deployment.yaml": workload({ kind: "Deployment", spec: ["replicas: 1"] }) }));
    expect(rolling.finding).toMatchObject({ severity: "error" });
    expect(rolling.deploy).toContain("is a Kubernetes Deployment rolled by its update strategy (RollingUpdate)");
    const recreate = await lint(app({ "helm/templates/deployment.yaml": workload({ kind: "Deployment", spec: ["replicas: 1", "strategy:", "  type: Recreate"] }) }));
    expect(recreate.finding).toMatchObject({ severity: "info" });
    expect(recreate.deploy).toContain("of a Kubernetes Deployment (1 replica) runs the migrations");
  });

  it("lint: a HorizontalPodAutoscaler in the chart adds pods: the error stays", async () => {
    const hpa = "{{- if .Values.autoscaling.enabled }}\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  minReplicas: 1\n{{- end }}\n";
    expect((await lint(app({ "helm/templates/statefulset.yaml": workload(), "helm/templates/hpa.yaml": hpa }))).finding).toMatchObject({ severity: "error" });
  });

  it("lint: an init container that runs the project's own command calls migrate through it; one that never does is no migration", async () => {
    const command = '["python", "manage.py", "bootstrap"]';
    const { finding, deploy } = await lint(app({ "helm/templates/statefulset.yaml": workload({ command }) }));
    expect(finding).toMatchObject({ severity: "info" });
    expect(deploy).toContain("runs `manage.py bootstrap`, which calls migrate at core/management/commands/bootstrap.py:6 before the pod's server starts");
    expect((await lint(app({ "helm/templates/statefulset.yaml": workload({ command }), "core/management/commands/bootstrap.py": bootstrap('"check"') }))).finding).toMatchObject({ severity: "error" });
  });

  it("lint: a plain manifest (no chart) is read the same", async () => {
    const manifest = "apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  replicas: 1\n  template:\n    spec:\n      initContainers:\n        - name: migrate\n          command: [python, manage.py, migrate]\n      containers:\n        - name: web\n";
    const repo = new Repo().write({ "manage.py": "", "core/__init__.py": "", "core/migrations/__init__.py": "", "core/migrations/0001_initial.py": initial, [MIGRATION]: rename, "k8s/app.yaml": manifest }).commit("app");
    const { finding, deploy } = await lint(repo);
    expect(finding).toMatchObject({ severity: "info" });
    expect(deploy).toContain("deploy: read as offline: k8s/app.yaml:9:");
  });
});
