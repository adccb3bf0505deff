/**
 * A table an earlier migration of the same pull request created is empty when the pull request's later migrations
 * run (issue #14): the App, through signed webhooks, reports no data-loss, NOT NULL or scan finding on it; the
 * same statements on a table of the base branch keep the NOT NULL column's finding.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const BASE = {
  "README.md": "# Billing\n",
  // dml-without-where is opt-in: switched on, so the DELETE without WHERE is judged too
  ".github/migguard.yml": "rules:\n  dml-without-where: true\n",
  "migrations/000001_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, status text, amount integer);\n",
  "migrations/000001_init.down.sql": "DROP TABLE users;\n",
};
const tighten = (table: string) => ({
  "migrations/000003_tighten.up.sql": `SET lock_timeout = '5s';\nALTER TABLE ${table} ALTER COLUMN status SET NOT NULL;\nALTER TABLE ${table} ADD COLUMN region text NOT NULL;\nDELETE FROM ${table};\n`,
  "migrations/000003_tighten.down.sql": `ALTER TABLE ${table} DROP COLUMN region;\nALTER TABLE ${table} ALTER COLUMN status DROP NOT NULL;\n`,
});
const CREATE = { "migrations/000002_charges.up.sql": "CREATE TABLE charges (id bigint PRIMARY KEY, status text, amount integer);\n", "migrations/000002_charges.down.sql": "DROP TABLE charges;\n" };
const RULES = ["set-not-null", "required-column-without-default", "dml-without-where"];

let s: Scenario | undefined;
useScenario();

const dataAnnotations = (run: FakeCheckRun) => run.annotations.filter((a) => a.path.endsWith("000003_tighten.up.sql") && RULES.some((r) => a.title.startsWith(r))).map((a) => [a.start_line, a.annotation_level]);

describe("a table the same pull request created", () => {
  it("takes SET NOT NULL, a NOT NULL column without a default and a DELETE without WHERE: nothing to report", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(70, { ...CREATE, ...tighten("charges") });
    await s.pullRequest("opened", 70);
    expect(dataAnnotations(s.fake.checkRunsFor(head).at(-1)!)).toEqual([]);
  });

  it("the same statements on a table of the base branch fail", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(71, { ...CREATE, ...tighten("users") });
    await s.pullRequest("opened", 71);
    // SET NOT NULL's scan (line 2) and the DELETE's rows (line 4) are moot there: line 3 only runs on an empty
    // table, in the same transaction, so it alone is reported; and as its own proof reads the migration as run on an
    // empty table (with rows the transaction fails whole, the DELETE undone), nothing is lost, but the deploy fails
    // on a table with rows: a warning
    expect(dataAnnotations(s.fake.checkRunsFor(head).at(-1)!)).toEqual([[3, "warning"]]);
  });

  it("Rails (caseflow 367201a6bb): an app helper given another table between the create and a NOT NULL column on the new table: nothing to report; a new table only that helper indexed, dropped and created again: a notice", async () => {
    const rails = {
      "README.md": "# caseflow\n",
      "lib/caseflow/migration.rb": 'class Caseflow::Migration < ActiveRecord::Migration[5.1]\n  def add_safe_index(*args)\n    add_index(*args)\n  end\nend\n',
      "db/migrate/20230101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[5.2]\n  def change\n    create_table :users\n  end\nend\n",
    };
    s = await startScenario({ baseFiles: rails });
    const head = s.openPull(72, {
      "db/migrate/20231018185238_create_correspondence.rb": "class CreateCorrespondence < Caseflow::Migration\n  def change\n    create_table :correspondences do |t|\n      t.string :cmp_packet_number\n    end\n  end\nend\n",
      "db/migrate/20231018192834_create_correspondence_document.rb": "class CreateCorrespondenceDocument < Caseflow::Migration\n  def change\n    create_table :correspondence_documents do |t|\n      t.string :vbms_document_id\n    end\n  end\nend\n",
      "db/migrate/20231024151721_add_prior_correspondence_reference.rb":
        'class AddPriorCorrespondenceReference < Caseflow::Migration\n  disable_ddl_transaction!\n\n  def change\n    add_column :correspondences, :prior_correspondence_id, :integer\n    add_safe_index :correspondences, [:prior_correspondence_id], name: "index_on_prior_correspondence_id"\n  end\nend\n',
      "db/migrate/20231024162133_add_timestamps_to_correspondence_document.rb": "class AddTimestampsToCorrespondenceDocument < Caseflow::Migration\n  def change\n    add_column :correspondence_documents, :created_at, :datetime, null: false\n  end\nend\n",
      // a table the change creates, indexes with the helper, drops and creates again
      "db/migrate/20231026122835_create_correspondence_intakes.rb": "class CreateCorrespondenceIntakes < Caseflow::Migration\n  def change\n    create_table :correspondence_intakes do |t|\n      t.bigint :user_id\n    end\n  end\nend\n",
      "db/migrate/20231026123217_add_indexes_to_correspondence_intakes.rb": 'class AddIndexesToCorrespondenceIntakes < Caseflow::Migration\n  def up\n    add_safe_index :correspondence_intakes, [:user_id], name: "index_on_user_id"\n  end\n\n  def down\n  end\nend\n',
      "db/migrate/20231214200955_drop_correspondence_intakes.rb": "class DropCorrespondenceIntakes < ActiveRecord::Migration[5.2]\n  def up\n    drop_table :correspondence_intakes\n  end\n\n  def down\n    create_table :correspondence_intakes\n  end\nend\n",
      "db/migrate/20231214201518_recreate_correspondence_intakes.rb": "class RecreateCorrespondenceIntakes < Caseflow::Migration\n  def change\n    create_table :correspondence_intakes do |t|\n      t.jsonb :redux_store, null: false\n    end\n  end\nend\n",
    });
    await s.pullRequest("opened", 72);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.annotations.filter((a) => a.title.startsWith("required-column-without-default"))).toEqual([]);
    expect(run.annotations.filter((a) => a.title.startsWith("drop-table")).map((a) => a.annotation_level)).toEqual(["notice"]);
  });
});
