/**
 * Rows a framework's host code asks for (`rows = conn.execute(text("SELECT ... FROM tags"))`, Rails' select_rows):
 * when the SQL is one SELECT that writes nothing, the call is a read of its tables whose rows the code around it may
 * write elsewhere. A SELECT that locks rows, moves a sequence or calls a function that may write is no read.
 */
import type { OperationInput } from "../../model.js";

/** The relations `ops` read when they are one SELECT that writes nothing and reads from tables; undefined otherwise. */
export function rowsSelected(ops: readonly OperationInput[]): string[] | undefined {
  const only = ops.length === 1 ? ops[0] : undefined;
  return only?.kind === "raw" && only.statement === "SELECT" && !only.mayWrite && only.reads?.length ? only.reads : undefined;
}
