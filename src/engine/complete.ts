/**
 * Fill an adapter's operations with the model's defaults without a full zod parse, which costs a tenth of
 * lint time on big migration sets. The defaults come from the zod schemas themselves (operation-defaults.ts);
 * a test checks that the SQL adapter's output parses to itself with the full schema.
 */
import type { Operation, OperationInput } from "./model.js";
import { OPERATION_DEFAULTS } from "./operation-defaults.js";

const defaultsByKind = new Map(Object.entries(OPERATION_DEFAULTS));

/** A fresh copy of an array or object default, as zod hands out, so no two operations share one. */
const fresh = (value: unknown): unknown => (Array.isArray(value) ? [...value] : value !== null && typeof value === "object" ? { ...value } : value);

/**
 * Shallow completion, in place (the adapter hands over objects it just built): nested values (columns,
 * types) must already be complete, as the SQL adapter builds them.
 */
export function completeOperation(op: OperationInput): Operation {
  const out = op as Record<string, unknown>;
  for (const [key, value] of defaultsByKind.get(op.kind) ?? []) if (out[key] === undefined) out[key] = fresh(value);
  return out as Operation;
}
