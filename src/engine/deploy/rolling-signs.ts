/**
 * Signs in the deploy files that several instances run at once, or that the migrations run beside the old ones: a
 * Helm chart or Kubernetes workload whose pods overlap (kubernetes-workloads.ts: not one replica of a StatefulSet, a
 * Recreate Deployment or OpenShift DeploymentConfig without a pre hook that migrates, a data store's pods), a migrate Job, a Procfile release phase, Heroku's app.json, fly.io's
 * release_command, Render's preDeployCommand, Capistrano, a Cloud66 manifest, a Kamal config, a deploy workflow that
 * rolls Kubernetes or updates an ECS service (any workflow that updates running instances: `kubectl set image`), a script that only migrates, a compose service that only migrates or runs
 * several replicas, more than one instance counted in Terraform's JSON variables, a Cloud Foundry manifest, an ECS or
 * CloudFormation definition or fly.toml (instance-counts.ts), a Terraform task that only migrates (terraform-hcl.ts).
 */
import type { SourceFile } from "../model.js";
import { baseOf, dirOf } from "../paths.js";
import { lineAt, migrationIn, runsMigrations, isMigrateStep, ROLLING_UPDATE, ROLLOUT, SERVER, withoutComments } from "./deploy-commands.js";
import type { DeployEvidence } from "./deploy-model.js";
import { deployInstanceCounts, deployYaml } from "./deploy-readers.js";
import { isCloud66ManifestPath, isComposePath, isDeployWorkflowPath, isDevelopmentPath, isInstanceCountPath, isKamalConfigPath, isKubernetesPath, isMigrateScriptPath, isTerraformHclPath, isWorkflowPath } from "./deploy-paths.js";

/**
 * The first sign in the deploy files that several instances run at once, or that migrations run beside the old ones.
 * `gate`: a compose service the application's services wait for to complete (compose-gate.ts): it migrates apart from
 * the server by design, so it is no sign.
 */
export function rollingSign(files: readonly SourceFile[], gate?: { path: string; service: string }): DeployEvidence | undefined {
  for (const file of files) {
    const base = baseOf(file.path);
    if (isInstanceCountPath(file.path) && !isDevelopmentPath(file.path)) {
      // in Terraform's HCL also a task that only migrates: a deploy step apart from the server, as a Kubernetes migrate Job is
      const sign = isTerraformHclPath(file.path) ? deployInstanceCounts().hclRollingSign(file) : deployInstanceCounts().instanceCountSign(file);
      if (sign) return sign;
    }
    if (base === "Chart.yaml") {
      const sign = chartSign(file, files);
      if (sign) return sign;
      continue;
    }
    if (isKubernetesPath(file.path)) {
      const sign = kubernetesSign(file, files);
      if (sign) return sign;
      continue;
    }
    if (base === "Procfile") {
      const release = /^release\s*:/m.exec(file.content);
      if (release) return { path: file.path, line: lineAt(file.content, release.index), what: "a Procfile release phase: Heroku migrates while the old dynos serve" };
    }
    if (base === "app.json") {
      try {
        const json = JSON.parse(file.content) as Record<string, unknown>;
        if (["buildpacks", "formation", "addons", "stack", "environments"].some((k) => k in json)) return { path: file.path, line: 1, what: "a Heroku app.json: dynos are replaced while the old ones serve" };
      } catch {
        // not JSON: not Heroku's
      }
    }
    if (base === "fly.toml") {
      const release = /^\s*release_command\s*=/m.exec(file.content);
      if (release) return { path: file.path, line: lineAt(file.content, release.index), what: "fly.io's release_command: it migrates while the old machines serve" };
      const machines = deployInstanceCounts().flyInstanceSign(file);
      if (machines) return machines;
    }
    if (base === "render.yaml") {
      const release = /preDeployCommand\s*:/.exec(file.content);
      if (release) return { path: file.path, line: lineAt(file.content, release.index), what: "Render's preDeployCommand: it migrates while the old instance serves" };
    }
    if (base === "Capfile") {
      const migrations = /^\s*require\s+["']capistrano\/rails\/migrations["']/m.exec(file.content);
      return { path: file.path, line: migrations ? lineAt(file.content, migrations.index) : 1, what: "a Capistrano deploy: the new release migrates on the servers while the old one serves" };
    }
    if (isCloud66ManifestPath(file.path)) {
      const manifest = deployYaml().cloud66Manifest(file);
      if (manifest?.restartSignal)
        return { path: file.path, line: manifest.restartSignal.line, what: `a Cloud66 manifest that restarts processes with \`restart_signal: ${manifest.restartSignal.signal}\` (usr1: Puma's phased restart): the old workers serve while the deploy migrates` };
      if (manifest) return { path: file.path, line: manifest.environmentLine, what: "a Cloud66 manifest: Cloud66 migrates during its deploy while the running processes serve" };
    }
    if (isKamalConfigPath(file.path) && !isDevelopmentPath(file.path)) {
      const line = deployYaml().kamalServiceLine(file);
      if (line !== undefined) return { path: file.path, line, what: "a Kamal deploy: the new container (its entrypoint migrating) starts beside the old one, which serves until the new one is healthy" };
    }
    if (isWorkflowPath(file.path)) {
      // a workflow named for deploying rolls with any of ROLLOUT; any other only with an update of running instances
      const rollout = (isDeployWorkflowPath(file.path) ? ROLLOUT : ROLLING_UPDATE).exec(withoutComments(file.content));
      if (rollout) return { path: file.path, line: lineAt(file.content, rollout.index), what: `a deploy workflow that runs \`${rollout[0]}\`: new instances start beside the old ones` };
    }
    if (isMigrateScriptPath(file.path) && !isDevelopmentPath(file.path)) {
      const text = withoutComments(file.content);
      const migrate = migrationIn(text);
      if (migrate && !SERVER.test(text))
        return { path: file.path, line: lineAt(file.content, migrate.index), what: "a script that only runs the migrations: a deploy step of its own, apart from the server's start" };
    }
    if (isComposePath(file.path) && !isDevelopmentPath(file.path)) {
      for (const service of deployYaml().composeServices(file)) {
        if (service.replicas !== undefined && service.replicas > 1) return { path: file.path, line: service.line, what: `compose service ${service.name} runs ${service.replicas} replicas` };
        if (runsMigrations(service.command) && !SERVER.test(service.command) && !(gate && gate.path === file.path && gate.service === service.name))
          return { path: file.path, line: service.line, what: `compose service ${service.name} runs the migrations apart from the server` };
      }
    }
  }
  return undefined;
}

/** a Job's command that is a deploy step of its own: the migration command or a task runner's migrate target */
const migrateStep = isMigrateStep;

/** A manifest's sign of overlap: a workload whose pods overlap during a deploy, or a Job that migrates apart from the server. */
function kubernetesSign(file: SourceFile, files: readonly SourceFile[]): DeployEvidence | undefined {
  for (const workload of deployYaml().kubernetesWorkloads(file, files, migrateStep)) {
    if (workload.kind === "Job" || workload.kind === "CronJob") {
      if (workload.migrates) return { path: file.path, line: workload.line, what: "a Kubernetes Job that runs the migrations apart from the server" };
    } else if (workload.overlap) return { path: file.path, line: workload.line, what: workload.overlap };
  }
  return undefined;
}

/**
 * A Helm chart overlaps old and new pods unless its templates (among the files read) run workloads and none of them
 * overlaps (one replica of a StatefulSet, a Recreate Deployment or DeploymentConfig) nor migrates in a Job: a chart whose templates
 * are not read says nothing of its pods, so it counts as rolling.
 */
function chartSign(chart: SourceFile, files: readonly SourceFile[]): DeployEvidence | undefined {
  const folder = dirOf(chart.path);
  const prefix = folder === "" ? "templates/" : `${folder}/templates/`;
  const templates = files.filter((f) => f.path.startsWith(prefix) && /\.ya?ml$/.test(f.path));
  const workloads = templates.flatMap((t) => deployYaml().kubernetesWorkloads(t, files, migrateStep));
  const serving = workloads.filter((w) => w.kind !== "Job" && w.kind !== "CronJob");
  if (serving.length === 0) return { path: chart.path, line: 1, what: "a Helm chart: Kubernetes starts new pods beside the old ones" };
  // the template that overlaps is named, not the chart
  for (const template of templates) {
    const sign = kubernetesSign(template, files);
    if (sign) return sign;
  }
  return undefined;
}
