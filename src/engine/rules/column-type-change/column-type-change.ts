import { defineRule, type RuleContext } from "../support/rule.js";
import type { OperationOf } from "../../model.js";
import { railsType } from "../support/rails-fix.js";
import { fixFor, ident, sym } from "../support/fix.js";
import { renderFix } from "../support/fix-steps.js";
import { swapSteps } from "./swap-steps.js";
import { keyGroup, keyRoot, type KeyGroup } from "./key-group.js";
import { nameKey } from "../support/facts.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { isUtcZone, typeChangeCost } from "../../types.js";
import { djangoFieldType } from "../support/django-field-type.js";

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
      "TimeZone is UTC (a SET TIME ZONE in the migration, or Rails' connection, which sets UTC); the column's indexes are still rebuilt",
  },
  check(ctx) {
    const swaps: Swap[] = [];
    for (const { op: written, index } of upOps(ctx, "alter_column_type")) {
      if (!tableWithRows(ctx, written.table, index)) continue;
      // a Django field class the project defines: its column type through its bases, or unknown (not its name's guess)
      const type = ctx.framework === "django" && written.ormFieldDef ? djangoFieldType(ctx, written.ormFieldDef, written.type, true) : written.type;
      if (!type) continue;
      const op = type === written.type ? written : { ...written, type };
      const cost = typeChangeCost(op.fromType ?? ctx.repository.columnType(op.table, op.column, index), op.type, op.using !== undefined, {
        utcSession: isUtcZone(ctx.facts.timeZoneAt(index)),
        usingIsColumn: op.using !== undefined && nameKey(op.using.trim()) === nameKey(op.column),
        postgresVersion: ctx.postgresVersion,
      });
      if (cost.rewrite === false) {
        if (cost.rebuildsIndexes)
          ctx.report({
            op: written,
            severity: "info",
            message: `${cost.reason}, but any index on ${op.table}.${op.column} is rebuilt while the table is locked (ACCESS EXCLUSIVE).`,
            fix: fixFor(ctx.framework, {
              sql: `-- if ${op.column} is indexed on a large table: build the index again CONCURRENTLY under a new name first,\n-- then drop the old one, so the type change has no index to rebuild`,
              rails: () => `# if ${op.column} is indexed on a large table: add the index again under a new name with algorithm: :concurrently first,\n# then remove the old one, so the type change has no index to rebuild`,
              django: () => `# if ${op.column} is indexed on a large table: add the index again under a new name with AddIndexConcurrently first,\n# then remove the old one, so the type change has no index to rebuild`,
              alembic: () => `# if ${op.column} is indexed on a large table: create the index again under a new name with postgresql_concurrently=True first,\n# then drop the old one, so the type change has no index to rebuild`,
            }),
          });
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
      swaps.push({ written, op, message: `Changing ${op.table}.${op.column} to ${op.type.text} takes an ACCESS EXCLUSIVE lock; ${cost.reason}.`, warning: cost.rewrite === "unknown" });
    }
    reportSwaps(ctx, swaps);
  },
});

interface Swap {
  written: OperationOf<"alter_column_type">;
  /** with the type a Django field class resolves to */
  op: OperationOf<"alter_column_type">;
  message: string;
  warning: boolean;
}

/**
 * Each type change that rewrites the table gets a swap. A key and the columns that reference it are converted in
 * one plan (key-group.ts): on the first of them the migration changes, and the others' findings point to it, so no
 * fix converts one side of a FOREIGN KEY alone.
 */
function reportSwaps(ctx: RuleContext, swaps: readonly Swap[]): void {
  const changed = swaps.map((s) => s.op);
  const groups = new Map<OperationOf<"alter_column_type">, KeyGroup>();
  for (const swap of swaps) {
    const root = keyRoot(ctx, swap.op, changed);
    const group = groups.get(root) ?? keyGroup(ctx, root, changed);
    groups.set(root, group);
    const holder = swaps.find((s) => group.members.includes(s.op))!;
    const comment = ctx.framework === "sql" ? "--" : "#";
    const [, ...referencing] = group.members.map((m) => `${m.table}.${m.column}`);
    const withKey = swap.op === root ? `the columns that reference it (${referencing.join(", ")})` : `${root.table}.${root.column}, the key it references,`;
    if (holder !== swap) {
      // this operation's place holds nothing: the plan in the fix of the holder's line converts it
      const fix = `${comment} ${swap.op.table}.${swap.op.column} is converted with ${withKey} in the fix of line ${holder.written.loc.line}`;
      ctx.report({ op: swap.written, severity: swap.warning ? "warning" : undefined, message: `${swap.message} It is converted with ${withKey} in the fix of line ${holder.written.loc.line}.`, fix });
      continue;
    }
    const together = referencing.length > 0;
    const fix = renderFix(ctx, swapSteps(ctx, group.members, together ? jointHeading(group) : [], group.unknown));
    const message = together ? `${swap.message} A FOREIGN KEY holds only between columns of compatible types: the fix converts ${root.table}.${root.column} and ${referencing.join(", ")} together.` : swap.message;
    ctx.report({ op: swap.written, severity: swap.warning ? "warning" : undefined, message, fix });
  }
}

/** What the joint plan converts and why: the lines of the comment that opens it. */
function jointHeading(group: KeyGroup): string[] {
  const [key, ...referencing] = group.members;
  return [
    `${key.table}.${key.column} and the columns that reference it (${referencing.map((m) => `${m.table}.${m.column}`).join(", ")}) converted together:`,
    `a FOREIGN KEY holds only between columns of compatible types. A column of the new type beside each, kept converted by a trigger`,
    `while the code writes the old one; each filled in batches; one swap exchanges them all, the keys added back NOT VALID:`,
  ];
}
