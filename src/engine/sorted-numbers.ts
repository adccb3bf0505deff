/**
 * Binary searches over ascending lists: the positions of a migration's operations, a folder's times. Several indexes
 * of the engine keep such lists so a question about "what comes before or after this place" costs a log, not a walk.
 */

/** How many of the ascending `sorted` are below `limit` (the index of the first at or above it). */
export function countBelow(sorted: readonly number[], limit: number): number {
  return countBelowBy(sorted, limit, (value) => value);
}

/** How many items of `sorted`, ascending by `at`, have `at(item)` below `limit`. */
export function countBelowBy<T>(sorted: readonly T[], limit: number, at: (item: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (at(sorted[mid]) < limit) low = mid + 1;
    else high = mid;
  }
  return low;
}
