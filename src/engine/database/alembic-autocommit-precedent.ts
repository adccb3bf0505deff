/**
 * The project's own way out of Alembic's transaction: the newest earlier revision of the folder that runs
 * statements in autocommit, with `op.get_context().autocommit_block()` or a connection opened with
 * `isolation_level="AUTOCOMMIT"`. A fix that needs the same names it ("as revision X does"), so the reviewer sees
 * the project has done it before and how. Read with tree-sitter, never by pattern.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { plainString } from "../adapters/python/nodes.js";
import type { Migration } from "../model.js";

export interface AutocommitPrecedent {
  /** the revision's id (`revision = "..."`), else its file */
  revision: string;
  path: string;
  how: "autocommit_block" | "isolation_level";
}

/** `<anything>.autocommit_block()`, or a call given `isolation_level="AUTOCOMMIT"`: which one the revision uses first. */
function autocommitIn(root: PyNode): AutocommitPrecedent["how"] | undefined {
  for (const call of root.descendantsOfType("call")) {
    const fn = call?.childForFieldName("function");
    if (fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "autocommit_block") return "autocommit_block";
    const isolation = call?.childForFieldName("arguments")?.namedChildren.find((a) => a?.type === "keyword_argument" && a.childForFieldName("name")?.text === "isolation_level");
    if (plainString(isolation?.childForFieldName("value"))?.toUpperCase() === "AUTOCOMMIT") return "isolation_level";
  }
  return undefined;
}

/** The newest of `earlier` (the folder's revisions before this one, in order) that runs statements in autocommit. */
export function autocommitPrecedent(earlier: readonly Migration[]): AutocommitPrecedent | undefined {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const revision = earlier[i];
    const source = revision.source;
    if (revision.framework !== "alembic" || !source || (!source.includes("autocommit_block") && !source.includes("AUTOCOMMIT"))) continue;
    let how: AutocommitPrecedent["how"] | undefined;
    try {
      how = withPythonTree(source, autocommitIn);
    } catch {
      continue; // a revision the grammar cannot read is no precedent
    }
    if (how) return { revision: revision.revision?.id ?? revision.path, path: revision.path, how };
  }
  return undefined;
}
