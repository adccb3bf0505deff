/**
 * Active Record models that stop using a column before it is dropped: `self.ignored_columns = [...]` or
 * `+= %w[...]` in the model class (read with Ruby's own parser). A column the model ignores is no longer
 * in Active Record's cached column list, so dropping it does not break running servers.
 */
import { ArrayNode, SelfNode, StringNode, SymbolNode, type CallNode, type CallOperatorWriteNode, type ClassNode, type ModuleNode, type Node } from "@ruby/prism";
import { RubyVisitor } from "../adapters/rails/ruby-visitor.js";
import { tableize, underscore } from "../adapters/rails/inflections.js";
import { parseRuby } from "../adapters/rails/prism.js";
import { RubySource } from "../adapters/rails/ruby-source.js";
import type { SourceFile } from "../model.js";
import { readModelFiles } from "../adapters/rails/model-files.js";

export interface RailsModel {
  path: string;
  className: string;
  /**
   * `self.table_name = "..."`, else Active Record's defaults from the class name: `users` for User, and
   * with a namespace's table_name_prefix `spree_variants` for Spree::Variant
   */
  tables: string[];
  ignoredColumns: Array<{ name: string; line: number }>;
}

/** String and symbol elements of an array literal (`["a", :b]`, `%w[a b]`, `%i[a b]`), each with its node. */
function arrayStrings(node: Node | null | undefined): Array<{ name: string; node: Node }> {
  if (!(node instanceof ArrayNode)) return [];
  return node.elements.flatMap((element) => (element instanceof StringNode || element instanceof SymbolNode ? [{ name: element.unescaped.value, node: element }] : []));
}

const isSelf = (node: Node | null | undefined) => node instanceof SelfNode;

class ModelVisitor extends RubyVisitor {
  readonly models: RailsModel[] = [];
  /** the models whose class sets self.table_name: their table is that, whatever affixes apply */
  readonly named = new Set<RailsModel>();
  private readonly stack: Array<{ model: RailsModel; explicitTable?: string }> = [];
  private readonly modules: string[] = [];

  constructor(
    private readonly path: string,
    private readonly source: RubySource,
  ) {
    super();
  }

  override visitModuleNode(node: ModuleNode): void {
    this.modules.push(...this.source.textOf(node.constantPath).split("::"));
    super.visitModuleNode(node);
    this.modules.splice(this.modules.length - this.source.textOf(node.constantPath).split("::").length);
  }

  override visitClassNode(node: ClassNode): void {
    const parts = [...this.modules, ...this.source.textOf(node.constantPath).replace(/^::/, "").split("::")];
    const className = parts.pop() ?? "";
    // a namespace usually sets table_name_prefix to its own name (Spree::Variant -> spree_variants)
    const tables = [tableize(className), ...(parts.length ? [`${parts.map(underscore).join("_")}_${tableize(className)}`] : [])];
    const entry = { model: { path: this.path, className, tables, ignoredColumns: [] } as RailsModel, explicitTable: undefined as string | undefined };
    this.stack.push(entry);
    super.visitClassNode(node);
    this.stack.pop();
    if (entry.explicitTable) {
      entry.model.tables = [entry.explicitTable];
      this.named.add(entry.model);
    }
    if (entry.model.ignoredColumns.length) this.models.push(entry.model);
  }

  override visitCallNode(node: CallNode): void {
    const current = this.stack[this.stack.length - 1];
    if (current && isSelf(node.receiver)) {
      const [value] = node.arguments_?.arguments_ ?? [];
      if (node.name === "ignored_columns=") this.addIgnored(current.model, value);
      if (node.name === "table_name=" && value instanceof StringNode) current.explicitTable = value.unescaped.value;
    }
    super.visitCallNode(node);
  }

  override visitCallOperatorWriteNode(node: CallOperatorWriteNode): void {
    const current = this.stack[this.stack.length - 1];
    if (current && isSelf(node.receiver) && node.readName === "ignored_columns") this.addIgnored(current.model, node.value);
    super.visitCallOperatorWriteNode(node);
  }

  /** Each name on its own line: a list written one name per line (Mastodon's `%w(\n uri\n)`) declares, never uses, them. */
  private addIgnored(model: RailsModel, value: Node | undefined): void {
    for (const { name, node } of arrayStrings(value)) model.ignoredColumns.push({ name, line: this.source.loc(node).line });
  }
}

/**
 * Models with ignored columns in these Ruby files. Only files that mention `ignored_columns` are parsed;
 * files Prism cannot parse cleanly are skipped (their usages still count).
 */
export function readRailsModels(files: readonly SourceFile[]): RailsModel[] {
  const models: RailsModel[] = [];
  // the tables Active Record gives the model classes of app/models (table_name_prefix and _suffix of their modules and
  // base classes, the project's inflections): read once, when a file ignores columns
  let modelFiles: ReturnType<typeof readModelFiles> | undefined;
  for (const file of files) {
    if (!file.path.endsWith(".rb") || !file.content.includes("ignored_columns")) continue;
    const result = parseRuby(file.content);
    if (result.errors.length > 0) continue;
    const visitor = new ModelVisitor(file.path, new RubySource(file.content));
    result.value.accept(visitor);
    for (const model of visitor.models) {
      if (visitor.named.has(model)) {
        models.push(model);
        continue;
      }
      modelFiles ??= readModelFiles(files);
      const known = modelFiles.find((m) => m.path === model.path && (m.className === model.className || m.className.endsWith(`::${model.className}`)));
      // the reader of app/models knows the class by its whole name, enclosing classes included (Mobility's
      // `class Translation` opened inside Condition is Condition::Translation, of condition_translations)
      models.push(known ? { ...model, className: known.className, tables: known.tables } : model);
    }
  }
  return models;
}
