/**
 * The columns each swap plan converts. A key and the columns that reference it go together (key-group.ts). So do
 * columns whose swaps would run the same statements of the migration after them (type-swap-renames.ts): Prisma's
 * enum-to-text change of two columns then `DROP TYPE "Currency" CASCADE` (ghostfolio 20210921151004). Each swap
 * running it alone would drop, with the CASCADE, the other column still of the type (its data lost, its own swap
 * failing), and an enum swap's DROP TYPE of the old enum would fail while another column has it. One plan converts
 * them all and runs those statements once, after its swap. So do the columns one SQL statement changes (blnk 1723454727:
 * one ALTER TABLE retypes balance, credit_balance, debit_balance): the fix takes that statement's place, so a plan
 * converting one of them would drop the others' change.
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { keyGroup, keyRoot, type KeyGroup } from "./key-group.js";
import { oldTypeOf, typeSwapRenamesOf } from "./type-swap-renames.js";
import { statementKey } from "../support/statement-key.js";

type AlterColumnType = OperationOf<"alter_column_type">;

export interface SwapPlan extends KeyGroup {
  /** the FOREIGN KEY groups joined in it, each the key first */
  keyGroups: KeyGroup[];
  /** the migration's lines two or more of its groups move after the swap (what joined them) */
  sharedLines: number[];
  /** one statement of the migration changes two or more of its groups (ALTER TABLE t ALTER COLUMN a TYPE .., ALTER COLUMN b TYPE ..) */
  sameStatement?: boolean;
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
  ...(earlier.sameStatement || later.sameStatement ? { sameStatement: true } : {}),
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
    let plan: Joining = { ...group, keyGroups: [group], sharedLines: [], lines: new Set(group.members.flatMap((m) => typeSwapRenamesOf(ctx.migration.up, m, oldTypeOf(ctx, m), ctx.framework === "alembic")?.lines ?? [])) };
    for (const other of plans) {
      const shared = [...plan.lines].filter((l) => other.lines.has(l));
      // a column two groups hold (a key reached through a column the migration does not change) joins them too:
      // dropping either plan would leave its other columns in none
      if (shared.length || other.members.some((m) => plan.members.includes(m))) plan = join(other, plan, shared);
    }
    plans = [...plans.filter((p) => !p.members.some((m) => plan.members.includes(m))), plan];
  }
  // SQL: a statement's subcommands are operations of their own; Rails', Alembic's and Django's calls each change one column
  if (ctx.framework === "sql") plans = joinedByStatement(plans);
  return plans.map(({ lines: _lines, ...plan }) => plan);
}

/** `plans` with those whose columns one statement changes joined, in the order of their first plan. */
function joinedByStatement(plans: readonly Joining[]): Joining[] {
  const joined: Joining[] = [];
  for (const plan of plans) {
    const statements = new Set(plan.members.map(statementKey));
    const into = joined.findIndex((p) => p.members.some((m) => statements.has(statementKey(m))));
    if (into < 0) joined.push(plan);
    else joined[into] = { ...join(joined[into], plan, []), sameStatement: true };
  }
  return joined;
}
