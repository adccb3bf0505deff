/**
 * How a Rails application inserts, read from its configuration with Prism: an explicit
 * `config.active_record.partial_inserts = true|false` and `config.load_defaults X.Y` (rules/support/partial-inserts.ts
 * decides from them). Reached through ruby-readers.ts, so a lint without Rails migrations never loads Prism.
 */
import { CallNode, FalseNode, FloatNode, IntegerNode, LocalVariableReadNode, StringNode, TrueNode, type Node } from "@ruby/prism";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { parseRuby } from "../adapters/rails/prism.js";
import type { SourceFile } from "../model.js";

/** The method calls of a Ruby file in source order, read with Prism; none when it does not parse. */
function callsIn(file: SourceFile): CallNode[] {
  let root: Node;
  try {
    root = parseRuby(file.content).value;
  } catch {
    return [];
  }
  const out: CallNode[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof CallNode) out.push(node);
    stack.push(...rubyChildren(node));
  }
  return out.sort((a, b) => a.location.startOffset - b.location.startOffset);
}

const firstArgument = (call: CallNode): Node | undefined => call.arguments_?.arguments_[0];

/** `x.active_record.partial_inserts = true|false`, and where. */
export function explicitSetting(files: readonly SourceFile[]): { on: boolean; path: string } | undefined {
  const settings = files.flatMap((f) =>
    callsIn(f)
      .filter((c) => c.name === "partial_inserts=" && c.receiver instanceof CallNode && c.receiver.name === "active_record")
      .map((c) => firstArgument(c))
      .filter((v) => v instanceof TrueNode || v instanceof FalseNode)
      .map((v) => ({ on: v instanceof TrueNode, path: f.path })),
  );
  // settings that disagree (one environment on, another off): the one that makes inserts name every column wins
  return settings.find((s) => !s.on) ?? settings[0];
}

/** `config.load_defaults 6.1` (or `"6.1"`) in config/application.rb. */
export function loadDefaults(files: readonly SourceFile[]): { version: number; path: string } | undefined {
  for (const f of files.filter((f) => /(?:^|\/)config\/application\.rb$/.test(f.path))) {
    for (const call of callsIn(f)) {
      if (call.name !== "load_defaults" || !(call.receiver instanceof CallNode || call.receiver instanceof LocalVariableReadNode) || call.receiver.name !== "config") continue;
      const value = firstArgument(call);
      const version = value instanceof FloatNode || value instanceof IntegerNode ? Number(value.value) : value instanceof StringNode ? Number(/^\d+(?:\.\d+)?/.exec(value.unescaped.value)?.[0]) : NaN;
      if (!Number.isNaN(version)) return { version, path: f.path };
    }
  }
  return undefined;
}

