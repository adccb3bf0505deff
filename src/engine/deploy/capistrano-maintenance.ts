/**
 * A Capistrano deploy that puts up its maintenance page before it migrates: Capistrano 2's `deploy:web:disable`
 * or capistrano-maintenance's `maintenance:enable`, hooked in config/deploy.rb (or a stage's config/deploy/<stage>.rb)
 * before `deploy:migrate` or a step that runs before it (`before "deploy:migrate", "maintenance:enable"`). The web
 * server answers every request with the maintenance page until the matching disable, so no request waits on a lock
 * and no old code serves the new schema, whatever the Capfile says of rolling releases. Read with Prism, loaded only
 * when the deploy meets such a file (deploy-readers.ts).
 */
import { CallNode, StringNode, SymbolNode, type Node } from "@ruby/prism";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { parseRuby } from "../adapters/rails/prism.js";
import { RubySource } from "../adapters/rails/ruby-source.js";
import type { SourceFile } from "../model.js";
import type { DeployEvidence } from "./deploy-model.js";

/** the tasks that put up the maintenance page, and those that take it down */
const ENABLE = new Set(["deploy:web:disable", "maintenance:enable"]);
const DISABLE = new Set(["deploy:web:enable", "maintenance:disable"]);
/** the migration task (Capistrano 2's `deploy:migrations` runs it) */
const MIGRATE = new Set(["deploy:migrate", "deploy:migrations"]);
/**
 * Steps of the deploy flow that run before the migration (Capistrano 3: starting, started, updating, then
 * capistrano-rails' `after "deploy:updated", "deploy:migrate"`; Capistrano 2: update_code, then migrate), so a task
 * hooked before them, or after the ones that end before the migration starts, runs before it
 */
const BEFORE_MIGRATION = new Set(["deploy", "deploy:starting", "deploy:started", "deploy:updating", "deploy:update", "deploy:update_code", "deploy:check"]);
/** `after "deploy:updated"` is left out: capistrano-rails' own hook on it, registered first, migrates before ours runs */
const ENDED_BEFORE_MIGRATION = new Set(["deploy:starting", "deploy:started", "deploy:check", "deploy:update_code"]);

const taskName = (node: Node | undefined): string | undefined =>
  node instanceof StringNode ? node.unescaped.value : node instanceof SymbolNode ? node.unescaped.value : undefined;

interface Hook {
  when: "before" | "after";
  target: string;
  tasks: string[];
  line: number;
}

function hooksOf(file: SourceFile): Hook[] {
  let root: Node;
  try {
    const parsed = parseRuby(file.content);
    // Prism recovers from syntax errors; Capistrano would not load this file, so it hooks nothing
    if (parsed.errors.length > 0) return [];
    root = parsed.value;
  } catch {
    return [];
  }
  const source = new RubySource(file.content);
  const hooks: Hook[] = [];
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node instanceof CallNode && !node.receiver && (node.name === "before" || node.name === "after")) {
      const [target, ...tasks] = (node.arguments_?.arguments_ ?? []).map(taskName);
      if (target && tasks.length > 0 && tasks.every((t) => t !== undefined))
        hooks.push({ when: node.name, target, tasks: tasks as string[], line: source.loc(node).line });
    }
    stack.push(...rubyChildren(node));
  }
  return hooks.sort((a, b) => a.line - b.line);
}

const runsBeforeMigration = (hook: Hook) =>
  hook.when === "before" ? MIGRATE.has(hook.target) || BEFORE_MIGRATION.has(hook.target) : ENDED_BEFORE_MIGRATION.has(hook.target);

/** The hook that puts up the maintenance page before the migration, and the one that takes it down, in a Capistrano config. */
export function capistranoMaintenance(file: SourceFile): DeployEvidence | undefined {
  const hooks = hooksOf(file);
  const on = hooks.find((h) => runsBeforeMigration(h) && h.tasks.some((t) => ENABLE.has(t)));
  if (!on) return undefined;
  const off = hooks.find((h) => h.tasks.some((t) => DISABLE.has(t)));
  const task = on.tasks.find((t) => ENABLE.has(t))!;
  return {
    path: file.path,
    line: on.line,
    what: `Capistrano puts up the maintenance page (\`${on.when} "${on.target}", "${task}"\`) before it migrates${off ? `, and takes it down at line ${off.line}` : ""}`,
    reason: "no traffic reaches the application while it migrates",
  };
}
