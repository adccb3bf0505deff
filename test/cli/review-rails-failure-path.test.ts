/**
 * Edits of merged Rails migrations that change nothing a database keeps (solidus, an independent replay of issue
 * #19): a rescue clause that raises again, now matching the error by class name from a constant of literal strings
 * (424f28437d), and SQL joined from adjacent string literals with a space put before each backslash (fb05000a8a,
 * standardrb). Reviewed through the CLI on a small git repository.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const path = "core/db/migrate/20250530102541_add_addressbook_foreign_key.rb";
const rescued = (byName: boolean, ending = "raise") => `class AddAddressbookForeignKey < ActiveRecord::Migration[7.0]
${byName ? "  FOREIGN_KEY_VIOLATION_ERRORS = %w[PG::ForeignKeyViolation Mysql2::Error SQLite3::ConstraintException]\n\n" : ""}  def up
    add_foreign_key :spree_user_addresses, :spree_addresses, column: :address_id
  rescue ActiveRecord::StatementInvalid => e
    if ${byName ? "e.cause.class.name.in?(FOREIGN_KEY_VIOLATION_ERRORS)" : "e.cause.is_a?(PG::ForeignKeyViolation)"}
      ${byName ? "say" : "Rails.logger.warn"} "Foreign key constraint failed: remove the orphaned rows and rerun (#{e.cause.message})"
    end
    ${ending}
  end

  def down
    remove_foreign_key :spree_user_addresses, :spree_addresses, column: :address_id
  end
end
`;
const joinedPath = "core/db/migrate/20161014221052_add_available_to_users.rb";
const joined = (join: string) => `class AddAvailableToUsers < ActiveRecord::Migration[5.0]
  def up
    add_column(:spree_payment_methods, :available_to_users, :boolean, default: true)
    execute("UPDATE spree_payment_methods "${join}
            "SET available_to_users=#{quoted_false} "${join}
            "WHERE NOT (display_on='front_end' OR display_on IS NULL)")
  end

  def down
    remove_column(:spree_payment_methods, :available_to_users)
  end
end
`;
const edited = (findings: Awaited<ReturnType<typeof reviewJson>>["findings"]) => findings.filter((f) => f.rule === "edited-migration");

describe("edits on the way to the same failure, and the same SQL joined another way", () => {
  it("a rescue clause that raises again, matching the error from a constant of literal strings: a note that says so", async () => {
    const repo = featureBranchOn({ [path]: rescued(false) });
    repo.write({ [path]: rescued(true) }).commit("match the error by name");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(edited(findings)).toHaveLength(1);
    expect(edited(findings)[0]).toMatchObject({ severity: "info" });
    expect(edited(findings)[0].message).toContain("what a rescue clause does before it raises again");
    expect(edited(findings)[0].message).toContain("a constant holding only literal values (FOREIGN_KEY_VIOLATION_ERRORS)");
  });

  it("the same clause that swallows the error lets a failed foreign key be recorded: a warning", async () => {
    const repo = featureBranchOn({ [path]: rescued(false) });
    repo.write({ [path]: rescued(true, "nil") }).commit("swallow");
    const { findings } = await reviewJson(repo);
    expect(edited(findings).map((f) => f.severity)).toEqual(["warning"]);
  });

  it("`\"a \"\\` written `\"a \" \\`: the same SQL, a note", async () => {
    const repo = featureBranchOn({ [joinedPath]: joined("\\") });
    repo.write({ [joinedPath]: joined(" \\") }).commit("standardrb");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(edited(findings).map((f) => [f.severity, f.message.includes("only comments or formatting")])).toEqual([["info", true]]);
  });
});
