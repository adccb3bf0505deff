/**
 * downConventions answers "which siblings are just before" with a binary search over the folder's numbered versions:
 * it must agree with the definition (below), whatever mix of numbered and unnumbered migrations and repository
 * paths a folder holds.
 */
import { CONFIG_DEFAULTS } from "../config-defaults.js";
import { DOWN_HABIT_WINDOW, downConventionsOf, type ConventionSubject } from "../conventions.js";

type DownState = NonNullable<ConventionSubject["down"]>;

/**
 * The definition, sibling by sibling: the habit is read over the DOWN_HABIT_WINDOW siblings just before by version
 * (numbered ones, in version order), then unnumbered ones to fill the window; a subject without a version number
 * reads every other sibling. Fewer than 3 say nothing; under a full window every one must go without a down, a full
 * window needs HABIT_SHARE of them.
 */
function byDefinition(subjects: readonly ConventionSubject[]): Map<string, { kind: string; earlier: number }> {
  const out = new Map<string, { kind: string; earlier: number }>();
  const numbered = (v?: string) => v !== undefined && /^\d+$/.test(v);
  const withDowns = subjects.filter((s) => s.down);
  const inVersionOrder = withDowns.filter((s) => numbered(s.version)).sort((x, y) => (BigInt(x.version!) < BigInt(y.version!) ? -1 : BigInt(x.version!) > BigInt(y.version!) ? 1 : 0));
  for (const m of subjects) {
    let window: ConventionSubject[];
    if (!numbered(m.version)) window = withDowns.filter((s) => s.path !== m.path);
    else {
      const before = inVersionOrder.filter((s) => BigInt(s.version!) < BigInt(m.version!)).slice(-DOWN_HABIT_WINDOW);
      const fill = withDowns.filter((s) => !numbered(s.version) && s.path !== m.path).slice(0, DOWN_HABIT_WINDOW - before.length);
      window = [...before, ...fill];
    }
    const without = window.filter((s) => s.down !== "present").length;
    if (window.length < 3 || without < (window.length < DOWN_HABIT_WINDOW ? window.length : 0.6 * window.length)) continue;
    out.set(m.path, { kind: window.every((s) => s.down === "missing") ? "never" : "empty", earlier: window.length });
  }
  return out;
}

/** A deterministic pseudo-random folder: versions numbered (with ties and leading zeros) or not, downs of every state. */
function folder(seed: number, size: number): ConventionSubject[] {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  // half the folders have no written down at all, so habits show; the others have a few
  const downs: Array<DownState | undefined> = ["missing", "missing", "missing", "empty", undefined, ...(seed % 2 ? [] : ["present" as const])];
  return Array.from({ length: size }, (_, i) => {
    const kind = next(5);
    const version = kind === 0 ? undefined : kind === 1 ? `v${next(9)}` : String(next(40)).padStart(next(2) ? 6 : 1, "0");
    return { path: `db/migrations/${String(i).padStart(3, "0")}_m.up.sql`, layout: "plain-sql", version, down: downs[next(downs.length)] };
  });
}

it.each([1, 2, 3, 4, 5, 6, 7, 8])("agrees with the definition on folder %i", (seed) => {
  const subjects = folder(seed, 12 + seed * 7);
  const found = downConventionsOf(subjects, [], structuredClone(CONFIG_DEFAULTS));
  const got = new Map([...found].map(([s, c]) => [s.path, { kind: c.downs!.kind, earlier: c.downs!.earlier }]));
  expect(got).toEqual(byDefinition(subjects));
  if (seed % 2) expect(got.size).toBeGreaterThan(0); // a folder without a written down has habits to find
});

it("a review's own new migrations are nobody's sibling: the habit is the base's (changeAdds), and the other conventions leave them out too", () => {
  const subject = (n: number, down: DownState, declaredOneWay = false): ConventionSubject => ({ path: `db/migrations/${String(n).padStart(3, "0")}_m.up.sql`, layout: "plain-sql", version: String(n), down, ...(declaredOneWay ? { declaredOneWay } : {}) });
  const base = [1, 2, 3, 4].map((n) => subject(n, "present"));
  const change = [5, 6, 7, 8, 9, 10].map((n) => subject(n, "empty", true));
  const config = structuredClone(CONFIG_DEFAULTS);
  // read with the rest as siblings, the change's own downs raising on purpose pass for the folder's policy
  expect(downConventionsOf([...base, ...change], [], config).get(change[5])?.oneWay).toMatchObject({ declared: 5 });
  const reviewed = downConventionsOf(change, [], config, base, new Set(change.map((s) => s.path)));
  expect([...reviewed.values()].flatMap((c) => [c.downs, c.oneWay].filter(Boolean))).toEqual([]);
  // the reverse: a base that leaves its downs empty keeps that habit whatever the change writes
  const emptyBase = [1, 2, 3, 4].map((n) => subject(n, "empty"));
  const written = [subject(5, "present"), subject(6, "present"), subject(7, "empty")];
  expect(downConventionsOf(written, [], config, emptyBase)?.get(written[2])?.downs).toBeUndefined();
  expect(downConventionsOf(written, [], config, emptyBase, new Set(written.map((s) => s.path))).get(written[2])?.downs).toMatchObject({ kind: "empty", earlier: 4, without: 4 });
});
