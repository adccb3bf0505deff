/**
 * Renames of one table's columns in one migration that pass names along (prison-visits-2's slot_option_1 to
 * slot_option_0, slot_option_2 to slot_option_1, slot_option_3 to slot_option_2), or swap them. A rename whose new
 * name is the column another of them renames is blocked by it: under either naming, old and new code read that name
 * with different values, so the expand of each cannot run beside the others (its add_column finds the column there).
 * The renames go one after another, each its own release, the first being the one whose new name is free; a swap has
 * no such first one.
 */
import type { Migration, Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import { renamedToFinalName, renamesCarryingNewName, renamesNameGivenEarlier } from "../support/renamed-within-migration.js";

type RenameColumn = OperationOf<"rename_column">;

export interface RenamesChain {
  /** the renames in the order they can be done (each to the name the migration ends with); for a swap, as written */
  links: RenameColumn[];
  /** where `op` is in `links` */
  position: number;
  /** no order frees a name: the renames swap names */
  cycle: boolean;
}

/**
 * The renames of `table`'s columns in the migration, each to the name the migration ends with, found once per
 * migration and table: every rename of a migration of hundreds asks, and each answer reads the whole up again.
 */
const linksByUp = new WeakMap<readonly Operation[], Map<string, RenameColumn[]>>();
function renameLinks(migration: Pick<Migration, "up">, table: string): RenameColumn[] {
  let byTable = linksByUp.get(migration.up);
  if (!byTable) linksByUp.set(migration.up, (byTable = new Map()));
  const key = nameKey(table);
  let links = byTable.get(key);
  if (!links)
    byTable.set(
      key,
      (links = migration.up.flatMap((o, i) =>
        o.kind === "rename_column" && nameKey(o.table) === key && !renamesNameGivenEarlier(migration, o, i) ? [renamedToFinalName(o, renamesCarryingNewName(migration, o, i))] : [],
      )),
    );
  return links;
}

/** The chain of renames `up[index]` is part of, or undefined when its new name is no other rename's column and none waits for its own. */
export function renamesChain(migration: Pick<Migration, "up">, op: RenameColumn, index: number): RenamesChain | undefined {
  const links = renameLinks(migration, op.table);
  const self = links.find((l) => l.loc.line === op.loc.line && nameKey(l.column) === nameKey(op.column));
  if (!self || index < 0) return undefined;
  const blocker = (l: RenameColumn) => links.find((o) => o !== l && nameKey(o.column) === nameKey(l.newName));
  const blocked = (l: RenameColumn) => links.find((o) => o !== l && nameKey(o.newName) === nameKey(l.column));
  // back to the rename whose new name is free, then on to the ones waiting for it
  const before: RenameColumn[] = [];
  for (let b = blocker(self); b; b = blocker(b)) {
    if (b === self || before.includes(b)) {
      const links = [self, ...before].sort((x, y) => x.loc.line - y.loc.line);
      return { links, position: links.indexOf(self), cycle: true };
    }
    before.push(b);
  }
  const after: RenameColumn[] = [];
  for (let a = blocked(self); a && !after.includes(a); a = blocked(a)) after.push(a);
  if (!before.length && !after.length) return undefined;
  return { links: [...before.reverse(), self, ...after], position: before.length, cycle: false };
}

/** The comment lines of the fix of `chain.links[chain.position]`; `comment` is the framework's comment marker, `railsModel` the Rails model whose ignored_columns step 1 fills. */
export function renamesChainNote(chain: RenamesChain, comment: string, railsModel?: string): string[] {
  const link = (l: RenameColumn) => `${l.column} -> ${l.newName}`;
  const all = chain.links.map(link).join(", ");
  const table = chain.links[0].table;
  if (chain.cycle)
    return [
      `${comment} the renames of ${table} in this migration swap names: ${all}.`,
      `${comment} No order frees a name, so no expand step can add one beside the column of the running code. Keep them as written and`,
      `${comment} deploy them with the code that uses the new names (the old code fails meanwhile), or break the cycle: first move one`,
      `${comment} column to a name no code uses, each step its own release`,
    ];
  const plan = chain.links.map((l, i) => `${comment}   ${i + 1}. ${link(l)}: expand ${l.newName}, switch the code to it, then drop ${l.column}`);
  const lines = [
    `${comment} the renames of ${table} in this migration pass names along: ${all}.`,
    `${comment} Each new name but the first is a column the running code uses with other values, so old and new code cannot share the`,
    `${comment} table under either naming, and the expand steps of these renames collide if applied together (add_column finds the`,
    `${comment} column there). Do them one after another, each its own release:`,
    ...plan,
  ];
  if (chain.position === 0) return [...lines, `${comment} This is step 1: its expand goes here, in place of the rename.`];
  const previous = chain.links[chain.position - 1];
  return [
    ...lines,
    `${comment} This is step ${chain.position + 1}: take the rename out of this migration; the expand below goes in a new migration after the one`,
    `${comment} that drops ${previous.column} (step ${chain.position}, line ${previous.loc.line}'s fix)${railsModel ? `, with ${previous.column} taken out of ${railsModel}'s ignored_columns again` : ""}`,
  ];
}
