/**
 * The dump format a Rails application writes, read with Prism from its configuration:
 * `config.active_record.schema_format = :sql` (or `ActiveRecord.schema_format` / `ActiveRecord::Base.schema_format`)
 * makes db:migrate write db/structure.sql, `:ruby` (the default) db/schema.rb. The other file, when the repository
 * still has one, is a leftover nothing writes.
 */
import { CallNode, ConstantPathNode, ConstantReadNode, StringNode, SymbolNode, type Node } from "@ruby/prism";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { parseRuby } from "../adapters/rails/prism.js";
import type { SourceFile } from "../model.js";
import type { DumpFormat } from "./schema-dump-paths.js";
import { isSchemaFormatSettingsPath, schemaFormatSettingsRootOf } from "./rails-schema-format-paths.js";


export interface SchemaFormatSetting {
  format: DumpFormat;
  /** the file that sets it, and how, for a message */
  path: string;
  value: string;
}

const FORMATS: Record<string, DumpFormat> = { sql: "structure.sql", ruby: "schema.rb" };

/** `config.active_record`, `ActiveRecord` or `ActiveRecord::Base`: the receivers of schema_format=. */
function isActiveRecordReceiver(node: Node | null): boolean {
  if (node instanceof CallNode) return node.name === "active_record";
  if (node instanceof ConstantReadNode) return node.name === "ActiveRecord";
  if (node instanceof ConstantPathNode) return node.name === "Base" && node.parent instanceof ConstantReadNode && node.parent.name === "ActiveRecord";
  return false;
}

/** The schema_format a file sets last (a value other than a literal :sql / :ruby, an ENV lookup, is unknown). */
function settingIn(file: SourceFile): SchemaFormatSetting | null | undefined {
  let root: Node;
  try {
    root = parseRuby(file.content).value;
  } catch {
    return undefined;
  }
  const calls: CallNode[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof CallNode && node.name === "schema_format=" && isActiveRecordReceiver(node.receiver)) calls.push(node);
    stack.push(...rubyChildren(node));
  }
  const last = calls.sort((a, b) => a.location.startOffset - b.location.startOffset).at(-1);
  if (!last) return undefined;
  const value = last.arguments_?.arguments_[0];
  const word = value instanceof SymbolNode ? value.unescaped.value : value instanceof StringNode ? value.unescaped.value : undefined;
  const format = word === undefined ? undefined : FORMATS[word];
  // set, but to something only the running application knows: the format cannot be read
  if (!format) return null;
  return { format, path: file.path, value: `:${word}` };
}

/**
 * The format the application at `root` ("" for the repository's root) dumps in, from its settings files:
 * config/environments/development.rb (where db:migrate runs and dumps) over config/application.rb, then the other
 * environments when they agree. undefined when none sets it or a setting cannot be read.
 */
export function railsSchemaFormat(settings: readonly SourceFile[], root: string): SchemaFormatSetting | undefined {
  const files = settings.filter((f) => isSchemaFormatSettingsPath(f.path) && schemaFormatSettingsRootOf(f.path) === root);
  const at = (name: string) => files.filter((f) => f.path.endsWith(`config/${name}`));
  for (const name of ["environments/development.rb", "application.rb"]) {
    for (const file of at(name)) {
      const setting = settingIn(file);
      if (setting === null) return undefined;
      if (setting) return setting;
    }
  }
  const others = files.filter((f) => /config\/environments\//.test(f.path) && !f.path.endsWith("environments/development.rb")).map(settingIn);
  if (others.some((s) => s === null)) return undefined;
  const set = others.filter((s): s is SchemaFormatSetting => s !== undefined && s !== null);
  return set.length > 0 && set.every((s) => s.format === set[0].format) ? set[0] : undefined;
}
