/**
 * Which of the searched names the lines a finding cites were found by, for its message: a many-to-many field's join
 * table is searched by the table, the field and its reverse accessor, and galaxy_ng's finding on galaxy_team_users
 * cited a line that names only `teams` (User's reverse accessor of Team.users), not the dropped field `users`. The
 * message names what it matched, and what that name is to the dropped object when it is not the object's own name.
 */
import type { Usage } from "../../../code/usage-search.js";
import type { UsageTarget } from "../../../code/usage-targets.js";

/** `path:line` of a usage: the key the search's matches are recorded under. */
export const usageKey = (usage: Pick<Usage, "path" | "line">): string => `${usage.path}:${usage.line}`;

/** What a searched name is to the target, when it is not the dropped or renamed name itself. */
function gloss(target: UsageTarget, name: string): string {
  const field = target.ormModel && target.ormField ? `${target.ormModel}.${target.ormField}` : target.ormField;
  if (name === target.reverseAccessor && field) return `${name} (the reverse accessor of ${field})`;
  if (target.kind === "drop_table" && name === target.ormField && field) return `${name} (the many-to-many field ${field})`;
  if (target.column !== undefined && name !== target.column && name === target.ormField) return `${name} (the field of ${target.column})`;
  if (target.column !== undefined && name !== target.column && name !== target.ormField && target.column === `${name}_id`) return `${name} (the association of ${target.column})`;
  return name;
}

/**
 * The names the given usages were found by (`found`: usage key -> names), in the target's order of identifiers,
 * each glossed; all of the target's identifiers when the search recorded none for them.
 */
export function matchedNames(target: UsageTarget, usages: readonly Usage[], found: ReadonlyMap<string, ReadonlySet<string>>): string {
  const names = new Set(usages.flatMap((u) => [...(found.get(usageKey(u)) ?? [])]));
  const matched = target.identifiers.filter((id) => names.has(id));
  return (matched.length ? matched : target.identifiers).map((name) => gloss(target, name)).join(" / ");
}
