/**
 * The comparison a size guard reads, whatever the language: `count < bound` keeps the count below the bound when
 * true, `count > bound` when false, and `bound > count` mirrors them. Shared by the Rails and Alembic size guards
 * (rails/size-guard.ts, python/size-guard.ts), which find the counts in their own syntax trees.
 */
const BELOW_WHEN_TRUE: Record<string, boolean> = { "<": true, "<=": true, ">": false, ">=": false };
const MIRROR: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

/** `<`, `<=`, `>`, `>=`: the operators a bound on a count is written with. */
export const isBoundOperator = (operator: string): boolean => operator in BELOW_WHEN_TRUE;

/**
 * The counted table when `left operator right` being `truth` keeps the count below the bound; `left` and `right` are
 * the tables each side counts (undefined for a side that counts nothing). Undefined when a count is compared with
 * another count, or with nothing counted.
 */
export function countedBelowBound(operator: string, left: string | undefined, right: string | undefined, truth: boolean): string | undefined {
  // a count compared with a bound, not with another count
  if ((left === undefined) === (right === undefined)) return undefined;
  const faced = left !== undefined ? operator : MIRROR[operator];
  const below = faced === undefined ? undefined : BELOW_WHEN_TRUE[faced];
  return below === undefined || below !== truth ? undefined : (left ?? right);
}
