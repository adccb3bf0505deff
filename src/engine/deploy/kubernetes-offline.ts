/**
 * A Kubernetes workload whose pod migrates before its server starts: an init container that runs the migration
 * command (or one of the project's own commands that migrate: project-commands.ts), or a container whose command
 * migrates and then starts the server. It is offline evidence like a container entrypoint (offline-entrypoint.ts):
 * whether the workload's pods overlap during a deploy is the rolling signs' to say (rolling-signs.ts reads the same
 * workloads: one replica of a StatefulSet or of a Recreate Deployment does not overlap).
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
      const migration = workload.migrates;
      if (workload.kind !== "Deployment" && workload.kind !== "StatefulSet") continue;
      if (!migration || !(migration.init ? initMigrates(migration.command) : serverMigrates(migration.command))) continue;
      const project = projects.migrationIn(migration.command);
      const runs = runsMigrations(migration.command) || !project ? "runs the migrations" : project.what;
      const replicas = workload.replicas === undefined ? "" : ` (${workload.replicas} replica${workload.replicas === 1 ? "" : "s"})`;
      return {
        path: file.path,
        line: migration.line,
        what: migration.init
          ? `the init container \`${migration.container}\` of a Kubernetes ${workload.kind}${replicas} ${runs} before the pod's server starts`
          : `the container \`${migration.container}\` of a Kubernetes ${workload.kind}${replicas} ${runs} and then starts the server`,
      };
    }
  }
  return undefined;
}
