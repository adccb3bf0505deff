/**
 * The audit of Ruby fixes (npm run audit-fixes, the rule case tests) names the locals a fix reads where it does not
 * define them: content-data-api's 20190220161718 assigns `fields` and `order` in `change` and passes them to five
 * add_index calls; a fix that moves those calls into a class of their own without the assignments raises NameError.
 */
import { loadFixParsers } from "./fix-syntax.js";
import { unboundLocals } from "./unbound-locals.js";

const migration = `class ChangeUpviewsIndexes < ActiveRecord::Migration[5.2]
  def change
    remove_index :aggregations_search_last_six_months, name: :search_last_six_months_upviews

    fields = %i[upviews warehouse_item_id]
    order = { upviews: "DESC NULLS LAST", warehouse_item_id: :desc }

    add_index :aggregations_search_last_six_months, fields, order: order, name: :search_last_six_months_upviews
  end
end
`;

const moved = (assignments: string) => `class AddSearchLastSixMonthsUpviews < ActiveRecord::Migration[5.2]
  disable_ddl_transaction!

  def change
${assignments}    add_index :aggregations_search_last_six_months, fields, order: order, name: :search_last_six_months_upviews, algorithm: :concurrently
  end
end`;

beforeAll(() => loadFixParsers());

describe("unbound locals of a Ruby fix", () => {
  it("a new class whose add_index reads the original method's locals names them", () => {
    expect(unboundLocals(moved(""), migration)).toEqual(["fields", "order"]);
  });

  it("the same class carrying their assignments names none", () => {
    const assignments = `    fields = %i[upviews warehouse_item_id]\n    order = { upviews: "DESC NULLS LAST", warehouse_item_id: :desc }\n`;
    expect(unboundLocals(moved(assignments), migration)).toEqual([]);
  });

  it("a fix that keeps the assignments in the first migration but reads them in a second class still names them", () => {
    const first = migration.replace(/\n    add_index[^\n]*\n/, "\n");
    expect(unboundLocals(`${first}\n${moved("")}`, migration)).toEqual(["fields", "order"]);
  });
});
