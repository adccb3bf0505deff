/** The value of the last entry placed before `position`, in a list kept in position order (none before it: undefined). */
export function lastBefore<E extends { position: number }, T>(list: readonly E[] | undefined, position: number, value: (entry: E) => T): T | undefined {
  let found: T | undefined;
  for (const entry of list ?? []) {
    if (entry.position >= position) break;
    found = value(entry);
  }
  return found;
}
