/**
 * An index a migration replaces: a drop_index followed, in the same up, by an add_index of the same name, or on the
 * same table and columns (made unique, its columns changed). Done as written, the drop holds ACCESS EXCLUSIVE until
 * commit; done CONCURRENTLY one after the other, the table has neither index (nor the uniqueness) until the new one
 * is valid. So the pair is one hazard: index-without-concurrently reports it on the build, with the swap as its fix
 * (the new index built CONCURRENTLY beside the old one, under a temporary name when it takes the old one's, then the
 * old one dropped CONCURRENTLY and the new one renamed), and drop-index-without-concurrently leaves the drop to it.
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "./rule.js";
import { nameKey } from "./facts.js";
import { tableWithRows } from "./scope.js";
import { railsRemovedIndex } from "./rails-removed-index.js";
import { calleeOf } from "./python-call.js";

export interface IndexReplacement {
  /** the drop as the rule reads it (Rails' remove_index by column: the name of the index it finds) */
  drop: OperationOf<"drop_index">;
  dropIndex: number;
  create: OperationOf<"add_index">;
  createIndex: number;
  /** the name the old index had, which the new one takes */
  name: string;
  /** the table both are on */
  table: string;
  /** the new index takes the old one's name: it is built under `temporary`, then renamed */
  sameName: boolean;
  /** PostgreSQL's limit is 63 bytes: `<name>_new`, cut to fit */
  temporary: string;
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length > 0 && a.length === b.length && a.every((c, i) => nameKey(c) === nameKey(b[i]));

/** A call the per-framework swap can write in the framework's own terms (or SQL, which every framework runs). */
function writable(ctx: RuleContext, op: OperationOf<"add_index"> | OperationOf<"drop_index">): boolean {
  if (ctx.framework === "sql") return true;
  // SQL in a call: Alembic's op.execute runs the swap's SQL; Rails' execute and Django's RunSQL keep their two findings
  if (op.embeddedSql) return ctx.framework === "alembic";
  // the Python grammar only for a Python migration: a Rails one never loads it
  if (ctx.framework === "alembic") return !op.loop && /(?:^|\.)(create_index|drop_index)$/.test(calleeOf(op.text) ?? "");
  if (ctx.framework === "django") return op.ormModel !== undefined && /(?:^|\.)(AddIndex|RemoveIndex)$/.test(calleeOf(op.text) ?? "");
  return (op.frameworkCall === "add_index" || op.frameworkCall === "remove_index") && !op.text.trim().includes("\n");
}

/**
 * The build whose fix can be the swap: reported by index-without-concurrently as a plain build (not a hypertable's,
 * a partitioned table's, a materialized view's), whose call the swap can be written from.
 */
function swappable(ctx: RuleContext, op: OperationOf<"add_index">, index: number): boolean {
  if (op.concurrently || op.perChunk || !tableWithRows(ctx, op.table, index)) return false;
  if (ctx.repository.hypertable(op.table, index) || ctx.repository.partitions(op.table) || ctx.repository.relationKind(op.table, index) === "materialized_view") return false;
  return writable(ctx, op);
}

/**
 * Searched once per migration's rules (keyed on the facts all its rules share, for the migration, repository and
 * framework they were worked out with): two rules ask once per operation, and each search replays the up (issue #18).
 */
const replacementsOf = new WeakMap<RuleContext["facts"], { migration: RuleContext["migration"]; repository: RuleContext["repository"]; framework: RuleContext["framework"]; found: readonly IndexReplacement[] }>();

/** Every replacement in the migration's up, each drop and each build in one at most. */
export function indexReplacements(ctx: RuleContext): readonly IndexReplacement[] {
  const kept = replacementsOf.get(ctx.facts);
  if (kept && kept.migration === ctx.migration && kept.repository === ctx.repository && kept.framework === ctx.framework) return kept.found;
  const found = searchReplacements(ctx);
  replacementsOf.set(ctx.facts, { migration: ctx.migration, repository: ctx.repository, framework: ctx.framework, found });
  return found;
}

function searchReplacements(ctx: RuleContext): IndexReplacement[] {
  const up = ctx.migration.up;
  const out: IndexReplacement[] = [];
  const paired = new Set<number>();
  // a build with no drop before it replaces nothing: not asked whether it could be swapped (the history's questions
  // swappable asks cost more than the search, and most builds of a folder follow no drop)
  const firstDrop = up.findIndex((op) => op.kind === "drop_index" && !op.concurrently);
  if (firstDrop < 0) return out;
  up.forEach((create, createIndex) => {
    if (create.kind !== "add_index" || createIndex < firstDrop || !swappable(ctx, create, createIndex)) return;
    // the nearest drop before it that the build replaces
    for (let dropIndex = createIndex - 1; dropIndex >= 0; dropIndex--) {
      const written = up[dropIndex];
      if (written.kind !== "drop_index" || written.concurrently || paired.has(dropIndex) || !writable(ctx, written)) continue;
      const drop = railsRemovedIndex(ctx, written);
      if (drop.names.length !== 1) continue;
      const name = drop.names[0];
      const sameName = create.name !== undefined && nameKey(create.name.split(".").pop()!) === nameKey(name.split(".").pop()!);
      const columns = drop.columns.length ? drop.columns : (ctx.repository.indexDefinition(name)?.columns ?? []);
      if (!sameName && !sameColumns(columns, create.columns)) continue;
      // the table last, for a drop of the build's name or columns: the walk goes backwards through the up, and each
      // earlier place asked replays this migration's index moves from its start again (indexTable)
      const table = drop.table ?? ctx.repository.indexTable(name, dropIndex);
      // an index's name is its schema's alone: one of the same name is the one replaced, whatever table migguard knows it on
      if (table ? nameKey(table.split(".").pop()!) !== nameKey(create.table.split(".").pop()!) : !sameName) continue;
      const bare = name.split(".").pop()!;
      paired.add(dropIndex);
      out.push({ drop, dropIndex, create, createIndex, name, table: create.table, sameName, temporary: `${Buffer.from(bare).subarray(0, 59).toString().replace(/\uFFFD$/, "")}_new` });
      return;
    }
  });
  return out;
}

/** The replacement `create` (at `index` in the up) makes, if any. */
export const replacementBy = (ctx: RuleContext, index: number): IndexReplacement | undefined => indexReplacements(ctx).find((r) => r.createIndex === index);

/** Whether the drop at `index` in the up is part of a replacement (its finding is the build's). */
export const replacedLater = (ctx: RuleContext, index: number): boolean => indexReplacements(ctx).some((r) => r.dropIndex === index);
