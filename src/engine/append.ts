/**
 * `target.push(...items)` one item at a time. A spread passes every item as an argument on the stack, and V8 throws
 * "Maximum call stack size exceeded" past about 120,000 (fewer when the stack is already deep): a migration holds
 * as many operations, findings or syntax errors as its author likes.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
