/**
 * The name among `names` a mistyped one most likely meant: the one that shares the longest start with it, when that
 * start is most of the name (signon's `rename_column :supported_permissions, :delegated, :delegated`, a
 * search-and-replace of `delegatable`). A name of another stem is no suggestion: undefined.
 */
export function closeName(name: string, names: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  let best: { name: string; shared: number } | undefined;
  for (const candidate of names) {
    const other = candidate.toLowerCase();
    if (other === wanted) continue;
    let shared = 0;
    while (shared < wanted.length && shared < other.length && wanted[shared] === other[shared]) shared++;
    // most of both names: `delegat` of delegated and delegatable, not `user_` of user_id and user_name
    if (shared < 4 || shared < 0.6 * Math.max(wanted.length, other.length)) continue;
    if (!best || shared > best.shared) best = { name: candidate, shared };
  }
  return best?.name;
}
