import { defineCases } from "../support/rule.js";

/** The engine's own finding for Ruby: a chain hundreds of operators long, or blocks nested past Prism's stack. */
export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "a sum of four hundred terms",
      code: `class Backfill < ActiveRecord::Migration[7.1]\n  def up\n    total = 1${" + 1".repeat(420)}\n  end\nend\n`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "blocks nested deeper than Ruby's parser can follow",
      code: `class Nested < ActiveRecord::Migration[7.1]\n  def change\n${"    loop do\n".repeat(110)}${"    end\n".repeat(110)}  end\nend\n`,
      lines: [1],
    },
  ],
  valid: [{ framework: "rails", name: "the same sum, computed", code: "class Backfill < ActiveRecord::Migration[7.1]\n  def up\n    total = 421\n  end\nend\n" }],
});
