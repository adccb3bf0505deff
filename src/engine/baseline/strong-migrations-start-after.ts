/**
 * strong_migrations' line: `StrongMigrations.start_after = 20230101000000` in config/initializers/strong_migrations.rb,
 * read with Prism (2023_01_01_000000 is the same integer to Ruby). strong_migrations does not check a migration
 * whose version is at or before it. Reached through ruby-readers.ts, so a lint without Rails migrations never loads Prism.
 */
import { CallNode, ConstantPathNode, ConstantReadNode, IntegerNode, type Node } from "@ruby/prism";
import { parseRuby } from "../adapters/rails/prism.js";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { rubyIntegerOf } from "../adapters/rails/ruby-integer.js";
import { SourceLines } from "../source-lines.js";
import type { SourceFile } from "../model.js";
import type { DeclaredVersion } from "./flyway-declarations.js";

const isStrongMigrations = (node: Node | null): boolean =>
  (node instanceof ConstantReadNode && node.name === "StrongMigrations") || (node instanceof ConstantPathNode && node.parent === null && node.name === "StrongMigrations");

/** The last integer `StrongMigrations.start_after` is set to in the file (a later assignment wins when Ruby runs it). */
export function strongMigrationsStartAfter(file: SourceFile): DeclaredVersion | undefined {
  let root: Node;
  try {
    root = parseRuby(file.content).value;
  } catch {
    return undefined;
  }
  const lines = new SourceLines(file.content);
  let found: { offset: number; version: string; line: number } | undefined;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    stack.push(...rubyChildren(node));
    if (!(node instanceof CallNode) || node.name !== "start_after=" || !isStrongMigrations(node.receiver)) continue;
    const value = node.arguments_?.arguments_[0];
    // an ENV lookup or a computed version says nothing migguard can compare
    if (!(value instanceof IntegerNode)) continue;
    const version = rubyIntegerOf(lines.sliceBytes(value.location.startOffset, value.location.startOffset + value.location.length));
    if (version === undefined) continue;
    const offset = node.location.startOffset;
    if (!found || offset > found.offset) found = { offset, version: String(version), line: lines.lineOfByte(offset) };
  }
  return found && { version: found.version, said: `StrongMigrations.start_after = ${found.version}`, line: found.line };
}
