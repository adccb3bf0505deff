import { defineRule, type RuleContext } from "../support/rule.js";
import type { OperationOf } from "../../model.js";
import { railsType } from "../support/rails-fix.js";
import { fixFor, ident, modelName, sym } from "../support/fix.js";
import { renderFix } from "../support/fix-steps.js";
import { swapSteps } from "./swap-steps.js";
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
      const partners = keyPartnersChanged(ctx, op);
      ctx.report({
        op: written,
        severity: cost.rewrite === "unknown" ? "warning" : undefined,
        message: `Changing ${op.table}.${op.column} to ${op.type.text} takes an ACCESS EXCLUSIVE lock; ${cost.reason}.`,
        fix: partners.length ? togetherFix(ctx, op, partners) : renderFix(ctx, swapSteps(ctx, op)),
      });
    }
  },
});

/**
 * The other side of the column's FOREIGN KEYs (what it references, what references it) that this migration changes
 * the type of too (pocket-id's client_id_type: oidc_clients.id and every client_id to text in one file). A swap of
 * one column alone adds its key back between the new type and the partner's old one, which fails.
 */
function keyPartnersChanged(ctx: RuleContext, op: OperationOf<"alter_column_type">): string[] {
  const keys = ctx.repository.columnKeys(op.table, op.column);
  const same = (a: string, b: string) => nameKey(a) === nameKey(b);
  const partners: Array<{ table: string; column: string }> = [];
  for (const { definition: key } of keys.own) {
    const at = key.columns.findIndex((c) => same(c, op.column));
    const column = key.kind === "foreign_key" && at >= 0 ? key.references?.columns[at] : undefined;
    if (key.references && column) partners.push({ table: key.references.table, column });
  }
  for (const { definition: key } of keys.referencing) for (const column of key.columns) partners.push({ table: key.table, column });
  const changed = ctx.migration.up.filter((o): o is OperationOf<"alter_column_type"> => o.kind === "alter_column_type" && o !== op);
  return [...new Set(partners.filter((p) => !(same(p.table, op.table) && same(p.column, op.column)) && changed.some((o) => same(o.table, p.table) && same(o.column, p.column))).map((p) => `${p.table}.${p.column}`))];
}

/** What to do instead of a swap per column: the key's columns converted together (a comment, valid in every language). */
function togetherFix(ctx: RuleContext, op: OperationOf<"alter_column_type">, partners: readonly string[]): string {
  const comment = ctx.framework === "sql" ? "--" : "#";
  return [
    `${op.table}.${op.column} and ${partners.join(", ")} (the other side of its FOREIGN KEYs) change type together in this migration:`,
    `a swap of ${op.column} alone would add its key back between ${op.type.text} and the old type, which fails. Convert them together:`,
    `a column of the new type beside each, kept converted by a trigger; the rows filled in batches outside a transaction;`,
    `then in one short transaction drop the keys, swap every column (the referenced key with PRIMARY KEY USING INDEX over a`,
    `unique index built CONCURRENTLY before), and add the keys back NOT VALID; VALIDATE them in a later migration.`,
  ].map((l) => `${comment} ${l}`).join("\n");
}
