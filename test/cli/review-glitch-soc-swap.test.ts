/**
 * Issue #19's glitch-soc replay at 348a7a628f (Mastodon's Oj -> JSON): the library swap sits inside a loop whose
 * body also calls other classes (ActivityPub::DeliveryWorker.perform_async), skips with `next ... if`, and reads
 * rows through heredoc SQL. The edit is the same swap as in the migrations that were notes, and a note too.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const path = "db/migrate/20180608213548_reject_following_blocked_users.rb";
const migration = (dump: string) => `# frozen_string_literal: true

class RejectFollowingBlockedUsers < ActiveRecord::Migration[5.2]
  disable_ddl_transaction!

  def up
    blocked_follows = Follow.find_by_sql(<<~SQL.squish)
      select f.* from follows f
      inner join blocks b on
        f.account_id = b.target_account_id and
        f.target_account_id = b.account_id
    SQL

    follows = blocked_follows.uniq
    say "Destroying #{follows.size} blocked follow relationships..."

    follows.each do |follow|
      blocked_account = follow.account
      followed_account = follow.target_account

      next follow.destroy! if blocked_account.local?

      reject_follow_json = ${dump}(ActivityPub::LinkedDataSignature.new(ActiveModelSerializers::SerializableResource.new(follow, serializer: ActivityPub::RejectFollowSerializer, adapter: ActivityPub::Adapter).as_json).sign!(followed_account))

      ActivityPub::DeliveryWorker.perform_async(reject_follow_json, followed_account, blocked_account.inbox_url)

      follow.destroy!
    end
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`;

describe("edited-migration: a library swap inside a loop that also calls other classes (glitch-soc 348a7a628f)", () => {
  it("review: Oj.dump -> JSON.generate of the signed payload: a note naming the swap", async () => {
    const repo = featureBranchOn({
      "db/migrate/20160101000000_create_follows.rb": "class CreateFollows < ActiveRecord::Migration[5.0]\n  def change\n    create_table :follows do |t|\n      t.bigint :account_id\n      t.bigint :target_account_id\n    end\n  end\nend\n",
      [path]: migration("Oj.dump"),
    });
    repo.write({ [path]: migration("JSON.generate") }).commit("drop Oj");
    const findings = (await reviewJson(repo)).findings.filter((f) => f.rule === "edited-migration");
    expect(findings.map((f) => [f.severity, f.message])).toEqual([["info", expect.stringContaining("(Oj.dump → JSON.generate): a library or API swap")]]);
  });
});
