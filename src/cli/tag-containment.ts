/**
 * Which of some target commits each tip contains, from one `git rev-list --parents --topo-order --reverse` of the
 * tips' history (parents before children): a commit's set is its parents' sets joined, plus itself when it is a
 * target; a commit that adds nothing shares its parent's set. Read for review's release tags and lint's first releases
 * through tag-shipping.ts, which runs the walk.
 */

/** For each of `tips`, the indexes of the `targets` it contains (is the target or descends from it), read from `walk`. */
export function containedInWalk(walk: string, tips: readonly string[], targets: readonly string[]): Map<string, Set<number>> {
  const words = Math.ceil(targets.length / 32);
  const targetIndex = new Map(targets.map((t, i) => [t, i]));
  const empty = new Uint32Array(words);
  const sets = new Map<string, Uint32Array>();
  for (const line of walk.split("\n")) {
    if (line === "") continue;
    const [commit, ...parents] = line.split(" ");
    // a parent outside the walk (the edge of a shallow clone) contains nothing we know of
    const parentSets = [...new Set(parents.map((p) => sets.get(p) ?? empty))].filter((s) => s !== empty);
    const self = targetIndex.get(commit);
    let set = parentSets.length === 0 ? empty : parentSets[0];
    if (parentSets.length > 1 || self !== undefined) {
      set = new Uint32Array(words);
      for (const s of parentSets) for (let w = 0; w < words; w++) set[w] |= s[w];
      if (self !== undefined) set[self >>> 5] |= 1 << (self & 31);
    }
    sets.set(commit, set);
  }
  const out = new Map<string, Set<number>>();
  for (const tip of tips) {
    const set = sets.get(tip) ?? empty;
    const members = new Set<number>();
    for (let i = 0; i < targets.length; i++) if (set[i >>> 5] & (1 << (i & 31))) members.add(i);
    out.set(tip, members);
  }
  return out;
}
