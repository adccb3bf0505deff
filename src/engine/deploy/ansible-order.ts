/**
 * The order in which an Ansible role deploys the application, read with the YAML parser (loaded with the other YAML
 * readers, deploy-readers.ts): tournesol's roles/django/tasks/main.yml rsyncs the code and notifies "Migrate Django
 * database" and "Restart Gunicorn"; Ansible runs notified handlers at `meta: flush_handlers` (or the play's end) in the
 * order the HANDLERS FILE defines them, not the order they were notified in. Its handlers file defines the restart
 * first, so Gunicorn serves the new code before `manage.py migrate` runs: code-before-migrate.
 * Read only what is certain on a code deploy: plain tasks without `when:`, and the handlers notified by the task that
 * notifies the migration (the code copy changed, so they all run). Anything else (the restart notified by another
 * task, a handler chain, a conditional step) is no evidence.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { SourceFile } from "../model.js";
import { dirOf } from "../paths.js";
import { runsMigrations } from "./deploy-commands.js";
import { isAnsibleRolePath } from "./deploy-paths.js";
import type { DeployEvidence } from "./deploy-model.js";
import { record } from "./deploy-yaml.js";

/** the application servers whose restart or reload puts the new code live (nginx, postgresql, ... are not) */
const APP_SERVER = /^(?:gunicorn|uwsgi|puma|unicorn|daphne|uvicorn|hypercorn|passenger|granian|waitress)(?:[@._-][\w@.-]*)?$/i;
/** the same, written in a shell command (`systemctl restart gunicorn`, `supervisorctl restart app`, `docker compose up`) */
const SHELL_RESTART = /\b(?:systemctl|service)\s+(?:--\S+\s+)*(?:restart|reload)\s+(?:gunicorn|uwsgi|puma|unicorn|daphne|uvicorn|hypercorn|passenger)\b|\b(?:service)\s+(?:gunicorn|uwsgi|puma|unicorn|daphne|uvicorn|hypercorn|passenger)\S*\s+(?:restart|reload)\b|\bsupervisorctl\s+(?:restart|reload)\b|\bdocker[- ]compose\b[^\n]*\bup\b/;
const SERVICE_MODULES = new Set(["systemd", "systemd_service", "service", "ansible.builtin.systemd", "ansible.builtin.systemd_service", "ansible.builtin.service"]);
const SHELL_MODULES = new Set(["command", "shell", "ansible.builtin.command", "ansible.builtin.shell", "raw", "ansible.builtin.raw"]);
const DJANGO_MANAGE = new Set(["django_manage", "community.general.django_manage"]);
const SUPERVISOR = new Set(["supervisorctl", "community.general.supervisorctl"]);
const BLOCK_KEYS = ["block", "rescue", "always"];
const INCLUDE_KEYS = new Set(["include_tasks", "import_tasks", "ansible.builtin.include_tasks", "ansible.builtin.import_tasks", "include"]);

/** What one task or handler does to the deploy's order. */
export type StepKind = "migrate" | "restart" | "stop";

export interface AnsibleStep {
  kind: StepKind;
  path: string;
  line: number;
  /** the task's name, or its module */
  name: string;
}

interface Task {
  value: Record<string, unknown>;
  line: number;
}

/** `key=value` words of a module's free-form argument (`django_manage: command=migrate app_path=...`) */
function freeForm(text: string): Record<string, string> {
  return Object.fromEntries(text.split(/\s+/).filter((w) => w.includes("=")).map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)]));
}

const argsOf = (value: unknown): Record<string, unknown> => (typeof value === "string" ? freeForm(value) : (record(value) ?? {}));

/** the shell line a command / shell task runs (`shell: cmd`, `shell: {cmd: ...}`, `command: {argv: [...]}`) */
function shellText(value: unknown): string {
  if (typeof value === "string") return value;
  const args = record(value);
  if (!args) return "";
  if (typeof args.cmd === "string") return args.cmd;
  return Array.isArray(args.argv) ? args.argv.map(String).join(" ") : "";
}

/** What a task does to the order, if it migrates, restarts the app server or stops it. */
export function stepKind(task: Record<string, unknown>): StepKind | undefined {
  for (const [key, value] of Object.entries(task)) {
    if (SHELL_MODULES.has(key)) {
      const text = shellText(value) || (typeof task.args === "object" ? shellText(task.args) : "");
      if (runsMigrations(text)) return "migrate";
      if (SHELL_RESTART.test(text)) return "restart";
    }
    if (DJANGO_MANAGE.has(key) && String(argsOf(value).command ?? "").split(/\s+/)[0] === "migrate") return "migrate";
    if (SERVICE_MODULES.has(key)) {
      const args = argsOf(value);
      if (!APP_SERVER.test(String(args.name ?? "").replace(/\.service$/, ""))) continue;
      if (args.state === "restarted" || args.state === "reloaded") return "restart";
      if (args.state === "stopped") return "stop";
    }
    if (SUPERVISOR.has(key)) {
      const args = argsOf(value);
      if (args.state === "restarted") return "restart";
      if (args.state === "stopped") return "stop";
    }
  }
  return undefined;
}

/** The tasks of a YAML list of tasks, with the line each begins on; undefined when the file is not a list of tasks. */
function readTasks(file: SourceFile): Task[] | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(file.content, { lineCounter, uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0 || !isSeq(document.contents)) return undefined;
  const out: Task[] = [];
  for (const item of document.contents.items as Node[]) {
    if (!isMap(item) || !item.range) return undefined;
    const value = record(item.toJS(document, { maxAliasCount: 1000 }));
    if (!value) return undefined;
    out.push({ value, line: lineCounter.linePos(item.range[0]).line });
  }
  return out;
}

/** A block's tasks have no lines of their own here: they take the block's. */
function flatten(tasks: readonly Task[]): Task[] {
  return tasks.flatMap((task) => {
    const inner = BLOCK_KEYS.flatMap((k) => (Array.isArray(task.value[k]) ? (task.value[k] as unknown[]) : []));
    if (inner.length === 0) return [task];
    // a block with a `when:` runs its tasks under it
    const when = task.value.when;
    return flatten(inner.flatMap((t) => (record(t) ? [{ value: when !== undefined ? { when, ...record(t)! } : record(t)!, line: task.line }] : [])));
  });
}

/** a key Ansible takes as one name or a list of them (`notify`, `listen`) */
const names = (value: unknown): string[] => (typeof value === "string" ? [value] : Array.isArray(value) ? value.map(String) : []);
const notified = (task: Record<string, unknown>): string[] => names(task.notify);
const isFlush = (task: Record<string, unknown>) => task.meta === "flush_handlers" || task["ansible.builtin.meta"] === "flush_handlers";
const nameOf = (task: Record<string, unknown>) => (typeof task.name === "string" ? task.name : "");

interface Handler {
  name: string;
  listen: string[];
  kind?: StepKind;
  line: number;
  notifies: string[];
}

/** A role's tasks/main.yml and handlers/main.yml (or .yaml), by role folder. */
interface Role {
  tasks: SourceFile;
  handlers?: SourceFile;
  /** the role's other task files, for include_tasks / import_tasks of a file beside main.yml */
  others: SourceFile[];
}

const ROLE_FILE = /^(.*?)\/(tasks|handlers)\/([\w.-]+)\.ya?ml$/;

function rolesOf(files: readonly SourceFile[]): Role[] {
  const byRole = new Map<string, { tasks?: SourceFile; handlers?: SourceFile; others: SourceFile[] }>();
  for (const file of files) {
    const match = ROLE_FILE.exec(file.path);
    if (!match || !/(?:^|\/)roles\/[^/]+$/.test(match[1]!)) continue;
    const role = byRole.get(match[1]!) ?? { others: [] };
    if (match[3] === "main" && match[2] === "tasks") role.tasks = file;
    else if (match[3] === "main" && match[2] === "handlers") role.handlers = file;
    else if (match[2] === "tasks") role.others.push(file);
    byRole.set(match[1]!, role);
  }
  return [...byRole.values()].flatMap((r) => (r.tasks ? [{ tasks: r.tasks, handlers: r.handlers, others: r.others }] : []));
}

/** The tasks of a tasks file in run order, include_tasks / import_tasks of a file of the same folder read in place (one level). */
function orderedTasks(file: SourceFile, others: readonly SourceFile[], depth = 0): Array<Task & { path: string }> | undefined {
  const tasks = readTasks(file);
  if (!tasks) return undefined;
  const out: Array<Task & { path: string }> = [];
  for (const task of flatten(tasks)) {
    const include = Object.entries(task.value).find(([k]) => INCLUDE_KEYS.has(k));
    if (include) {
      const target = typeof include[1] === "string" ? include[1] : String(record(include[1])?.file ?? "");
      const found = others.find((f) => f.path === `${dirOf(file.path)}/${target}`);
      // an include of a file not read, or with a condition, leaves the order unknown
      if (!found || depth > 1 || task.value.when !== undefined) return undefined;
      const inner = orderedTasks(found, others, depth + 1);
      if (!inner) return undefined;
      out.push(...inner);
      continue;
    }
    out.push({ ...task, path: file.path });
  }
  return out;
}

function readHandlers(file: SourceFile | undefined): Handler[] {
  if (!file) return [];
  return flatten(readTasks(file) ?? []).map((task) => ({
    name: nameOf(task.value),
    listen: names(task.value.listen),
    kind: stepKind(task.value),
    line: task.line,
    notifies: notified(task.value),
  }));
}

/**
 * The steps a code deploy of one role runs, in order: its unconditional tasks that migrate / restart / stop, and at
 * each `meta: flush_handlers` and at the end the handlers the code copy notified (the task that notifies the
 * migration handler), in the handlers file's order. Undefined when the order is not certain.
 */
export function roleDeploySteps(role: Role): AnsibleStep[] | undefined {
  const tasks = orderedTasks(role.tasks, role.others);
  if (!tasks) return undefined;
  const handlers = readHandlers(role.handlers);
  const handlerPath = role.handlers?.path ?? "";
  const matching = (topic: string) => handlers.filter((h) => h.name === topic || h.listen.includes(topic));
  // the handlers that run on a code deploy: those notified by a task that notifies a migrating handler
  const onCodeDeploy = new Set<Handler>();
  for (const task of tasks) {
    const targets = notified(task.value).flatMap(matching);
    if (targets.some((h) => h.kind === "migrate")) for (const h of targets) onCodeDeploy.add(h);
  }
  // a handler that notifies others: which run when is beyond this reading
  if ([...onCodeDeploy].some((h) => h.notifies.length > 0)) return undefined;
  const steps: AnsibleStep[] = [];
  const pending = new Set<Handler>();
  const flush = () => {
    for (const h of handlers) if (pending.has(h) && h.kind) steps.push({ kind: h.kind, path: handlerPath, line: h.line, name: h.name });
    pending.clear();
  };
  for (const task of tasks) {
    if (isFlush(task.value)) {
      flush();
      continue;
    }
    for (const h of notified(task.value).flatMap(matching)) if (onCodeDeploy.has(h)) pending.add(h);
    const kind = stepKind(task.value);
    // a conditional step may not run: it orders nothing
    if (kind && task.value.when === undefined) steps.push({ kind, path: task.path, line: task.line, name: nameOf(task.value) || kind });
  }
  flush();
  return steps;
}

/**
 * The evidence that an Ansible role puts the new code live (restarts the app server) before it migrates: the first
 * migration of a role's code deploy comes after a restart, with no stop of the server before it. Of `files`, the
 * roles' task and handler files are read (isAnsibleRolePath: not a Molecule or Vagrant test setup's).
 */
export function ansibleRestartBeforeMigrate(files: readonly SourceFile[]): DeployEvidence | undefined {
  for (const role of rolesOf(files.filter((f) => isAnsibleRolePath(f.path)))) {
    const steps = roleDeploySteps(role);
    if (!steps) continue;
    const migrate = steps.findIndex((s) => s.kind === "migrate");
    if (migrate <= 0) continue;
    const before = steps.slice(0, migrate);
    const restart = before.find((s) => s.kind === "restart");
    if (!restart || before.some((s) => s.kind === "stop")) continue;
    const step = steps[migrate]!;
    return {
      path: step.path,
      line: step.line,
      what: `the Ansible role restarts the app server (\`${restart.name}\`, ${restart.path}:${restart.line}) before it migrates (\`${step.name}\`): ${restart.path === step.path ? "the handlers run in the order the handlers file defines them" : "in the order its tasks and handlers run"}`,
    };
  }
  return undefined;
}
