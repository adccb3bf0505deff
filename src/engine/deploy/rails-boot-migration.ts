/**
 * A Rails application that applies its own migrations when it boots (docuseal's config/initializers/migrate.rb:
 * `ActiveRecord::Tasks::DatabaseTasks.migrate` in a `to_prepare` block): initializers run before Puma serves, so
 * with one container nothing serves while the migration runs (self-migrating.ts). Read with Prism; loaded only when
 * the deploy meets such an initializer (deploy-readers.ts), so a lint of one SQL file never loads it.
 */
import { CallNode, ConstantPathNode, ConstantReadNode, DefNode, IfNode, StringNode, type Node } from "@ruby/prism";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { loadRubyParser, parseRuby } from "../adapters/rails/prism.js";
import { RubySource } from "../adapters/rails/ruby-source.js";
import type { SourceFile } from "../model.js";
import { isDevelopmentEnvironment } from "./deploy-paths.js";

export const loadRailsBootReader = (): Promise<void> => loadRubyParser();

/** `ActiveRecord::Tasks::DatabaseTasks` → "DatabaseTasks": the constant a path ends with */
const constantName = (node: Node | null): string | undefined => (node instanceof ConstantPathNode ? (node.name ?? undefined) : node instanceof ConstantReadNode ? node.name : undefined);

/** The Rake task a `Rake::Task["db:migrate"].invoke` runs. */
function rakeTask(call: CallNode): string | undefined {
  const task = call.receiver;
  if (!(task instanceof CallNode) || task.name !== "[]" || constantName(task.receiver) !== "Task") return undefined;
  const name = task.arguments_?.arguments_[0];
  return name instanceof StringNode ? name.unescaped.value : undefined;
}

/** The calls that apply the pending migrations, as written in Rails' API. */
function migrates(call: CallNode): boolean {
  if (call.name === "migrate") {
    const receiver = call.receiver;
    // ActiveRecord::Tasks::DatabaseTasks.migrate, ActiveRecord::Migrator.migrate (before Rails 5.2)
    if (["DatabaseTasks", "Migrator"].includes(constantName(receiver) ?? "")) return true;
    // connection_pool.migration_context.migrate, ActiveRecord::MigrationContext.new(paths).migrate
    if (receiver instanceof CallNode) return receiver.name === "migration_context" || (receiver.name === "new" && constantName(receiver.receiver) === "MigrationContext");
    return false;
  }
  return (call.name === "invoke" || call.name === "execute") && /^db:(?:migrate|prepare)$/.test(rakeTask(call) ?? "");
}

/** A condition that names only a development or test environment (`if Rails.env.development?`, `ENV["RAILS_ENV"] == "test"`). */
function developmentOnly(predicate: Node): boolean {
  let development = false;
  let production = false;
  const stack: Node[] = [predicate];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node instanceof CallNode && /^(?:development|test)\?$/.test(node.name)) development = true;
    if (node instanceof CallNode && node.name === "production?") production = true;
    if (node instanceof StringNode && isDevelopmentEnvironment("RAILS_ENV", node.unescaped.value)) development = true;
    if (node instanceof StringNode && node.unescaped.value === "production") production = true;
    stack.push(...rubyChildren(node));
  }
  return development && !production;
}

/**
 * The first call in an initializer that applies the migrations at boot: its line and text. Not one in a method
 * definition (it runs only when called) or under a condition for development or tests only.
 */
export function bootMigration(file: SourceFile): { line: number; call: string } | undefined {
  let root: Node;
  try {
    const parsed = parseRuby(file.content);
    // Prism recovers from syntax errors; Rails would not boot with this file, so it migrates nothing
    if (parsed.errors.length > 0) return undefined;
    root = parsed.value;
  } catch {
    return undefined;
  }
  const source = new RubySource(file.content);
  const visit = (node: Node): { line: number; call: string } | undefined => {
    if (node instanceof DefNode) return undefined;
    // a branch for development or tests only: production runs its `else`
    if (node instanceof IfNode && developmentOnly(node.predicate)) return node.subsequent ? visit(node.subsequent) : undefined;
    if (node instanceof CallNode && migrates(node)) {
      const text = source.textOf(node);
      return { line: source.loc(node).line, call: text.length > 60 ? `${text.slice(0, 57)}...` : text };
    }
    for (const child of rubyChildren(node)) {
      const found = visit(child);
      if (found) return found;
    }
    return undefined;
  };
  return visit(root);
}
