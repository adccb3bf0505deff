/**
 * A Rails down's `remove_index :t, %i[col]` through `migguard lint` (README: Rails): Rails finds the index by its
 * columns whatever its name, so it undoes the up's `add_index ..., name: "custom"` (identity-idp 20241029152408).
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-remove-index-");

type Finding = { rule: string; message: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const migration = (downColumns: string) =>
  `class IndexSocureDocVTransactionToken < ActiveRecord::Migration[7.2]
  disable_ddl_transaction!
  def up
    add_index :document_capture_sessions, %i[socure_docv_transaction_token], name: "index_socure_docv_transaction_token", unique: true, algorithm: :concurrently
  end
  def down
    remove_index :document_capture_sessions, ${downColumns}
  end
end
`;

describe("Rails remove_index by columns in a down", () => {
  it("finds the index the up built under its own name: the down undoes the up", async () => {
    const findings = await lint(repo({ "db/migrate/20241029152408_index_socure_doc_v_transaction_token.rb": migration("%i[socure_docv_transaction_token]") }));
    expect(findings.filter((f) => f.rule === "down-does-not-undo-up")).toEqual([]);
  });

  it("on other columns it leaves the up's index: reported", async () => {
    const findings = await lint(repo({ "db/migrate/20241029152408_index_socure_doc_v_transaction_token.rb": migration("%i[document_capture_session_id]") }));
    expect(findings.find((f) => f.rule === "down-does-not-undo-up")?.message).toContain("index_socure_docv_transaction_token");
  });
});
