/**
 * An added file's content from its pull request diff, trusted only when its git blob id matches the listed
 * one. Diffs come from the fake GitHub's differ (git's format, "\ No newline at end of file" included);
 * blob ids are checked against git itself.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "@jest/globals";
import { addedFileContent, gitBlobSha } from "../../src/review/patch-content.js";
import { unifiedDiff } from "../github/support/unified-diff.js";

const gitHashObject = (content: string) => execFileSync("git", ["hash-object", "--stdin"], { input: Buffer.from(content, "utf8") }).toString().trim();
const added = (content: string) => ({ status: "added" as const, patch: unifiedDiff("", content).patch, sha: gitHashObject(content) });

describe("gitBlobSha", () => {
  it.each(["", "SELECT 1;\n", "naïve café → ✓\n", "no newline at the end", "line\r\nwindows\r\n"])("agrees with git hash-object for %j", (content) => {
    expect(gitBlobSha(content)).toBe(gitHashObject(content));
  });
});

describe("addedFileContent", () => {
  it.each([
    ["several lines", "class AddNickname < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :nickname, :string\n  end\nend\n"],
    ["one line (git leaves out the count)", "CREATE INDEX CONCURRENTLY idx ON t (c);\n"],
    ["no newline at the end", "-- migrate:up\nSELECT 1;"],
    ["Windows line ends", "CREATE TABLE t (id int);\r\nDROP TABLE u;\r\n"],
    ["blank lines and a leading +", "\n+1\n\n"],
  ])("rebuilds %s exactly", (_name, content) => {
    const file = added(content);
    expect(file.patch.startsWith("@@ -0,0 +1")).toBe(true);
    expect(addedFileContent(file)).toBe(content);
  });

  it("does not trust a diff whose blob id is another file's (the listing of a newer commit)", () => {
    const file = added("SELECT 1;\n");
    expect(addedFileContent({ ...file, sha: gitHashObject("SELECT 2;\n") })).toBeUndefined();
  });

  it("does not read modified files, files without a patch or a blob id, or a patch cut short", () => {
    const content = Array.from({ length: 20 }, (_, i) => `SELECT ${i};`).join("\n") + "\n";
    const file = added(content);
    expect(addedFileContent({ ...file, status: "modified" })).toBeUndefined();
    expect(addedFileContent({ ...file, patch: undefined })).toBeUndefined();
    expect(addedFileContent({ ...file, sha: undefined })).toBeUndefined();
    expect(addedFileContent({ ...file, patch: file.patch.split("\n").slice(0, 10).join("\n") })).toBeUndefined();
    expect(addedFileContent({ ...file, patch: file.patch.replace("+SELECT 3;", " SELECT 3;") })).toBeUndefined();
  });
});
