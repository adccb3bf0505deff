/**
 * A feature merged whole (caseflow 367201a6bb): one migration creates correspondence_documents, a later one of the
 * same change calls the app's own index helper on another table (`add_safe_index :correspondences, ...`, defined in
 * the project's Caseflow::Migration, which migguard does not read), and a later one adds NOT NULL timestamps to
 * correspondence_documents. A helper called with a table first and nothing but literals works on the tables it was
 * given: correspondence_documents is still empty, so no required-column-without-default. Reviewed through
 * `migguard review`; a helper given that table, or one given computed arguments, may have written it: the error stays.
 * And its 20231214 drop of correspondence_intakes, which the same change created and indexed with that helper: no
 * deployed code wrote to it, only the helper might have, so the drop is a note (a real INSERT keeps the warning).
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const base = {
  "lib/caseflow/migration.rb": 'class Caseflow::Migration < ActiveRecord::Migration[5.1]\n  def add_safe_index(*args)\n    ActiveRecord::Base.connection.execute "SET statement_timeout = 1800000"\n    add_index(*args)\n  end\nend\n',
  "db/migrate/20230101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[5.2]\n  def change\n    create_table :users\n  end\nend\n",
};
const createCorrespondences = "class CreateCorrespondence < Caseflow::Migration\n  def change\n    create_table :correspondences do |t|\n      t.string :cmp_packet_number\n    end\n  end\nend\n";
const createDocuments = "class CreateCorrespondenceDocument < Caseflow::Migration\n  def change\n    create_table :correspondence_documents do |t|\n      t.belongs_to :correspondence, index: true, foreign_key: true\n      t.string :vbms_document_id\n    end\n  end\nend\n";
const helperCall = (call: string) => `class AddPriorCorrespondenceReference < Caseflow::Migration\n  disable_ddl_transaction!\n\n  def change\n    add_column :correspondences, :prior_correspondence_id, :integer\n    ${call}\n  end\nend\n`;
const timestamps =
  'class AddTimestampsToCorrespondenceDocument < Caseflow::Migration\n  def change\n    add_column :correspondence_documents, :created_at, :datetime, null: false, comment: "Date and Time of creation."\n  end\nend\n';

async function requiredColumnFindings(call: string) {
  const repo = featureBranchOn(base);
  repo
    .write({
      "db/migrate/20231018185238_create_correspondence.rb": createCorrespondences,
      "db/migrate/20231018192834_create_correspondence_document.rb": createDocuments,
      "db/migrate/20231024151721_add_prior_correspondence_reference.rb": helperCall(call),
      "db/migrate/20231024162133_add_timestamps_to_correspondence_document.rb": timestamps,
    })
    .commit("the feature, merged whole");
  const { findings } = await reviewJson(repo);
  return findings.filter((f) => f.rule === "required-column-without-default");
}

describe("a table created earlier in the same change, with an app helper in between", () => {
  it("review (caseflow 367201a6bb): the helper is given another table: correspondence_documents is empty, no required-column-without-default", async () => {
    expect(await requiredColumnFindings('add_safe_index :correspondences, [:prior_correspondence_id], name: "index_on_prior_correspondence_id"')).toEqual([]);
  });

  it("review: the helper is given correspondence_documents itself: it may have written rows there, the error stays", async () => {
    const found = await requiredColumnFindings('add_safe_index :correspondence_documents, [:vbms_document_id], name: "index_on_vbms_document_id"');
    expect(found.map((f) => [f.severity, f.path])).toEqual([["error", "db/migrate/20231024162133_add_timestamps_to_correspondence_document.rb"]]);
  });

  it("review: the helper is given a value computed at run time: it may work on any table, the error stays", async () => {
    const found = await requiredColumnFindings("add_safe_index table_for(:prior), [:prior_correspondence_id]");
    expect(found.map((f) => f.severity)).toEqual(["error"]);
  });

  async function dropFindings(between: string) {
    const repo = featureBranchOn(base);
    repo
      .write({
        "db/migrate/20231026122835_create_correspondence_intakes.rb": "class CreateCorrespondenceIntakes < Caseflow::Migration\n  def change\n    create_table :correspondence_intakes do |t|\n      t.integer :current_step\n      t.bigint :user_id\n    end\n  end\nend\n",
        "db/migrate/20231026123217_add_indexes_to_correspondence_intakes.rb": `class AddIndexesToCorrespondenceIntakes < Caseflow::Migration\n  def up\n    ${between}\n  end\n\n  def down\n  end\nend\n`,
        "db/migrate/20231214200955_drop_correspondence_intakes.rb": "class DropCorrespondenceIntakes < ActiveRecord::Migration[5.2]\n  def up\n    drop_table :correspondence_intakes\n  end\n\n  def down\n    create_table :correspondence_intakes\n  end\nend\n",
        "db/migrate/20231214201518_recreate_correspondence_intakes.rb": "class RecreateCorrespondenceIntakes < Caseflow::Migration\n  def change\n    create_table :correspondence_intakes do |t|\n      t.jsonb :redux_store, null: false\n    end\n  end\nend\n",
      })
      .commit("the feature, merged whole");
    const { findings } = await reviewJson(repo);
    return findings.filter((f) => f.rule === "drop-table");
  }

  it("review (caseflow 367201a6bb): a table the change created, indexed only by the app helper, dropped and created again: a note naming the helper", async () => {
    const found = await dropFindings('add_safe_index :correspondence_intakes, [:user_id], name: "index_on_user_id"');
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("the only steps since that may have added rows are app helpers migguard does not read, add_safe_index (20231026123217_add_indexes_to_correspondence_intakes.rb:3)");
  });

  it("review: the same table filled by an INSERT of the change before the drop: the warning stays", async () => {
    const found = await dropFindings('execute "INSERT INTO correspondence_intakes (current_step) SELECT 1 FROM users"');
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
  });
});
