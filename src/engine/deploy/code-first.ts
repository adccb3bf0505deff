/**
 * A deploy that puts the new code live before it runs the migrations (deploy-model.ts's `code-before-migrate`):
 * manage.get.gov's deploy workflow runs `cf push --strategy rolling` and only in its next step `cf run-task ...
 * 'python manage.py migrate'`. When the migration runs, only the new code serves: no old code meets the new schema,
 * but the new code meets the OLD schema between the push and the migration (a column it selects is not there yet).
 * Read only where the order is written down:
 * - one sequence the repository writes for production (a deploy workflow's job, a deploy script, Travis CI's deploy
 *   phases: deploy-sequences.ts) that runs a command putting the new code live (CODE_LIVE) and, after it, the
 *   migration command (migrationIn), with no migration before the push;
 * - a Kubernetes Job that migrates as a Helm `post-install` / `post-upgrade` hook (or Argo CD's `PostSync`): Helm runs
 *   it once the release's resources, the new pods among them, are applied.
 * - an Ansible role whose code deploy restarts the app server before it migrates (ansible-order.ts: handlers run in
 *   the order the handlers file defines them, tournesol's "Restart Gunicorn" before "Migrate Django database").
 * A release phase that migrates before the code (a Procfile `release:`, fly.io's `release_command`, Render's
 * `preDeployCommand`, a `pre-upgrade` / `PreSync` hook Job) means the later migration finds nothing left to run, so
 * the order is not code-first.
 */
import type { SourceFile } from "../model.js";
import { baseOf } from "../paths.js";
import { lineAt, migrationIn, runsMigrations, withoutComments } from "./deploy-commands.js";
import type { DeployEvidence } from "./deploy-model.js";
import { isAnsibleRolePath, isDevelopmentPath, isKubernetesPath } from "./deploy-paths.js";
import { deploySequences } from "./deploy-sequences.js";
import { deployYaml } from "./deploy-readers.js";

/**
 * commands that put the new code live: Cloud Foundry's push (rolling or not, the app serves the new droplet once it
 * pushed), a git push to Heroku (without a release phase: the new dynos start on the old schema), Kubernetes and
 * Helm rollouts, an ECS service update, Cloud Run and App Engine deploys. Capistrano is not one: it migrates
 * before it switches the release.
 */
const CODE_LIVE =
  /\bcf7?\s+(?:v3-)?push\b|\bgit\s+push\s+(?:-\S+\s+)*heroku\b|\bheroku\s+container:release\b|\bkubectl\s+(?:rollout\s+restart|set\s+image|apply)\b|\bhelm\s+(?:upgrade|install)\b|\baws-actions\/amazon-ecs-deploy-task-definition\b|\baws\s+ecs\s+update-service\b|\bgcloud\s+(?:run|app)\s+deploy\b/;

/** the hook annotations of a Job that runs after the release's resources (Helm, Argo CD) */
const AFTER_HOOK = /^\s*["']?(?:helm\.sh\/hook|argocd\.argoproj\.io\/hook)["']?\s*:\s*["']?[^\n]*\b(?:post-install|post-upgrade|PostSync)\b/m;
/** the hook annotations of a Job that runs before them */
const BEFORE_HOOK = /^\s*["']?(?:helm\.sh\/hook|argocd\.argoproj\.io\/hook)["']?\s*:\s*["']?[^\n]*\b(?:pre-install|pre-upgrade|PreSync)\b/m;

/** The YAML documents of a Kubernetes file that are Jobs running the migrations, with the line of their `kind:`. */
function migrateJobs(file: SourceFile): Array<{ document: string; line: number }> {
  const out: Array<{ document: string; line: number }> = [];
  for (const match of file.content.matchAll(/^kind:\s*Job\s*$/gm)) {
    const start = file.content.lastIndexOf("\n---", match.index) + 1;
    const end = file.content.indexOf("\n---", match.index);
    const document = file.content.slice(start, end === -1 ? undefined : end);
    if (runsMigrations(withoutComments(document))) out.push({ document, line: lineAt(file.content, match.index) });
  }
  return out;
}

/** A step that migrates before the new code serves: then a later migration command finds nothing to run. */
function migratesBeforeCode(files: readonly SourceFile[]): boolean {
  return files.some((file) => {
    const base = baseOf(file.path);
    if (base === "Procfile") return /^release\s*:[^\n]*/m.test(file.content) && runsMigrations(/^release\s*:([^\n]*)/m.exec(file.content)![1]);
    if (base === "fly.toml") return /^\s*release_command\s*=/m.test(file.content);
    if (base === "render.yaml") return /preDeployCommand\s*:/.test(file.content);
    if (isKubernetesPath(file.path) && !isDevelopmentPath(file.path)) return migrateJobs(file).some((job) => BEFORE_HOOK.test(job.document));
    return false;
  });
}

/** A production deploy sequence that puts the new code live and runs the migrations after it. */
function pushThenMigrate(files: readonly SourceFile[]): DeployEvidence | undefined {
  for (const sequence of deploySequences(files.filter((f) => !isDevelopmentPath(f.path)))) {
    // positions as (command, offset in it): `cf push app && cf run-task app ... migrate` on one line counts too
    let push: { index: number; at: number; text: string } | undefined;
    for (const [index, command] of sequence.commands.entries()) {
      const text = withoutComments(command.text);
      const live = CODE_LIVE.exec(text);
      const migrate = migrationIn(text);
      // a migration before any push: migrate-before-code, whatever follows
      if (migrate && (!push && (!live || migrate.index < live.index))) break;
      if (live && !push) push = { index, at: live.index, text: live[0] };
      if (push && migrate && (index > push.index || migrate.index > push.at))
        return {
          path: sequence.path,
          line: command.line,
          what: `the deploy puts the new code live (\`${push.text}\`, line ${sequence.commands[push.index]!.line}) and runs the migrations after it`,
        };
    }
  }
  return undefined;
}

/** A Helm / Argo CD hook Job that migrates after the release's new pods are applied. */
function afterHookJob(files: readonly SourceFile[]): DeployEvidence | undefined {
  for (const file of files) {
    if (!isKubernetesPath(file.path) || isDevelopmentPath(file.path)) continue;
    const job = migrateJobs(file).find((j) => AFTER_HOOK.test(j.document) && !BEFORE_HOOK.test(j.document));
    if (job) return { path: file.path, line: job.line, what: "a Job that runs the migrations as a post-install / post-upgrade hook, after the release's new pods are applied" };
  }
  return undefined;
}

/** The evidence that the new code is live before the migrations run, when the deploy files write that order. */
export function codeBeforeMigrate(files: readonly SourceFile[]): DeployEvidence | undefined {
  if (migratesBeforeCode(files)) return undefined;
  // the YAML readers load only for a repository with an Ansible role (ansibleRestartBeforeMigrate reads those files alone)
  return pushThenMigrate(files) ?? afterHookJob(files) ?? (files.some((f) => isAnsibleRolePath(f.path)) ? deployYaml().ansibleRestartBeforeMigrate(files) : undefined);
}
