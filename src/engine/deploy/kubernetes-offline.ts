/**
 * A Kubernetes workload whose pod migrates before its server starts: an init container that runs the migration
 * command (or one of the project's own commands that migrate: project-commands.ts), or a container whose command
 * migrates and then starts the server. It is offline evidence like a container entrypoint (offline-entrypoint.ts):
 * whether the workload's pods overlap during a deploy is the rolling signs' to say (rolling-signs.ts reads the same
 * workloads: one replica of a StatefulSet, or a Recreate Deployment or DeploymentConfig, does not overlap).
 * An OpenShift DeploymentConfig whose Recreate strategy runs the migrations in its `mid` hook migrates with no pod
 * running at all (hitobito's doc/operator/openshift/rails-web.yml: OpenShift scales the old pods to zero, runs the
 * hook in a pod of the new image, then starts the new pods), whatever its replica count.
 */
import type { SourceFile } from "../model.js";
import { runsMigrations, migrateThenServe, SERVER_START } from "./deploy-commands.js";
import type { DeployEvidence } from "./deploy-model.js";
import { deployYaml } from "./deploy-readers.js";
import { isDevelopmentPath, isKubernetesPath } from "./deploy-paths.js";
import { ProjectCommands } from "./project-commands.js";

export function kubernetesMigratingPod(all: readonly SourceFile[]): DeployEvidence | undefined {
  const manifests = all.filter((f) => isKubernetesPath(f.path) && !isDevelopmentPath(f.path));
  if (manifests.length === 0) return undefined;
  const projects = new ProjectCommands(all);
  // an init container finishes before the pod's server starts: migrating is enough; a container must start the server after
  const initMigrates = (shell: string) => runsMigrations(shell) || projects.migrationIn(shell) !== undefined;
  const serverMigrates = (shell: string) => migrateThenServe(shell) !== undefined || (projects.migrationIn(shell) !== undefined && SERVER_START.test(shell));
  for (const file of manifests) {
    for (const workload of deployYaml().kubernetesWorkloads(file, all, (shell) => initMigrates(shell) || serverMigrates(shell))) {
      const mid = workload.hooks?.find((h) => h.stage === "mid" && h.migrates);
      if (mid) {
        const runs = runsMigrations(mid.command) ? "runs the migrations" : (projects.migrationIn(mid.command)?.what ?? `runs \`${mid.command}\` (a script named for deploying or migrating)`);
        return {
          path: file.path,
          line: mid.line,
          what: `the mid hook of an OpenShift DeploymentConfig with the Recreate strategy ${runs} after the old pods are scaled down and before the new ones start`,
          reason: "nothing serves while it migrates",
        };
      }
      const migration = workload.migrates;
      if (workload.kind !== "Deployment" && workload.kind !== "StatefulSet" && workload.kind !== "DeploymentConfig") continue;
      if (!migration || !(migration.init ? initMigrates(migration.command) : serverMigrates(migration.command))) continue;
      const project = projects.migrationIn(migration.command);
      const runs = runsMigrations(migration.command) || !project ? "runs the migrations" : project.what;
      const replicas = workload.replicas === undefined ? "" : ` (${workload.replicas} replica${workload.replicas === 1 ? "" : "s"})`;
      const kind = workload.kind === "DeploymentConfig" ? "OpenShift DeploymentConfig" : `Kubernetes ${workload.kind}`;
      return {
        path: file.path,
        line: migration.line,
        what: migration.init
          ? `the init container \`${migration.container}\` of a ${kind}${replicas} ${runs} before the pod's server starts`
          : `the container \`${migration.container}\` of a ${kind}${replicas} ${runs} and then starts the server`,
      };
    }
  }
  return undefined;
}
