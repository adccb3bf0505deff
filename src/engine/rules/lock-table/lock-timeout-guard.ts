/**
 * Is a LOCK TABLE guarded by a lock_timeout? The last `SET lock_timeout` before it counts when it is still in force:
 * a session SET until a RESET, a `SET LOCAL` only in the transaction it ran in (a COMMIT or ROLLBACK between ends
 * it). `0` switches the timeout off, so it guards nothing.
 */
import type { Operation } from "../../model.js";
import { nameKey } from "../support/facts.js";

const ENDS_TRANSACTION = new Set(["commit", "rollback", "commit_prepared", "begin"]);
/** `0`, `'0'`, `'0ms'`: no timeout */
const isOff = (value: string | undefined) => value !== undefined && /^'?0(?:ms|s)?'?$/i.test(value.trim());

export function lockTimeoutInForce(up: readonly Operation[], index: number): boolean {
  let crossedTransaction = false;
  for (let i = index - 1; i >= 0; i--) {
    const op = up[i]!;
    if (op.kind === "transaction_control" && ENDS_TRANSACTION.has(op.action)) crossedTransaction = true;
    if (op.kind !== "set_setting" || nameKey(op.name) !== "lock_timeout") continue;
    if (op.scope === "reset" || isOff(op.value)) return false;
    return op.scope === "session" || !crossedTransaction;
  }
  return false;
}
