/**
 * The columns each swap plan converts. A key and the columns that reference it go together (key-group.ts). So do
 * columns whose swaps would run the same statements of the migration after them (type-swap-renames.ts): Prisma's
 * enum-to-text change of two columns then `DROP TYPE "Currency" CASCADE` (ghostfolio 20210921151004). Each swap
 * running it alone would drop, with the CASCADE, the other column still of the type (its data lost, its own swap
 * failing), and an enum swap's DROP TYPE of the old enum would fail while another column has it. One plan converts
 * them all and runs those statements once, after its swap.
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { keyGroup, keyRoot, type KeyGroup } from "./key-group.js";
import { typeSwapRenamesOf } from "./type-swap-renames.js";

type AlterColumnType = OperationOf<"alter_column_type">;

export interface SwapPlan extends KeyGroup {
  /** the FOREIGN KEY groups joined in it, each the key first */
  keyGroups: KeyGroup[];
  /** the migration's lines two or more of its groups move after the swap (what joined them) */
  sharedLines: number[];
}

interface Joining extends SwapPlan {
  /** every line its columns' swaps move */
  lines: Set<number>;
}

/** `later` joined into `earlier`, which `shared` lines both move. */
const join = (earlier: Joining, later: Joining, shared: readonly number[]): Joining => ({
  members: [...earlier.members, ...later.members.filter((m) => !earlier.members.includes(m))],
  unknown: [...earlier.unknown, ...later.unknown],
  keyGroups: [...earlier.keyGroups, ...later.keyGroups],
  sharedLines: [...new Set([...earlier.sharedLines, ...later.sharedLines, ...shared])].sort((a, b) => a - b),
  lines: new Set([...earlier.lines, ...later.lines]),
});

/** The plans for the type changes `changed` that rewrite their tables. */
export function swapPlans(ctx: RuleContext, changed: readonly AlterColumnType[]): SwapPlan[] {
  const byRoot = new Map<AlterColumnType, KeyGroup>();
  for (const op of changed) {
    const root = keyRoot(ctx, op, changed);
    if (!byRoot.has(root)) byRoot.set(root, keyGroup(ctx, root, changed));
  }
  let plans: Joining[] = [];
  for (const group of byRoot.values()) {
    let plan: Joining = { ...group, keyGroups: [group], sharedLines: [], lines: new Set(group.members.flatMap((m) => typeSwapRenamesOf(ctx.migration.up, m)?.lines ?? [])) };
    for (const other of plans) {
      const shared = [...plan.lines].filter((l) => other.lines.has(l));
      // a column two groups hold (a key reached through a column the migration does not change) joins them too:
      // dropping either plan would leave its other columns in none
      if (shared.length || other.members.some((m) => plan.members.includes(m))) plan = join(other, plan, shared);
    }
    plans = [...plans.filter((p) => !p.members.some((m) => plan.members.includes(m))), plan];
  }
  return plans.map(({ lines: _lines, ...plan }) => plan);
}
