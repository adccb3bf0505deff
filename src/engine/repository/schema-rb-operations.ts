/**
 * Rails' db/schema.rb as operations: its `create_table` blocks read by the Rails adapter itself, as the body of a
 * migration. Parses with Prism: reached through the Ruby readers (loaded with the Rails adapter).
 */
import { BlockNode, CallNode } from "@ruby/prism";
import { RubyVisitor } from "../adapters/rails/ruby-visitor.js";
import { railsMigration } from "../adapters/rails/index.js";
import { parseRuby } from "../adapters/rails/prism.js";
import { Migration, type Operation } from "../model.js";

/** The block of `ActiveRecord::Schema[7.1].define(...) do ... end` and the Rails version in brackets. */
class DefineBlock extends RubyVisitor {
  found?: { body: string; version?: string };

  constructor(private readonly bytes: Buffer) {
    super();
  }

  override visitCallNode(node: CallNode): void {
    if (!this.found && node.name === "define" && node.block instanceof BlockNode && node.block.body) {
      const receiver = node.receiver ? this.bytes.subarray(node.receiver.location.startOffset, node.receiver.location.startOffset + node.receiver.location.length).toString() : "";
      if (/(?:^|::)ActiveRecord::Schema\b/.test(receiver)) {
        const body = node.block.body.location;
        this.found = { body: this.bytes.subarray(body.startOffset, body.startOffset + body.length).toString(), version: /\[(\d+\.\d+)\]/.exec(receiver)?.[1] };
        return;
      }
    }
    super.visitCallNode(node);
  }
}

export function schemaRbOperations(path: string, content: string): Operation[] {
  const visitor = new DefineBlock(Buffer.from(content));
  parseRuby(content).value.accept(visitor);
  if (!visitor.found) return [];
  const migration = `class SchemaDump < ActiveRecord::Migration[${visitor.found.version ?? "7.1"}]\n  def up\n${visitor.found.body}\n  end\nend\n`;
  const parsed = Migration.safeParse(railsMigration({ file: { path, framework: "rails", layout: "rails", role: "up", key: path }, content: migration }));
  return parsed.success ? parsed.data.up : [];
}

