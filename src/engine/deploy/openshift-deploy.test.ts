/**
 * OpenShift DeploymentConfigs and the manifests an operator keeps in the documentation (replay 41's hitobito:
 * doc/operator/openshift/rails-web.yml, `strategy: type: Recreate` whose `recreateParams.mid.execNewPod` runs
 * `/usr/libexec/s2i/deploy`, which migrates, after the old pods are scaled to zero). Read as offline; a pre hook, the
 * Rolling strategy (the default) or several replicas of a Rolling DeploymentConfig overlap.
 */
import { defaultConfig } from "../config.js";
import { decideDeploy, deployNote, isDeployFile } from "./deploy-model.js";
import { deployDocPaths, isOperatorManifestPath } from "./deploy-doc-paths.js";
import { isDevelopmentPath, isKubernetesPath } from "./deploy-paths.js";
import { loadDeployReaders } from "./deploy-readers.js";

const auto = defaultConfig();
const files = (all: Record<string, string>) => Object.entries(all).map(([path, content]) => ({ path, content }));

beforeAll(() => loadDeployReaders());

/** hitobito's rails-web.yml, cut down: the hook's command on lines 13-16 */
const deploymentConfig = ({ type = "Recreate", stage = "mid", command = ["/usr/bin/bash", "-c", "/usr/libexec/s2i/deploy"], replicas = 1, image = "172.30.1.1:5000/hitobito-templaterails:latest", strategy = true } = {}) =>
  [
    "---",
    "apiVersion: v1",
    "kind: DeploymentConfig",
    "metadata:",
    "  name: rails",
    "spec:",
    `  replicas: ${replicas}`,
    ...(strategy
      ? [
          "  strategy:",
          `    ${type === "Recreate" ? "recreateParams" : "rollingParams"}:`,
          `      ${stage}:`,
          "        execNewPod:",
          "          command:",
          ...command.map((word) => `          - ${word}`),
          "          containerName: rails",
          `    type: ${type}`,
        ]
      : []),
    "  template:",
    "    spec:",
    "      containers:",
    `      - image: ${image}`,
    "        name: rails",
    "",
  ].join("\n");

const HITOBITO = "doc/operator/openshift/rails-web.yml";
/** hitobito's root Dockerfile: `CMD ["bundle", "exec", "puma"]`, no migration */
const DOCKERFILE = 'FROM ruby:3.2\nCMD ["bundle", "exec", "puma"]\n';

describe("an OpenShift DeploymentConfig (hitobito)", () => {
  it("reads a Recreate strategy whose mid hook runs the image's deploy script as offline: nothing serves while it migrates", () => {
    const decision = decideDeploy(auto, files({ Dockerfile: DOCKERFILE, [HITOBITO]: deploymentConfig() }));
    expect(decision).toMatchObject({ mode: "offline", source: "detected", offline: { path: HITOBITO, line: 13, reason: "nothing serves while it migrates" } });
    expect(deployNote(decision)).toContain(
      "deploy: read as offline: doc/operator/openshift/rails-web.yml:13: the mid hook of an OpenShift DeploymentConfig with the Recreate strategy runs `/usr/bin/bash -c /usr/libexec/s2i/deploy` (a script named for deploying or migrating) after the old pods are scaled down and before the new ones start",
    );
    // the migration command itself, and the apps.openshift.io/v1 API, read the same; whatever the replicas
    const migrate = deploymentConfig({ command: ["bundle", "exec", "rails", "db:migrate"], replicas: 3 }).replace("apiVersion: v1", "apiVersion: apps.openshift.io/v1");
    expect(decideDeploy(auto, files({ "openshift/web.yml": migrate })).offline?.what).toContain("with the Recreate strategy runs the migrations after the old pods are scaled down");
  });

  it("a mid hook that neither migrates nor runs a script named for it is no evidence", () => {
    expect(decideDeploy(auto, files({ [HITOBITO]: deploymentConfig({ command: ["/bin/sh", "-c", "echo warming caches"] }) }))).toEqual({ mode: "online", source: "default" });
  });

  it("a pre hook migrates while the old pods serve: online, naming it", () => {
    const pre = decideDeploy(auto, files({ [HITOBITO]: deploymentConfig({ stage: "pre", command: ["bundle", "exec", "rails", "db:migrate"] }), "bin/docker-entrypoint": "#!/bin/sh\nbundle exec rails db:migrate\nexec \"$@\"\n" }));
    expect(pre).toMatchObject({ mode: "online", rolling: { path: HITOBITO, line: 3, what: "an OpenShift DeploymentConfig whose pre hook runs `bundle exec rails db:migrate` before the old pods stop: they serve while it migrates" } });
  });

  it("the Rolling strategy (the default) starts the new pod beside the old one: an entrypoint that migrates stays online", () => {
    const entrypoint = { Dockerfile: 'FROM ruby\nENTRYPOINT ["/app/docker-entrypoint.sh"]\nCMD ["bundle", "exec", "puma"]\n', "docker-entrypoint.sh": '#!/bin/sh\nbundle exec rails db:migrate\nexec "$@"\n' };
    expect(decideDeploy(auto, files(entrypoint)).mode).toBe("offline");
    for (const manifest of [deploymentConfig({ strategy: false }), deploymentConfig({ type: "Rolling", stage: "pre", command: ["/bin/true"] })])
      expect(decideDeploy(auto, files({ ...entrypoint, [HITOBITO]: manifest }))).toMatchObject({ mode: "online", rolling: { path: HITOBITO, line: 3, what: "an OpenShift DeploymentConfig rolled by its strategy (Rolling): the new pod starts beside the old one" } });
    // Recreate stops every old pod first, whatever the count: the entrypoint stays the evidence
    expect(decideDeploy(auto, files({ ...entrypoint, [HITOBITO]: deploymentConfig({ command: ["/bin/true"], replicas: 4 }) })).mode).toBe("offline");
    expect(decideDeploy(auto, files({ ...entrypoint, "k8s/web.yaml": "kind: Deployment\nspec:\n  replicas: 3\n  strategy:\n    type: Recreate\n" })).mode).toBe("offline");
  });

  it("a data store's pods, or a DeploymentConfig scaled to zero, run none of the application's code: no overlap (hitobito's memcached and maintenance)", () => {
    const memcached = deploymentConfig({ strategy: false, image: "172.30.1.1:5000/hitobito-templatememcached" });
    const backup = deploymentConfig({ strategy: false, image: "appuio/mysql-simple-backup-container" });
    const maintenance = deploymentConfig({ strategy: false, replicas: 0, image: "172.30.1.1:5000/hitobito-templatersync-client" });
    const decision = decideDeploy(auto, files({ [HITOBITO]: deploymentConfig(), "doc/operator/openshift/memcached-database.yml": memcached, "doc/operator/openshift/mysql-backup.yml": backup, "doc/operator/openshift/rails-maintenance.yml": maintenance }));
    expect(decision).toMatchObject({ mode: "offline", offline: { path: HITOBITO } });
    // the application's own image rolled beside it still overlaps
    const worker = deploymentConfig({ strategy: false, image: "172.30.1.1:5000/hitobito-templaterails:latest" });
    expect(decideDeploy(auto, files({ [HITOBITO]: deploymentConfig(), "doc/operator/openshift/rails-worker.yml": worker }))).toMatchObject({ mode: "online", rolling: { path: "doc/operator/openshift/rails-worker.yml" } });
  });
});

describe("manifests in an operator's docs folder", () => {
  it("count as manifests: under a folder named for operating or deploying, not a tutorial's, an example's or a demo's", () => {
    for (const path of [HITOBITO, "docs/deployment/kubernetes/web.yaml", "backend/docs/ops/app.yml", "doc/openshift/web.yaml"])
      expect({ path, operator: isOperatorManifestPath(path), kubernetes: isKubernetesPath(path), development: isDevelopmentPath(path) }).toEqual({ path, operator: true, kubernetes: true, development: false });
    for (const path of ["docs/tutorial/app.yaml", "docs/examples/openshift/web.yml", "docs/operator/demo/web.yml", "docs/operator/web.dev.yml", "docs/mkdocs.yml", "doc/operator/01_deployment.md", "app/src/doc/operator/web.yml"])
      expect({ path, operator: isOperatorManifestPath(path) }).toEqual({ path, operator: false });
    // phoenix's vignette compose file stays a reader's
    expect(isDevelopmentPath("internal_docs/vignettes/postgresql_tls/docker-compose.yaml")).toBe(true);
    expect(isDeployFile({ path: HITOBITO, content: "" })).toBe(true);
  });

  it("are listed by the edges after the prose, at most 16", () => {
    const manifests = Array.from({ length: 20 }, (_, i) => `doc/operator/openshift/m${String(i).padStart(2, "0")}.yml`);
    const listed = deployDocPaths(["doc/operator/01_deployment.md", ...manifests, "doc/tutorial/app.yml"]);
    expect(listed).toEqual(["doc/operator/01_deployment.md", ...manifests.slice(0, 16)]);
  });
});
