import { defineCases } from "../support/rule.js";

/** The engine's own finding, for Ruby comments. */
export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "a waiver that does not say why",
      code: "class DropLegacyReports < ActiveRecord::Migration[7.1]\n  def up\n    # migguard:ignore drop-table\n    drop_table :legacy_reports\n  end\nend\n",
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "a waiver with its reason",
      code: "class DropLegacyReports < ActiveRecord::Migration[7.1]\n  def up\n    # migguard:ignore drop-table emptied and unused since 2019, see #812\n    drop_table :legacy_reports\n  end\nend\n",
    },
  ],
});
