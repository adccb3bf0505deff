/**
 * Kubernetes manifests and Helm templates, read with the `yaml` parser: the workloads they run, whether a deploy
 * overlaps old and new pods, and the pod that migrates before its server starts (an init container running the
 * migration command). Kubernetes replaces pods this way: a StatefulSet's rolling update (and OnDelete) deletes a pod
 * before it creates its replacement, and a Deployment with `strategy: Recreate` stops every old pod first, so with one
 * replica nothing old serves while the new pod migrates; a Deployment's RollingUpdate (the default) starts the new pod
 * beside the old one even with one replica, a DaemonSet runs a pod per node, and a HorizontalPodAutoscaler adds pods.
 * With Recreate the replica count does not matter: every old pod is gone before the first new one starts.
 * An OpenShift DeploymentConfig (`apps.openshift.io/v1`, or the legacy `v1`) is read the same way: its `Recreate`
 * strategy scales the old pods to zero, runs the `mid` hook, then starts the new pods; its `Rolling` strategy (the
 * default) starts new pods beside the old ones. A lifecycle hook's `execNewPod` runs a command in a pod of the new
 * image: a `pre` hook before the old pods stop (they serve while it runs), a `mid` hook with no pod running.
 * A Helm template's actions (`{{ ... }}`) are set aside before parsing: a line of actions only is blanked, an action
 * inside a value becomes a placeholder whose `.Values.x` is read from the chart's values files.
 */
import { isNode, LineCounter, parseAllDocuments, parseDocument, type Document } from "yaml";
import type { SourceFile } from "../model.js";
import { baseOf, dirOf } from "../paths.js";
import { record, valueAt } from "./deploy-yaml.js";

/** a Helm template's action replaced inside a value: the placeholder's prefix; its number indexes the action */
const PLACEHOLDER = "migguardhelmaction";

/** The end of the action that starts at `start` (`{{`): the index after its `}}`, skipping quoted strings. */
function actionEnd(text: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 2; i < text.length - 1; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "`") quote = c;
    else if (c === "}" && text[i + 1] === "}") return i + 2;
  }
  return text.length;
}

/** A Helm template as YAML: lines of actions only blanked, other actions as placeholders (`actions[n]`). */
export function helmTemplateAsYaml(content: string): { yaml: string; actions: string[] } {
  const actions: string[] = [];
  const lines = content.split("\n").map((line) => {
    let out = "";
    let rest = "";
    for (let i = 0; i < line.length; ) {
      const start = line.indexOf("{{", i);
      if (start === -1) {
        out += line.slice(i);
        rest += line.slice(i);
        break;
      }
      const end = actionEnd(line, start);
      out += line.slice(i, start) + `${PLACEHOLDER}${actions.length}`;
      rest += line.slice(i, start);
      actions.push(line.slice(start, end));
      i = end;
    }
    // a line that only holds actions (`{{- if ... }}`, `{{- include ... | nindent 4 }}`) renders structure, not a value
    return rest.trim() === "" ? "" : out;
  });
  return { yaml: lines.join("\n"), actions };
}

/** `{{ .Values.a.b }}` (trim markers allowed): the value path it reads; undefined for any other action */
function valuesPath(action: string): string[] | undefined {
  const words = action.replace(/^\{\{-?/, "").replace(/-?\}\}$/, "").trim().split(/\s+/);
  if (words.length !== 1 || !words[0].startsWith(".Values.")) return undefined;
  const path = words[0].slice(".Values.".length).split(".");
  return path.every((p) => /^\w+$/.test(p)) ? path : undefined;
}

export interface KubernetesWorkload {
  kind: string;
  path: string;
  /** the line of its `kind:` */
  line: number;
  /** how many pods run, when the file (or the chart's values) says; undefined when a template computes it */
  replicas: number | undefined;
  /** why old and new pods run at once during a deploy, in words; undefined when they do not */
  overlap: string | undefined;
  /** the first container of its pod that runs the migration command, and where */
  migrates?: { container: string; init: boolean; line: number; command: string };
  /** an OpenShift DeploymentConfig's lifecycle hooks that run a command (`execNewPod`), in the order they run */
  hooks?: LifecycleHook[];
}

/** A DeploymentConfig's `pre` or `mid` hook: the command its `execNewPod` runs, and whether it migrates. */
export interface LifecycleHook {
  stage: "pre" | "mid";
  line: number;
  command: string;
  migrates: boolean;
}

/**
 * A hook's command that is the deploy's migration step: one the caller reads as migrating, or a script of the image
 * named for deploying or migrating (hitobito's mid hook runs `/usr/libexec/s2i/deploy`, its s2i image's deploy
 * script, which migrates): a hook runs once per deploy, apart from the server, which is what a migration step is for.
 */
const HOOK_SCRIPT = /(?:^|[\s"'/])(?:[\w.-]*[-_])?(?:deploy|migrate|migrations?)(?:[-_.][\w.-]*)?(?=$|[\s"';&|])/;
const hookMigrates = (command: string, migrates: (shell: string) => boolean) => migrates(command) || HOOK_SCRIPT.test(command);

/** the chart folder of a template (`helm/templates/x.yaml` → `helm`), when the file is one */
const chartOf = (path: string): string | undefined => {
  const at = path.lastIndexOf("/templates/");
  return at === -1 ? (path.startsWith("templates/") ? "" : undefined) : path.slice(0, at);
};

/** The chart's values files (`values.yaml`, `values-production.yaml`), parsed; a file that is not YAML gives nothing. */
function chartValues(chart: string, files: readonly SourceFile[]): unknown[] {
  return files
    .filter((f) => dirOf(f.path) === chart && /^values[\w.-]*\.ya?ml$/.test(baseOf(f.path)))
    .flatMap((f) => {
      const document = parseDocument(f.content, { uniqueKeys: false, prettyErrors: false });
      return document.errors.length > 0 ? [] : [document.toJS({ maxAliasCount: 1000 }) as unknown];
    });
}

/** a whole number written as a number or a numeric string */
const wholeNumber = (value: unknown): number | undefined => {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
};

/**
 * A scalar of a template as the chart sets it: a placeholder that reads `.Values.x` takes the largest whole number
 * (or the one string) its values files give; any other action is unknown (undefined).
 */
function resolver(actions: readonly string[], values: () => unknown[]) {
  return (value: unknown): unknown => {
    if (typeof value !== "string" || !value.includes(PLACEHOLDER)) return value;
    const index = new RegExp(`^${PLACEHOLDER}(\\d+)$`).exec(value.trim());
    const path = index ? valuesPath(actions[Number(index[1])]) : undefined;
    if (!path) return undefined;
    const found = values()
      .map((v) => valueAt(v, path))
      .filter((v) => v !== undefined);
    const numbers = found.map(wholeNumber);
    if (found.length > 0 && numbers.every((n) => n !== undefined)) return Math.max(...(numbers as number[]));
    return found.length > 0 && found.every((v) => v === found[0]) ? found[0] : undefined;
  };
}

/** the words a container runs (`command` then `args`), placeholders and all */
function containerWords(container: Record<string, unknown>): string {
  const words = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : []);
  return [...words(container.command), ...words(container.args)].join(" ");
}

/**
 * An image of a data store, a cache or a broker (its repository's last segment names one: postgres, redis, hitobito's
 * `hitobito-templatememcached`, `appuio/mysql-simple-backup-container`): a pod that runs only such images runs none of
 * the application's code, so its old and new pods overlapping meets no migration.
 */
const DATA_STORE_IMAGE = /postgres|postgis|mysql|mariadb|redis|valkey|memcached|mongo|rabbitmq|elasticsearch|opensearch|minio/i;
const isDataStoreImage = (image: unknown): boolean => {
  if (typeof image !== "string" || image.includes(PLACEHOLDER)) return false;
  const repository = image.replace(/@.*$/, "").replace(/:[^/]*$/, "");
  return DATA_STORE_IMAGE.test(repository.slice(repository.lastIndexOf("/") + 1));
};

const KINDS = new Set(["Deployment", "DeploymentConfig", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "HorizontalPodAutoscaler"]);

/**
 * The workloads of one manifest or Helm template. `migrates` says whether a shell line runs the migration command
 * (deploy-commands.ts's MIGRATE, or one of the project's own commands that migrate). A document that is not valid
 * YAML once its actions are set aside gives nothing.
 */
export function kubernetesWorkloads(file: SourceFile, files: readonly SourceFile[], migrates: (shell: string) => boolean): KubernetesWorkload[] {
  const chart = chartOf(file.path);
  const { yaml, actions } = chart === undefined ? { yaml: file.content, actions: [] } : helmTemplateAsYaml(file.content);
  let values: unknown[] | undefined;
  const resolve = resolver(actions, () => (values ??= chart === undefined ? [] : chartValues(chart, files)));
  const lineCounter = new LineCounter();
  const out: KubernetesWorkload[] = [];
  for (const document of parseAllDocuments(yaml, { lineCounter, uniqueKeys: false, prettyErrors: false }) as Document[]) {
    if (document.errors.length > 0) continue;
    const manifest = record(document.toJS({ maxAliasCount: 1000 }));
    const kind = manifest?.kind;
    if (typeof kind !== "string" || !KINDS.has(kind)) continue;
    const lineOf = (path: readonly (string | number)[]) => {
      const node = document.getIn(path, true);
      return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : 1;
    };
    const spec = record(manifest?.spec) ?? {};
    const line = lineOf(["kind"]);
    if (kind === "HorizontalPodAutoscaler") {
      out.push({ kind, path: file.path, line, replicas: undefined, overlap: "a HorizontalPodAutoscaler: it runs more pods as load grows" });
      continue;
    }
    // a CronJob's pod is under jobTemplate
    const podPath = kind === "CronJob" ? ["spec", "jobTemplate", "spec", "template", "spec"] : ["spec", "template", "spec"];
    const pod = record(valueAt(manifest, podPath)) ?? {};
    let migration: KubernetesWorkload["migrates"];
    for (const [key, init] of [["initContainers", true], ["containers", false]] as const) {
      const containers = Array.isArray(pod[key]) ? pod[key] : [];
      containers.forEach((c, i) => {
        const container = record(c) ?? {};
        const command = containerWords(container);
        if (migration || !migrates(command)) return;
        const at = "command" in container ? "command" : "args";
        migration = { container: String(container.name ?? key), init, line: lineOf([...podPath, key, i, at]), command };
      });
    }
    const replicasValue = "replicas" in spec ? resolve(spec.replicas) : 1;
    const replicas = wholeNumber(replicasValue);
    const replaced = kind === "Deployment" || kind === "DeploymentConfig";
    const strategy = resolve(record(replaced ? spec.strategy : spec.updateStrategy)?.type ?? (kind === "Deployment" ? "RollingUpdate" : kind === "DeploymentConfig" ? "Rolling" : undefined));
    const hooks = kind === "DeploymentConfig" ? lifecycleHooks(spec, strategy, lineOf, migrates) : [];
    const name = kind === "DeploymentConfig" ? "an OpenShift DeploymentConfig" : `a Kubernetes ${kind}`;
    const preHook = hooks.find((h) => h.stage === "pre" && h.migrates);
    const containers = Array.isArray(pod.containers) ? pod.containers.map((c) => record(c)?.image) : [];
    const overlap =
      kind === "Job" || kind === "CronJob"
        ? undefined
        : replicas === 0 || (containers.length > 0 && containers.every(isDataStoreImage))
          ? undefined // no pod runs, or none runs the application's code
        : kind === "DaemonSet" || kind === "ReplicaSet"
          ? `a Kubernetes ${kind}: it runs several pods`
          : replaced && strategy === "Recreate"
            ? // every old pod stops before a new one starts, whatever the count; a pre hook runs before they stop
              preHook && `${name} whose pre hook runs \`${preHook.command}\` before the old pods stop: they serve while it migrates`
            : replicas === undefined
              ? `${name} whose replica count the chart computes: new pods may start beside the old ones`
              : replicas > 1
                ? `${name} with ${replicas} replicas: the others serve while a pod is replaced`
                : replaced
                  ? `${name} rolled by its ${kind === "Deployment" ? "update " : ""}strategy (${typeof strategy === "string" ? strategy : "computed by the chart"}): the new pod starts beside the old one`
                  : undefined;
    out.push({ kind, path: file.path, line, replicas, overlap, ...(migration ? { migrates: migration } : {}), ...(hooks.length > 0 ? { hooks } : {}) });
  }
  return out;
}

/**
 * The `execNewPod` hooks of a DeploymentConfig's strategy that run before its new pods serve: `pre` and `mid` of
 * `recreateParams` for Recreate, `pre` of `rollingParams` otherwise (a `post` hook runs after the new pods serve).
 */
function lifecycleHooks(spec: Record<string, unknown>, strategy: unknown, lineOf: (path: readonly (string | number)[]) => number, migrates: (shell: string) => boolean): LifecycleHook[] {
  const params = strategy === "Recreate" ? "recreateParams" : "rollingParams";
  const stages = strategy === "Recreate" ? (["pre", "mid"] as const) : (["pre"] as const);
  return stages.flatMap((stage) => {
    const path = ["spec", "strategy", params, stage, "execNewPod", "command"];
    const command = containerWords({ command: valueAt(spec, path.slice(1)) });
    return command.trim() === "" ? [] : [{ stage, line: lineOf(path), command, migrates: hookMigrates(command, migrates) }];
  });
}
