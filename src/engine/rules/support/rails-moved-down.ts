/**
 * The downs of a Rails split. Rails rolls a split back one migration at a time, newest first: each new migration
 * needs a `def down` that undoes exactly its own up, and migration 1's keeps only what undoes what it still does
 * (fat_free_crm's authlogic_to_devise: renames moved to migration 3, their reverse left in migration 1's down, so
 * the rollback stopped at migration 3, which had none, and migration 1's then renamed columns it never created).
 *
 * The written down's statements go to the part whose up statement they undo (`undoes`), its data statements (the
 * values copied back before a column is dropped again) to the data migration; an up statement of a new part that
 * the written down does not undo (an index its dropped column took with it) gets its inverse (rails-inverse.ts).
 * In each new part, the undoing runs in the reverse order of its up.
 */
import type { Migration, Operation, SourceRange } from "../../model.js";
import { rubyReaders } from "../../adapters/rails/ruby-readers.js";
import { railsInverseSteps, railsStatements } from "./rails-inverse.js";
import type { InverseSource, InverseStep } from "./sql-inverse.js";
import { nameKey } from "./facts.js";
import { undoes } from "./undoes.js";

export interface RailsSplitDowns {
  /** per part asked, the statements of its `def down` (empty when its up changes nothing a down must take back) */
  downs: string[][];
  /** whether the part's written down holds a data statement (the data part then needs no word on the values it overwrote) */
  undoesData: boolean[];
  /** the lines migration 1's down loses */
  lines: SourceRange[];
}

const isData = (op: Operation) => op.kind === "dml" || op.kind === "data_migration";
const within = (op: Operation, r: SourceRange) => op.loc.line >= r.line && op.loc.endLine <= r.endLine;

/** Whether the migration's down is written by hand in its own file (`def down` / `def self.down`). */
export const writtenRailsDown = (migration: Migration): boolean =>
  migration.framework === "rails" && migration.source !== undefined && migration.down.status === "present" && !migration.down.derived && migration.down.path === undefined;

/**
 * The downs of `parts` (the operations of each new migration, in up order) and what migration 1's down loses;
 * undefined when a statement of the written down undoes operations of two migrations, or reads a local another
 * statement binds, so that it cannot be divided.
 */
export function railsSplitDowns(migration: Migration, parts: ReadonlyArray<readonly Operation[]>, repository: InverseSource | undefined): RailsSplitDowns | undefined {
  if (!writtenRailsDown(migration) || migration.down.status !== "present") return undefined;
  const downOps = migration.down.ops;
  const statements = rubyReaders().rubyMethodStatements(migration.source!, "down");
  if (!statements) return undefined;
  const partOf = (op: Operation) => parts.findIndex((p) => p.includes(op));
  const dataPart = parts.findIndex((p) => p.some(isData));
  // each down operation, matched to the up operation it undoes (each up operation undone once)
  const undone = new Map<Operation, Operation>();
  for (const d of downOps) {
    const up = migration.up.find((u) => ![...undone.values()].includes(u) && undoes(u, d));
    if (up) undone.set(d, up);
  }
  // where each written statement goes: -1 stays in migration 1
  const target = statements.map((s) => {
    const held = downOps.filter((d) => within(d, s.range));
    const parts = new Set(held.map((d) => (isData(d) ? dataPart : undone.has(d) ? partOf(undone.get(d)!) : -1)));
    return parts.size === 1 ? [...parts][0] : parts.size === 0 ? -1 : undefined;
  });
  if (target.some((t) => t === undefined)) return undefined;
  // a moved statement reading a local another statement binds would read it unbound
  for (const [i, s] of statements.entries())
    if (target[i] !== -1 && s.reads.some((n) => statements.some((o, j) => j !== i && target[j] !== target[i] && o.binds.includes(n)))) return undefined;
  const created = new Set(migration.up.flatMap((op) => (op.kind === "create_table" && !op.temporary ? [nameKey(op.table)] : [])));
  const downs = parts.map((ops, p) => {
    const mine = statements.filter((_, i) => target[i] === p);
    const used = new Set<number>();
    const steps: InverseStep[] = [];
    for (const op of [...ops].reverse()) {
      if (isData(op)) continue;
      const written = mine.findIndex((s, i) => !used.has(i) && downOps.some((d) => within(d, s.range) && undone.get(d) === op));
      if (written >= 0) {
        used.add(written);
        steps.push({ kind: "code", text: mine[written].text });
      } else steps.push(...(railsInverseSteps(op, migration.up.indexOf(op), created, repository, migration.up) ?? []));
    }
    // the data statements (and any other written for this part) after the schema is back, as written
    for (const [i, s] of mine.entries()) if (!used.has(i)) steps.push({ kind: "code", text: s.text });
    return railsStatements(steps);
  });
  const undoesData = parts.map((_, p) => statements.some((s, i) => target[i] === p && downOps.some((d) => within(d, s.range) && isData(d))));
  return { downs, undoesData, lines: statements.filter((_, i) => target[i] !== -1).map((s) => s.range) };
}
