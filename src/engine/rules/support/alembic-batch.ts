/**
 * Alembic's `with op.batch_alter_table(...) as batch_op:` queues its operations and runs them when the block
 * exits. A fix made of `op.*` calls (an autocommit_block with a concurrent index build, an op.execute) put where
 * a batch call was would run before the batch's queued add_column and find no column: it goes after the block.
 */
import type { Framework, Operation } from "../../model.js";
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";

/** The fix calls the batch's alias itself (`batch_op.create_foreign_key(..., postgresql_not_valid=True)`): it stays in the block. */
function callsAlias(fix: string, alias: string): boolean {
  return withPythonTree(fix, (root) =>
    root.descendantsOfType("call").some((call: PyNode) => {
      const fn = call.childForFieldName("function");
      return fn?.type === "attribute" && fn.childForFieldName("object")?.text === alias;
    }),
  );
}

/**
 * `fix`, meant to replace `op`, as it must be written when `op` is a call of a batch block: the block without
 * that call, then the fix after it. Unchanged for other frameworks, calls outside a batch block, and fixes that
 * keep using the batch.
 */
export function inPlaceOf(framework: Framework, op: Operation | undefined, fix: string): string {
  const block = op?.batchBlock;
  if (framework !== "alembic" || !block || !fix.trim() || callsAlias(fix, block.alias)) return fix;
  const note = `# ${block.alias}'s operations run when its with block exits: this goes after the block, once they have run`;
  return block.without ? `${block.without}\n${note}\n${fix}` : `# in place of the whole with block (this was its only operation):\n${fix}`;
}
