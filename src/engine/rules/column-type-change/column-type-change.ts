import { defineRule, type RuleContext } from "../support/rule.js";
import { columnAtHead, type ColumnAtHead } from "../support/column-at-head.js";
import type { OperationOf } from "../../model.js";
import { railsType } from "../support/rails-fix.js";
import { commentMarker, fixFor, ident, sqlString, sym } from "../support/fix.js";
import { renderFix } from "../support/fix-steps.js";
import { mayRunUnderOwnRunner, stepsUnderRunnerTransaction } from "../support/own-runner.js";
import { swapSteps } from "./swap-steps.js";
import { swapPlans, type SwapPlan } from "./swap-plans.js";
import { nameKey } from "../support/facts.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { typeChangeAt } from "../support/type-change-at.js";
import { indexesRebuilt } from "./indexes-rebuilt.js";
import { foldingStepsUnderRewrite } from "../support/table-rewrite.js";
import { alembicCode } from "../support/alembic-code.js";

export default defineRule({
  meta: {
    id: "column-type-change",
    fixReplacesOperation: true,
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "error",
    title: "Changing a column's type rewrites the table",
    why:
      "ALTER COLUMN ... TYPE rewrites every row and rebuilds every index of the table under an ACCESS EXCLUSIVE " +
      "lock: no reads or writes until it finishes. Only a few changes are metadata-only (raising a varchar limit, " +
      "varchar -> text, numeric precision at the same scale).",
    postgres:
      "timestamp <-> timestamptz (without USING, or USING the column itself) rewrites no row on PostgreSQL 12+ when the session " +
      "TimeZone is UTC (a SET TIME ZONE in the migration, or Rails' connection, which sets UTC) and the new type has no precision or " +
      "precision 6; the column's indexes are still rebuilt. A precision below 6 (timestamp(3) -> timestamptz(3)) rounds every " +
      "converted value and rewrites the table in any TimeZone",
  },
  check(given) {
    // the index builds, scans and checks the same transaction then runs on the table under this rewrite's lock: named in its finding
    const ctx = foldingStepsUnderRewrite(given);
    const swaps: Swap[] = [];
    for (const { op: written, index } of upOps(ctx, "alter_column_type")) {
      if (!tableWithRows(ctx, written.table, index)) continue;
      // a Django field class the project defines: its column type through its bases, or unknown (not its name's guess)
      const change = typeChangeAt(ctx, written, index);
      if (!change) continue;
      const { type, cost } = change;
      const op = type === written.type ? written : { ...written, type };
      if (cost.rewrite === false) {
        if (cost.rebuildsIndexes) {
          const rebuilt = indexesRebuilt(ctx, op.table, op.column);
          ctx.report({
            op: written,
            severity: "info",
            message:
              rebuilt === "unknown"
                ? `${cost.reason}, but any index on ${op.table}.${op.column} is rebuilt while the table is locked (ACCESS EXCLUSIVE).`
                : `${cost.reason}, but ${rebuilt.length === 1 ? `its index ${rebuilt[0]} on ${op.table}.${op.column} is` : `its indexes ${rebuilt.join(", ")} on ${op.table}.${op.column} are`} rebuilt while the table is locked (ACCESS EXCLUSIVE).`,
            fix: fixFor(ctx.framework, {
              sql: `-- if ${op.column} is indexed on a large table: build the index again CONCURRENTLY under a new name first,\n-- then drop the old one, so the type change has no index to rebuild`,
              rails: () => `# if ${op.column} is indexed on a large table: add the index again under a new name with algorithm: :concurrently first,\n# then remove the old one, so the type change has no index to rebuild`,
              django: () => `# if ${op.column} is indexed on a large table: add the index again under a new name with AddIndexConcurrently first,\n# then remove the old one, so the type change has no index to rebuild`,
              alembic: () => `# if ${op.column} is indexed on a large table: create the index again under a new name with postgresql_concurrently=True first,\n# then drop the old one, so the type change has no index to rebuild`,
            }),
          });
        }
        continue;
      }
      const t = ident(op.table);
      const c = ident(op.column);
      // the column was added earlier in this migration: it holds no data yet, so it can simply be added with its final type
      const added = ctx.migration.up
        .slice(0, index)
        .find((o) => o.kind === "add_column" && nameKey(o.table) === nameKey(op.table) && nameKey(o.column.name) === nameKey(op.column));
      if (added && cost.rewrite === true) {
        ctx.report({
          op: written,
          message: `Changing ${op.table}.${op.column} to ${op.type.text} rewrites the whole table under an ACCESS EXCLUSIVE lock, although the column was only added on line ${added.loc.line}: add it as ${op.type.text} there instead.`,
          fix: fixFor(ctx.framework, {
            sql: `-- on line ${added.loc.line}, instead of adding it and changing its type:\nALTER TABLE ${t} ADD COLUMN ${c} ${op.type.text};`,
            rails: () => `# on line ${added.loc.line}, instead of adding it and changing its type:\nadd_column ${sym(op.table)}, ${sym(op.column)}, ${railsType(op.type)}`,
            django: () => `# give the AddField on line ${added.loc.line} the final field (${op.type.text}) and drop this AlterField`,
            alembic: () => `# give the op.add_column on line ${added.loc.line} the final type (${op.type.text}) and drop this op.alter_column`,
          }),
        });
        continue;
      }
      if (change.unknownFromClass && cost.rewrite === "unknown") {
        // no rewrite claimed, no swap: the package's class may store the new type already (a MarkupField is text)
        ctx.report({
          op: written,
          severity: "info",
          message: `Changing ${op.table}.${op.column} to ${op.type.text}: its previous field class ${change.unknownFromClass} is not Django's and the project files do not define it, so its column type is unknown; ${cost.reason}.`,
          fix: [
            `# ${change.unknownFromClass}'s column type decides: read it where the migration runs`,
            `#   SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = ${sqlString(op.table)}::regclass AND attname = ${sqlString(op.column)};`,
            `# already ${op.type.text} (or a type this changes in the catalog alone): the AlterField changes Django's state only; keep it as written.`,
            `# another type on a large table: the change rewrites ${op.table} under ACCESS EXCLUSIVE; convert it with a new column kept in step by a trigger instead.`,
          ].join("\n"),
        });
        continue;
      }
      const modelKey = modelPrimaryKey(ctx, op);
      if (modelKey) {
        ctx.report({
          op: written,
          severity: cost.rewrite === "unknown" ? "warning" : undefined,
          message: `Changing ${op.table}.${op.column} to ${op.type.text} takes an ACCESS EXCLUSIVE lock; ${cost.reason}. ${op.column} is part of ${op.table}'s primary key (${modelKey} declares it primary_key=True), which the migrations do not show: no column swap is offered.`,
          fix: [
            `# no expand/contract for ${op.table}.${op.column}: it is part of the primary key (${modelKey}), and a swap ends with DROP COLUMN, which`,
            `# drops the key with it; rebuilding it (a unique index built CONCURRENTLY over the new column and the key's other columns,`,
            `# the FOREIGN KEYs that reference it dropped and added back) needs the key's definition, which the migrations do not show.`,
            `# On a small table keep the change as written; on a large one, plan the key's rebuild from \\d ${op.table}.`,
          ].join("\n"),
        });
        continue;
      }
      swaps.push({ written, op, message: `Changing ${op.table}.${op.column} to ${op.type.text} takes an ACCESS EXCLUSIVE lock; ${cost.reason}.`, warning: cost.rewrite === "unknown", reason: cost.reason });
    }
    reportSwaps(ctx, swaps);
  },
});

type AlterColumnType = OperationOf<"alter_column_type">;

interface Swap {
  written: OperationOf<"alter_column_type">;
  /** with the type a Django field class resolves to */
  op: OperationOf<"alter_column_type">;
  message: string;
  warning: boolean;
  /** why it rewrites, or on what that depends */
  reason: string;
}

/**
 * Each type change that rewrites the table gets a swap. A key and the columns that reference it, and columns whose
 * type the migration then drops or renames, are converted in one plan (swap-plans.ts): on the first of them the
 * migration changes, and the others' findings point to it, so no fix converts one of them alone.
 */
function reportSwaps(ctx: RuleContext, swaps: readonly Swap[]): void {
  const plans = swapPlans(ctx, swaps.map((s) => s.op));
  const comment = commentMarker(ctx.framework);
  // where each column of a plan is at the head of the history, asked once per plan
  const headsOf = new Map<SwapPlan, ColumnAtHead[]>();
  const headsFor = (plan: SwapPlan) => headsOf.get(plan) ?? headsOf.set(plan, plan.members.map((m) => columnAtHead(ctx, m.table, m.column, ctx.migration.up.indexOf(m)))).get(plan)!;
  for (const swap of swaps) {
    const plan = plans.find((p) => p.members.includes(swap.op))!;
    const holder = swaps.find((s) => plan.members.includes(s.op))!;
    const kept = keptAsWritten(plan, headsFor(plan));
    if (holder !== swap && kept.has(swap.op)) {
      // one statement changes it with columns the holder's fix swaps: that fix keeps this one's change as written
      // (keptAsWritten keeps only the columns whose head is gone: a later migration drops them)
      const ownHead = headsFor(plan)[plan.members.indexOf(swap.op)] as Extract<ColumnAtHead, { gone: string }>;
      ctx.report({ op: swap.written, severity: swap.warning ? "warning" : undefined, message: `${swap.message} The fix of line ${holder.written.loc.line}, which takes this statement's place, keeps this change as written: a later migration already changed it (${ownHead.gone}), so no swap at the head of the history could convert it.`, fix: `-- ${at(swap.op)} keeps its change as written in the fix of line ${holder.written.loc.line}` });
      continue;
    }
    if (holder !== swap) {
      // this operation's place holds nothing: the plan in the fix of the holder's line converts it
      const withWhat = convertedWith(plan, swap.op, kept);
      ctx.report({ op: swap.written, severity: swap.warning ? "warning" : undefined, message: `${swap.message} It is converted with ${withWhat} in the fix of line ${holder.written.loc.line}.`, fix: `${comment} ${at(swap.op)} is converted with ${withWhat} in the fix of line ${holder.written.loc.line}` });
      continue;
    }
    // every column of the plan dropped by a later migration: no swap at the head of the history, where they are gone.
    // One a later migration renames (or its table): the swap's trigger, fill and DROP COLUMN would have to follow the
    // new names across its steps, which it does not, so no swap either rather than one that fails at the head
    const heads = headsFor(plan);
    const renamed = heads.flatMap((h) => ("renames" in h ? h.renames : []));
    if (heads.every((g) => "gone" in g) || renamed.length) {
      const why = [...heads.flatMap((g) => ("gone" in g ? [g.gone] : [])), ...renamed].join("; ");
      ctx.report({
        op: swap.written,
        severity: swap.warning ? "warning" : undefined,
        message: `${swap.message}${together(plan)}`,
        fix: renamed.length
          ? `${comment} no swap: a later migration renames what it converts (${why}), and the swap's steps after this migration (the fill, the DROP COLUMN) would run at the head of the history, where the old names are gone.\n${comment} The rewrite stays as written: run this migration when ${swap.op.table} can be locked for its length.`
          : `${comment} no follow-up migration: a later migration already changed it (${why}), so a swap added at the head of the history would find no column to convert.\n${comment} The rewrite stays as written: run this migration when ${swap.op.table} can be locked for its length.`,
      });
      continue;
    }
    const swapped = plan.members.filter((m) => !kept.has(m));
    const swapSet = swapSteps(ctx, swapped, swapped.length > 1 ? jointHeading(plan, swapped) : [], plan.unknown);
    // the statement's other changes the swap leaves: written again in its place, as the migration wrote them
    const steps = kept.size ? { ...swapSet, inPlace: [...[...kept].flatMap((m) => [`-- ${at(m)} as written: a later migration drops it (the message says where), so no swap at the head of the history could convert it`, keptSql(m)]), swapSet.inPlace].join("\n") } : swapSet;
    // the old type unknown: the swap is for the case the change rewrites; the other leaves the table file as it is
    const withWarning = (swapFix: string) => (swap.warning ? `${comment} only if ${at(swap.op)} is not already of a type this changes in the catalog alone (the migrations do not show its type; ${swap.reason}):\n${swapFix}` : swapFix);
    // the project's own migrator may run the files in a transaction (own-runner.ts): then the fill by hand
    const underRunner = mayRunUnderOwnRunner(ctx, swap.written)
      ? (runner: string) => {
          const inTransaction = stepsUnderRunnerTransaction(steps, runner);
          return inTransaction && withWarning(renderFix(ctx, inTransaction));
        }
      : undefined;
    ctx.report({ op: swap.written, severity: swap.warning ? "warning" : undefined, message: `${swap.message}${together(plan, kept)}`, fix: withWarning(renderFix(ctx, steps)), ...(underRunner ? { fixUnderRunnerTransaction: underRunner } : {}) });
  }
}

/**
 * The columns a plan joined by one statement leaves as written: those a later migration drops, which a swap at the head
 * of the history would not find. None when every column is gone (then no swap at all) or the plan is not joined so.
 */
function keptAsWritten(plan: SwapPlan, heads: readonly ColumnAtHead[]): ReadonlySet<AlterColumnType> {
  if (!plan.sameStatement || heads.every((h) => "gone" in h)) return new Set();
  return new Set(plan.members.filter((_, i) => "gone" in heads[i]));
}

/** The type change of `op` as its own statement (the subcommand the migration wrote, kept). */
function keptSql(op: AlterColumnType): string {
  return `ALTER TABLE ${ident(op.table)} ALTER COLUMN ${ident(op.column)} TYPE ${op.type.text}${op.using !== undefined ? ` USING ${op.using}` : ""};`;
}

const at = (op: OperationOf<"alter_column_type">) => `${op.table}.${op.column}`;
const linesText = (lines: readonly number[]) => `line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}`;

/** What `op` is converted with, for its finding's message and fix. */
function convertedWith(plan: SwapPlan, op: OperationOf<"alter_column_type">, kept: ReadonlySet<AlterColumnType>): string {
  const group = plan.keyGroups.find((g) => g.members.includes(op))!;
  const [key, ...referencing] = group.members;
  const byKey = group.members.length < 2 ? undefined : op === key ? `the columns that reference it (${referencing.map(at).join(", ")})` : `${at(key)}, the key it references,`;
  const others = plan.members.filter((m) => m !== op && !group.members.includes(m) && !kept.has(m)).map(at);
  if (!plan.sharedLines.length && plan.sameStatement && others.length) return `${byKey ? `${byKey} and ` : ""}${others.join(", ")} (the same statement changes them)`;
  if (!plan.sharedLines.length) return byKey!;
  return `${byKey ? `${byKey} and ` : ""}${others.join(", ")} (${linesText(plan.sharedLines)} of the migration, run once after the swap of them all, change${plan.sharedLines.length > 1 ? "" : "s"} the type each has until then)`;
}

/** What the holder's message adds when its plan converts more columns than its own. */
function together(plan: SwapPlan, kept: ReadonlySet<AlterColumnType> = new Set()): string {
  if (plan.members.length < 2) return "";
  const swapped = plan.members.filter((m) => !kept.has(m));
  const keys = plan.keyGroups.some((g) => g.members.length > 1) ? " A FOREIGN KEY holds only between columns of compatible types:" : "";
  const shared = plan.sharedLines.length ? ` ${linesText(plan.sharedLines)[0].toUpperCase()}${linesText(plan.sharedLines).slice(1)} of the migration change${plan.sharedLines.length > 1 ? "" : "s"} the type the others still have until their swap:` : "";
  const keeps = kept.size ? `; it keeps the change of ${[...kept].map(at).join(", ")} as written (a later migration already changed ${kept.size > 1 ? "them" : "it"})` : "";
  if (plan.sameStatement && !keys && !shared) {
    const [, ...rest] = plan.members;
    const converts = swapped.length > 1 ? `it converts ${swapped.map(at).join(", ")} together` : `it converts ${at(swapped[0])}`;
    return ` The same statement changes ${rest.map(at).join(", ")} too, and the fix takes its place: ${converts}${keeps}.`;
  }
  const converts = swapped.length > 1 ? `the fix converts ${at(swapped[0])} and ${swapped.slice(1).map(at).join(", ")} together` : `the fix converts ${at(swapped[0])}`;
  return `${keys}${shared} ${converts}${keeps}.`;
}

/**
 * What the joint plan converts and why: the lines of the comment that opens it. `members`: the plan's columns the swap
 * converts (not those it keeps as written: keptAsWritten).
 */
function jointHeading(plan: SwapPlan, members: readonly AlterColumnType[]): string[] {
  const keyed = plan.keyGroups.filter((g) => g.members.length > 1);
  if (!plan.sharedLines.length && plan.sameStatement && !keyed.length)
    return [
      `${members.map(at).join(", ")} converted together: one statement of the migration changes them all, and this takes its place.`,
      `A column of the new type beside each, kept converted by a trigger while the code writes the old one; each filled in batches; one swap exchanges them all:`,
    ];
  if (!plan.sharedLines.length) {
    // a column the key's statement changes besides (ALTER TABLE p ALTER COLUMN id .., ALTER COLUMN score ..) references nothing
    const inKeyGroups = new Set(keyed.flatMap((g) => g.members));
    const keyedMembers = members.filter((m) => inKeyGroups.has(m));
    const [key, ...referencing] = keyedMembers.length ? keyedMembers : members;
    const besides = keyedMembers.length ? members.filter((m) => !inKeyGroups.has(m)) : [];
    return [
      `${at(key)} and the columns that reference it (${referencing.map(at).join(", ")})${besides.length ? `, and ${besides.map(at).join(", ")}, which the same statement changes,` : ""} converted together:`,
      `a FOREIGN KEY holds only between columns of compatible types. A column of the new type beside each, kept converted by a trigger`,
      `while the code writes the old one; each filled in batches; one swap exchanges them all, the keys added back NOT VALID:`,
    ];
  }
  return [
    `${members.map(at).join(", ")} converted together: ${linesText(plan.sharedLines)} of the migration change${plan.sharedLines.length > 1 ? "" : "s"} the type each has until its swap,`,
    `so ${plan.sharedLines.length > 1 ? "they run" : "it runs"} once, after one swap exchanges them all${keyed.length ? " (a FOREIGN KEY holds only between columns of compatible types: the keys are added back NOT VALID)" : ""}.`,
    `A column of the new type beside each, kept converted by a trigger while the code writes the old one; each filled in batches:`,
  ];
}

/**
 * The application's SQLAlchemy model that declares an Alembic column primary_key=True ("models.py: Compose"), when the
 * migrations do not show the table's definition: the swap could not rebuild a key it does not know, and its DROP
 * COLUMN would take the key with it. A key the history shows is rebuilt by the swap (rebuilt-keys.ts).
 */
function modelPrimaryKey(ctx: RuleContext, op: OperationOf<"alter_column_type">): string | undefined {
  if (ctx.framework !== "alembic" || ctx.repository.grownTableDefinition(op.table)) return undefined;
  const read = alembicCode(ctx).read;
  if (!read.declaresPrimaryKey(op.table, op.column)) return undefined;
  const model = read.mapping(op.table).classes.find((c) => c.primaryKey.has(op.column)) ?? read.mapping(op.table).classes[0];
  return model ? `${model.path}: ${model.className}` : "its model";
}
