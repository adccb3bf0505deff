/**
 * fat_free_crm 20120314080441_add_subscribed_users_to_entities: a Hash is filled from `Comment.all.each` before the
 * backfill loops over it. Through `migguard lint`, mixed-ddl-dml's split moves the statements that fill the Hash
 * with the backfill that reads it: migration 2 computes what it writes, and migration 1 no longer reads every
 * comment for nothing. (Left behind, migration 2's loop ran over an empty Hash and wrote nothing.)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-split-filled-locals-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

type Finding = { rule: string; line: number; fix: string };
const lint = async (cwd: string, path: string) => (JSON.parse((await run(["lint", "--format", "json", path], { cwd })).output) as { findings: Finding[] }).findings;

const path = "db/migrate/20120314080441_add_subscribed_users_to_entities.rb";
const migration = `class AddSubscribedUsersToEntities < ActiveRecord::Migration[4.2]
  def change
    %w[accounts contacts].each do |table|
      add_column table.to_sym, :subscribed_users, :text
      table.singularize.capitalize.constantize.reset_column_information
    end

    entity_subscribers = Hash.new(Set.new)

    Comment.all.each do |comment|
      entity_subscribers[[comment.commentable_type, comment.commentable_id]] += [comment.user_id]
    end

    ActiveRecord::Base.transaction do
      entity_subscribers.each do |entity, user_ids|
        connection.execute "UPDATE #{entity[0].tableize} SET subscribed_users = '#{user_ids.to_a.to_yaml}' WHERE id = #{entity[1]}"
      end
    end
  end
end
`;

describe("lint: a Rails split whose backfill reads a Hash filled before the schema change ends", () => {
  it("the loop filling the Hash moves with the backfill into migration 2, out of migration 1", async () => {
    const findings = await lint(repo({ [path]: migration }), "db/migrate");
    const split = findings.find((f) => f.rule === "mixed-ddl-dml");
    expect(split?.line).toBe(15);
    const [first, second] = split!.fix.split(/\n(?=# migration 2, )/);
    expect(first).not.toContain("entity_subscribers");
    expect(first).not.toContain("Comment.all.each");
    expect(first).toContain("add_column table.to_sym, :subscribed_users, :text");
    // in migration 2, the Hash is built and filled before the loop that writes it
    const body = second.slice(second.indexOf("def up"));
    const order = ["entity_subscribers = Hash.new(Set.new)", "Comment.all.each do |comment|", "entity_subscribers[[comment.commentable_type, comment.commentable_id]] += [comment.user_id]", "entity_subscribers.each do |entity, user_ids|"].map((s) => body.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
