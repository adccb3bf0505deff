import { describe, expect, it } from "@jest/globals";
import { commentableLines } from "../../src/review/diff-lines.js";
import { unifiedDiff } from "../github/support/unified-diff.js";

describe("commentable lines of a patch", () => {
  it("are the head lines of each hunk, added or context", () => {
    const patch = ["@@ -1,3 +1,4 @@", " a", "-b", "+B", "+C", " d", "@@ -20,2 +21,2 @@ def up", " x", "-y", "+Y", "\\ No newline at end of file"].join("\n");
    expect([...commentableLines(patch)]).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
      [21, 1],
      [22, 1],
    ]);
  });

  it("are none without a patch (binary or too large to show)", () => {
    expect(commentableLines(undefined).size).toBe(0);
  });

  it("agree with the lines GitHub would accept", () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n");
    const after = before.replace("line 5", "line five").replace("line 25", "line 25\nextra");
    const diff = unifiedDiff(`${before}\n`, `${after}\n`);
    expect(new Set(commentableLines(diff.patch).keys())).toEqual(diff.commentableLines);
  });
});
