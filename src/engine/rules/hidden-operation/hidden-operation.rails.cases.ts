import { defineCases } from "../support/rule.js";

const rails = (body: string) => `class Cleanup < ActiveRecord::Migration[7.1]\n  def up\n${body}\n  end\nend\n`;

/** The engine's own finding for Ruby: a migration method called indirectly, Ruby run from a string, SQL built at run time. */
export default defineCases({
  invalid: [
    { framework: "rails", name: "a table list joined from what only running tells (a query's result): still hidden", code: rails('    execute "DROP TABLE IF EXISTS #{select_values("SELECT name FROM legacy").join(", ")}"'), lines: [3] },
    { framework: "rails", name: "drop_table called through send (still checked as drop_table)", code: rails("    send(:drop_table, :legacy_events)"), lines: [3] },
    { framework: "rails", name: "a method name computed at run time", code: rails('    public_send("remove_#{kind}", :users, :email)'), lines: [3] },
    { framework: "rails", name: "execute through a method object", code: rails('    method(:execute).call("DELETE FROM sessions WHERE created_at < now() - interval \'30 days\'")'), lines: [3] },
    { framework: "rails", name: "Ruby in a string given to eval", code: rails('    eval("remove_column :users, :email")'), lines: [3] },
    { framework: "rails", name: "SQL a method of another class builds", code: rails("    execute(Cleanup::Queries.purge_sessions)"), lines: [3] },
  ],
  valid: [
    {
      framework: "rails",
      name: "a table list interpolated with join from a literal array (a constant of the class, or %w): the statement is known, checked as written",
      code: `class DropLegacy < ActiveRecord::Migration[7.1]\n  TABLES = %w[legacy_a legacy_b]\n\n  def up\n    execute "DROP TABLE IF EXISTS #{TABLES.join(", ")}"\n    execute "DROP TABLE IF EXISTS #{%w[legacy_c legacy_d].join(", ")}"\n  end\nend\n`,
    },
    { framework: "rails", name: "the same operations called by name", code: rails("    remove_column :users, :email\n    execute \"DELETE FROM sessions WHERE created_at < now() - interval '30 days'\"") },
    {
      framework: "rails",
      name: "SQL assembled from pieces the file writes, and SQL a method of the migration returns",
      code: `class Cleanup < ActiveRecord::Migration[7.1]\n  def up\n    execute(["DELETE FROM sessions", "WHERE expired"].join(" "))\n    execute purge("sessions")\n  end\n\n  def purge(table)\n    <<~SQL\n      DELETE FROM #{table} WHERE expired\n    SQL\n  end\nend\n`,
    },
    { framework: "rails", name: "send on another object (a model's attribute)", code: rails("    User.find_each { |user| user.send(:touch) }") },
  ],
});
