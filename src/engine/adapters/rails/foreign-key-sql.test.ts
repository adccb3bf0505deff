/**
 * The SQL the Rails adapter writes for a foreign key, which the schema history keeps: every option ActiveRecord
 * turns into SQL, nothing at all when an option is computed (a guess would be added back by a fix), and a key Rails
 * does not read left out as Rails leaves it.
 */
import { parseRails } from "./test-helpers.js";

const sqlOf = async (call: string) => {
  const m = await parseRails(`class AddKeys < ActiveRecord::Migration[7.1]\n  def change\n    ${call}\n  end\nend\n`);
  return m.up.flatMap((op) => (op.kind === "add_constraint" ? [op.sql] : op.kind === "add_column" ? [] : op.kind === "create_table" ? op.columns.map((c) => c.references?.sql) : []));
};

it.each([
  ["add_foreign_key :codes, :clients", 'ALTER TABLE codes ADD CONSTRAINT fk_rails_c0d6e80224 FOREIGN KEY (client_id) REFERENCES clients (id);'],
  [
    "add_foreign_key :codes, :oidc_clients, column: :client_id, primary_key: :uid, on_delete: :nullify, on_update: :cascade, validate: false, name: :codes_client_fk",
    "ALTER TABLE codes ADD CONSTRAINT codes_client_fk FOREIGN KEY (client_id) REFERENCES oidc_clients (uid) ON DELETE SET NULL ON UPDATE CASCADE NOT VALID;",
  ],
  ["add_foreign_key :codes, :clients, deferrable: :deferred", "ALTER TABLE codes ADD CONSTRAINT fk_rails_c0d6e80224 FOREIGN KEY (client_id) REFERENCES clients (id) DEFERRABLE INITIALLY DEFERRED;"],
  ["add_reference :codes, :client, foreign_key: { on_delete: :cascade }", "ALTER TABLE codes ADD CONSTRAINT fk_rails_c0d6e80224 FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE;"],
  // Mastodon's generated_annual_reports: a misspelt key Rails drops, so the plain key it creates
  ["add_reference :codes, :client, foreign_key: { on_cascade: :delete }", "ALTER TABLE codes ADD CONSTRAINT fk_rails_c0d6e80224 FOREIGN KEY (client_id) REFERENCES clients (id);"],
])("%s", async (call, sql) => {
  expect(await sqlOf(call)).toEqual([sql]);
});

it.each([
  ["an on_delete Ruby computes", "add_foreign_key :codes, :clients, on_delete: ACTION"],
  ["a column Ruby computes", "add_foreign_key :codes, :clients, column: column_name"],
  ["an option ActiveRecord does not turn into SQL here", "add_foreign_key :codes, :clients, on_delete: :no_such_action"],
])("nothing when %s", async (_what, call) => {
  expect(await sqlOf(call)).toEqual([undefined]);
});
