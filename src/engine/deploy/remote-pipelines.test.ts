/**
 * A deploy pipeline defined in another repository (audit 67's berth-reservations: docker-entrypoint.sh migrates then
 * starts uwsgi, and azure-pipelines-venepaikat-release.yml `extends` venepaikat-pipelines' template, which deploys to
 * OpenShift): the entrypoint alone proves no offline deploy, read as online naming the pipeline.
 */
import { defaultConfig } from "../config.js";
import { decideDeploy, deployNote } from "./deploy-model.js";
import { deployPaths } from "./deploy-paths.js";
import { loadDeployReaders } from "./deploy-readers.js";

const auto = defaultConfig();
const files = (all: Record<string, string>) => Object.entries(all).map(([path, content]) => ({ path, content }));

beforeAll(() => loadDeployReaders());

const BERTH = {
  Dockerfile: 'FROM python:3.11\nENTRYPOINT ["./docker-entrypoint.sh"]\n',
  "docker-entrypoint.sh": '#!/bin/bash\nif [[ "$APPLY_MIGRATIONS" = "1" ]]; then\n    python ./manage.py migrate --noinput\nfi\nuwsgi --ini .prod/uwsgi.ini\n',
};
const AZURE_RELEASE = [
  "trigger:",
  "  tags:",
  "    include:",
  "      - release-*",
  "resources:",
  "  repositories:",
  "  - repository: venepaikat-pipelines",
  "    type: git",
  "    name: venepaikat/venepaikat-pipelines",
  "extends:",
  "  template: azure-pipelines-venepaikat-api-release.yml@venepaikat-pipelines",
  "",
].join("\n");

describe("a deploy pipeline defined in another repository", () => {
  it("berth-reservations: an Azure release pipeline that extends another repository's template overrules the entrypoint", () => {
    expect(decideDeploy(auto, files(BERTH))).toMatchObject({ mode: "offline", offline: { path: "docker-entrypoint.sh", line: 3 } });
    const decision = decideDeploy(auto, files({ ...BERTH, "azure-pipelines-venepaikat-release.yml": AZURE_RELEASE }));
    expect(decision).toMatchObject({ mode: "online", source: "detected", offline: { path: "docker-entrypoint.sh" }, rolling: { path: "azure-pipelines-venepaikat-release.yml", line: 11 } });
    expect(deployNote(decision)).toContain(
      "deploy: read as online: docker-entrypoint.sh:3 migrates before the server starts, but azure-pipelines-venepaikat-release.yml:11 is an Azure Pipelines release pipeline whose deploy is the template `azure-pipelines-venepaikat-api-release.yml@venepaikat-pipelines` of another repository: how it puts the new image live is not written in this repository",
    );
    expect(deployPaths(["azure-pipelines-venepaikat-release.yml", ".gitlab-ci.yml", "docs/azure-pipelines.yml"]).sort()).toEqual([".gitlab-ci.yml", "azure-pipelines-venepaikat-release.yml"]);
  });

  it("a template of the same repository (@self, or no alias), a review or test pipeline, or one not named for deploying is no sign", () => {
    for (const [path, content] of [
      ["azure-pipelines-venepaikat-release.yml", AZURE_RELEASE.replace("@venepaikat-pipelines", "@self")],
      ["azure-pipelines-venepaikat-release.yml", AZURE_RELEASE.replace("@venepaikat-pipelines", "")],
      ["azure-pipelines-venepaikat-review.yml", AZURE_RELEASE],
      ["azure-pipelines-venepaikat-test.yml", AZURE_RELEASE],
      ["azure-pipelines.yml", AZURE_RELEASE.replace("api-release", "api-lint")],
    ])
      expect({ path, mode: decideDeploy(auto, files({ ...BERTH, [path]: content })).mode }).toEqual({ path, mode: "offline" });
    // a pipeline of the default name whose remote template is named for releasing counts
    expect(decideDeploy(auto, files({ ...BERTH, "azure-pipelines.yml": AZURE_RELEASE })).mode).toBe("online");
  });

  it("a GitHub deploy workflow calling another repository's reusable workflow, and GitLab's include of a deploy project, count the same", () => {
    const workflow = "on:\n  push:\n    tags: ['v*']\njobs:\n  deploy:\n    uses: City-of-Helsinki/.github/.github/workflows/deploy-openshift.yml@main\n    secrets: inherit\n";
    expect(decideDeploy(auto, files({ ...BERTH, ".github/workflows/deploy.yml": workflow }))).toMatchObject({ mode: "online", rolling: { path: ".github/workflows/deploy.yml", line: 6 } });
    // a local reusable workflow is this repository's: read as any workflow
    expect(decideDeploy(auto, files({ ...BERTH, ".github/workflows/deploy.yml": workflow.replace("City-of-Helsinki/.github/.github", "./.github") })).mode).toBe("offline");
    const gitlab = "include:\n  - project: platform/deploy-templates\n    file: /openshift.yml\n  - template: Security/SAST.gitlab-ci.yml\n";
    expect(decideDeploy(auto, files({ ...BERTH, ".gitlab-ci.yml": gitlab }))).toMatchObject({ mode: "online", rolling: { path: ".gitlab-ci.yml", line: 2 } });
    expect(decideDeploy(auto, files({ ...BERTH, ".gitlab-ci.yml": "include:\n  - project: platform/ci-templates\n    file: /python-lint.yml\n" })).mode).toBe("offline");
  });

  it("does not overrule evidence that states how the deploy runs (a Recreate DeploymentConfig's mid hook)", () => {
    const dc = "apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nspec:\n  strategy:\n    type: Recreate\n    recreateParams:\n      mid:\n        execNewPod:\n          command: [python, manage.py, migrate]\n";
    expect(decideDeploy(auto, files({ "openshift/web.yml": dc, "azure-pipelines-venepaikat-release.yml": AZURE_RELEASE }))).toMatchObject({ mode: "offline", offline: { path: "openshift/web.yml" } });
  });
});
