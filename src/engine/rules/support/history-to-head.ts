/**
 * The steps from a statement to the end of its folder's history, and how a table's name changes along them: what a
 * fix's new migration, which goes after the newest migration of the folder (next-migration.ts), finds there
 * (column-at-head.ts, constraint-at-head.ts).
 */
import type { Migration, Operation } from "../../model.js";
import type { RuleContext } from "./rule.js";
import { commentMarker } from "./fix.js";
import { countBelow } from "../../sorted-numbers.js";

/** A migration and the later ones of its folder (a rule's context, or a migration with the repository as a fix's place). */
export type HistoryFrom = { migration: Migration; repository: { readonly laterInFolder: readonly Migration[] } };

/** The steps that can move or remove a table, column or constraint: the only ones column-at-head.ts and constraint-at-head.ts follow. */
const MOVES_OR_DROPS: ReadonlySet<Operation["kind"]> = new Set<Operation["kind"]>(["rename_table", "drop_table", "rename_column", "drop_column", "drop_constraint", "rename_object"]);
const movesOrDrops = (op: Operation) => MOVES_OR_DROPS.has(op.kind);

/**
 * Each up's renames and drops, picked once per up: every finding with a follow-up walks the rest of its folder (one
 * per column of an index: lemmy's hundreds of later migrations, thousands of statements, for each), and nearly every
 * statement there is neither.
 */
const movesOrDropsOfUp = new WeakMap<readonly Operation[], readonly Operation[]>();
function movesOrDropsOf(up: readonly Operation[]): readonly Operation[] {
  let picked = movesOrDropsOfUp.get(up);
  if (!picked) movesOrDropsOfUp.set(up, (picked = up.filter(movesOrDrops)));
  return picked;
}

/**
 * Where in an up its renames and drops are, ascending, picked once per up: a migration of thousands of statements
 * asked for the rest of its own up once per column it follows.
 */
const movesOrDropsAtOfUp = new WeakMap<readonly Operation[], readonly number[]>();
function movesOrDropsAt(up: readonly Operation[]): readonly number[] {
  let places = movesOrDropsAtOfUp.get(up);
  if (!places) {
    const found: number[] = [];
    up.forEach((op, i) => {
      if (movesOrDrops(op)) found.push(i);
    });
    movesOrDropsAtOfUp.set(up, (places = found));
  }
  return places;
}

/**
 * The renames and drops of the rest of this migration's up after `up[index]`, then of the later migrations of its
 * folder, in order. `nextThatMatters(later, from)`, asked as the walk reaches `later[from]`, gives the position (at
 * `from` or after) of the next later migration whose steps can matter to the caller, leaving out those that name
 * none of the tables followed (later-migrations-index.ts finds it without walking them); undefined ends the walk.
 */
export function* stepsToHead(
  ctx: HistoryFrom,
  index: number,
  nextThatMatters: (later: readonly Migration[], from: number) => number | undefined = (later, from) => (from < later.length ? from : undefined),
): Generator<{ migration: Migration; op: Operation }> {
  const up = ctx.migration.up;
  const own = movesOrDropsAt(up);
  for (let k = countBelow(own, index + 1); k < own.length; k++) yield { migration: ctx.migration, op: up[own[k]] };
  const later = ctx.repository.laterInFolder;
  for (let at = nextThatMatters(later, 0); at !== undefined; at = nextThatMatters(later, at + 1)) {
    const migration = later[at];
    for (const op of movesOrDropsOf(migration.up)) yield { migration, op };
  }
}



/**
 * A fix's later migrations when what they change is gone at the head of the history (a later migration drops the
 * table, the column or the constraint): none, since each would fail there, and a comment in their place that names
 * the migration that drops it. Every rule whose follow-up goes at the head (set-not-null, column-type-change,
 * constraint-without-not-valid) ends its fix through this, after following the names with column-at-head.ts or
 * constraint-at-head.ts.
 */
export function withoutGoneFollowUp<T extends { inPlace: string; steps: readonly unknown[] }>(fix: T, head: { gone: string } | object, framework: RuleContext["framework"], what: string): T {
  if (!("gone" in head)) return fix;
  const comment = commentMarker(framework);
  return { ...fix, inPlace: `${fix.inPlace}\n${comment} no migration ${what}: later, ${head.gone}, so it is not there at the head of the history, where a new migration would run`, steps: [] };
}
