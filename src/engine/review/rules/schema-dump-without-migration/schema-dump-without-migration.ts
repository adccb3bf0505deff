import { dumpVersions, schemaRbShape, shapeTables } from "../../dumps/dump-versions.js";
import { structureSqlDefinitions, type StructureSqlDefinitions } from "../../dumps/structure-sql.js";
import { coveredChanges, dumpAtHead, newestCovered } from "../../dumps/dump-coverage.js";
import { describeCatchUp, dumpCatchUp, dumpRepairs, type DumpRepair } from "../../dumps/dump-catch-up.js";
import type { DumpItem } from "../../dumps/dump-items.js";
import type { Migration } from "../../../model.js";
import { compareVersions } from "../../../migration-versions.js";
import { defineReviewRule, type SchemaDumpState } from "../../review-rule.js";
import { andList } from "../../../in-words.js";
import { dumpDrift, type Drift } from "../../dumps/dump-drift.js";
import type { ReviewRuleContext } from "../../review-rule.js";

export default defineReviewRule({
  meta: {
    id: "schema-dump-without-migration",
    category: "drift",
    severity: "warning",
    title: "The schema dump changed without a migration",
    why:
      "A schema dump is generated from migrations. Changed on its own, it was edited by hand or dumped from a " +
      "database with changes no migration makes (a manual hotfix, another branch's migration): test databases " +
      "load a schema production will never get. Changed with migrations, it may still change more than they do (a " +
      "dump from a database that also ran another branch's migration): that part is drift too.",
  },
  check(ctx) {
    for (const state of ctx.dumps) {
      if (state.change?.status !== "modified" && state.change?.status !== "renamed") continue;
      // with migrations, the dump may still change more than they do: that part is drift (dump-drift.ts)
      if (coveredChanges(ctx, state).length > 0) {
        reportDrift(ctx, state);
        continue;
      }
      // a copy of another dump (a replica's, a mirror of the primary's) changes with its source: by the source's
      // migrations, or by the same edit, which the source's finding names
      const source = state.mirrorOf && ctx.dumps.find((d) => d.dump.path === state.mirrorOf!.source);
      const changed = (d: SchemaDumpState) => d.change !== undefined && d.change.status !== "removed";
      if (source && (coveredChanges(ctx, source).length > 0 || changed(source))) continue;
      const headVersions = state.headContent !== undefined ? dumpVersions(state.dump.format, state.headContent) : undefined;
      const line = headVersions?.line ?? 1;
      // dumped again by a newer Rails (8.1 sorts columns and writes Schema[8.1]): the same tables, columns and indexes
      // structure.sql with columns moved (to where their migration created them): the same tables, columns and indexes
      if (state.dump.format === "structure.sql" && state.baseContent !== undefined && state.headContent !== undefined) {
        const before = structureSqlDefinitions(state.baseContent);
        const after = before && structureSqlDefinitions(state.headContent);
        if (before && after && before.shape === after.shape) {
          ctx.report({
            path: state.dump.path,
            line,
            severity: "info",
            statement: "dump columns reordered",
            message: `${state.dump.path} changed without a migration, but only in the order of columns or constraints inside CREATE TABLE: the same tables, columns, constraints, indexes and versions. The order is the columns' physical order, which databases keep as their migrations added the columns; only SELECT * and a new dump show it.`,
            fix: "Nothing to do if the new order is the one the migrations build (a column moved back to where its create_table made it). Otherwise dump the schema again from a database that ran the migrations.",
          });
          continue;
        }
        // dumped again by a newer Rails or pg_dump (panoptes' Rails 5 upgrade): Rails' own tables and the way the
        // versions are written changed, not what the dump defines
        const redump = before && after ? sameDefinitions(before, after) : undefined;
        if (redump) {
          ctx.report({
            path: state.dump.path,
            line,
            severity: "info",
            statement: "dump re-dumped",
            message: `${state.dump.path} was dumped again without a migration, but it defines the same tables, columns, constraints, indexes and versions; only ${redump} changed. It still matches what the migrations build.`,
            fix: "Nothing to do: keeping the new format spares the next migration's dump the same changes.",
          });
          continue;
        }
      }
      if (state.dump.format === "schema.rb" && state.baseContent !== undefined && state.headContent !== undefined) {
        const before = schemaRbShape(state.baseContent);
        const after = before === undefined ? undefined : schemaRbShape(state.headContent);
        if (before !== undefined && before === after) {
          ctx.report({
            path: state.dump.path,
            line,
            severity: "info",
            statement: "dump re-dumped",
            message: `${state.dump.path} was dumped again without a migration, but it describes the same schema: the same tables, columns, indexes and version, in another order or under another Rails version's header.`,
            fix: "Nothing to do.",
          });
          continue;
        }
        // only the version changed, to the newest migration the dump describes: a stale version brought up to date
        // (claim's fix-schema-version, after a change that ran two migrations without dumping): reverting re-breaks it
        if (before !== undefined && after !== undefined && shapeTables(before) === shapeTables(after)) {
          const newest = newestCovered(ctx, state);
          const from = dumpVersions(state.dump.format, state.baseContent).newest;
          const to = headVersions?.newest;
          if (newest?.version && from && to && compareVersions(to, newest.version) === 0 && compareVersions(from, to) < 0) {
            ctx.report({
              path: state.dump.path,
              line,
              severity: "info",
              statement: "dump version brought up to date",
              message: `${state.dump.path} changed without a migration, but only its version, from ${from} to ${to}, the newest migration it describes (${newest.path}): the same tables, columns and indexes. The dump had not been written again after that migration ran; now it records it.`,
              fix: "Nothing to do.",
            });
            continue;
          }
          // only the version changed, to one that is not the newest migration it describes: schema-dump-version names
          // that line (dumped from a database with another migration); one hazard, one finding
          if (newest?.version && to && compareVersions(to, newest.version) !== 0 && dumpAtHead(state)) continue;
        }
      }
      // the dump only catches up with migrations the base branch already has (a column one of them removed, still
      // listed): reverting it would break it again
      const caughtUp = dumpCatchUp(ctx, state);
      // the dump only brings columns back to the NOT NULL the migrations define (a dump from a database where they
      // ran otherwise, fixed by hand), maybe dropping what none builds: it agrees with the migrations again
      if (caughtUp?.repaired.length) {
        ctx.report({ path: state.dump.path, line, severity: "info", statement: "dump repaired", message: repairMessage(state.dump.path, caughtUp), fix: REPAIR_FIX });
        continue;
      }
      // the dump only loses tables or columns no migration builds (leftovers of another branch's migration or of a
      // script, dumped from a database that had them): after the edit it is closer to what the migrations build, not further
      if (caughtUp && caughtUp.unbuilt.length && caughtUp.migrations.length === 0) {
        const tables = caughtUp.unbuilt.filter((i) => i.kind === "table").map((i) => i.table!);
        const columns = caughtUp.unbuilt.filter((i) => i.kind === "column" && !tables.includes(i.table!)).map((i) => `${i.table}.${i.column}`);
        const others = caughtUp.unbuilt.filter((i) => i.kind !== "table" && i.kind !== "column" && !tables.includes(i.table!)).length;
        const removed = [...(tables.length ? [`${tables.length === 1 ? "table" : "tables"} ${andList(tables)}`] : []), ...(columns.length ? [andList(columns)] : [])];
        ctx.report({
          path: state.dump.path,
          line,
          severity: "info",
          statement: "dump drift removed",
          message:
            `${state.dump.path} changed without a migration, but it only removes ${removed.join(" and ")}${others ? ` (and ${others} ${others === 1 ? "index or key" : "indexes or keys"} on them)` : ""}, which no migration of the ones it describes builds: ` +
            (tables.length
              ? `none of them creates ${tables.length === 1 ? "that table" : "those tables"}${columns.length ? ", and the tables of those columns never get them" : ""}. The dump had ${tables.length + columns.length === 1 ? "it" : "them"} from elsewhere (a database that ran another branch's migration or a script); the edit brings it closer to what the migrations build, not further.`
              : `their tables' create_table and the later migrations never add them. The dump had them from elsewhere (a database that ran another branch's migration); the edit brings it closer to what the migrations build, not further.`),
          fix: `Nothing to do. Databases that got ${tables.length + columns.length === 1 ? `${tables.length ? "that table" : "that column"} from elsewhere keep it` : `${tables.length && !columns.length ? "those tables" : tables.length ? "those tables and columns" : "those columns"} from elsewhere keep them`} until a migration drops ${tables.length + columns.length === 1 ? "it" : "them"} there.`,
        });
        continue;
      }
      if (caughtUp) {
        const { migrations, diff, unbuilt } = caughtUp;
        const names = migrations.map((m) => m.path).join(", ");
        const leaked = unbuilt.filter((i) => i.kind === "column").map((i) => `${i.table}.${i.column}`);
        ctx.report({
          path: state.dump.path,
          line,
          severity: "info",
          statement: "dump caught up",
          message: `${state.dump.path} changed without a migration, but it catches the dump up with ${names}: its change (${describeCatchUp(diff)}) is what ${migrations.length > 1 ? "those migrations" : "that migration"} already ${migrations.length > 1 ? "make" : "makes"}, at or below the dump's version. The dump had not been written again after ${migrations.length > 1 ? "them" : "it"}; now it matches what the migrations build.${leaked.length ? ` It also removes ${andList(leaked)}, which no migration builds.` : ""}`,
          fix: "Nothing to do.",
        });
        continue;
      }
      if (source && state.mirrorOf?.identical) {
        ctx.report({
          path: state.dump.path,
          line,
          severity: "info",
          statement: "dump copied again",
          message: `${state.dump.path} changed without a migration, but it is now ${source.dump.path} byte for byte, the dump it copies (${state.mirrorOf.why}): it was written again from its source.`,
          fix: "Nothing to do.",
        });
        continue;
      }
      if (source && state.mirrorOf) {
        // reverting a copy alone may leave it unlike its source: it is written from the source again
        ctx.report({
          path: state.dump.path,
          line,
          statement: "dump without migration",
          message: `${state.dump.path} changed, but ${source.dump.path}, the dump it copies (${state.mirrorOf.why}), did not, and no migration did: the copy no longer matches what the migrations build.`,
          fix: `Make the schema change in a migration and dump the schema from it, or write the copy again from its source: cp ${source.dump.path} ${state.dump.path}`,
        });
        continue;
      }
      // copies that changed with it are reverted with it, so that they stay copies
      const copies = ctx.dumps.filter((d) => d.mirrorOf?.source === state.dump.path && changed(d)).map((d) => d.dump.path);
      // a change that also repairs columns is not reverted whole: that would break them again
      const repairs = dumpRepairs(ctx, state);
      ctx.report({
        path: state.dump.path,
        line,
        statement: "dump without migration",
        message: `${state.dump.path} changed, but no migration it describes did: the dump no longer matches what the migrations build.${copies.length ? ` (${copies.join(", ")} copies it and changed alike.)` : ""}${repairs.length ? ` Part of the change is right: it ${repairWords(repairs)}.` : ""}`,
        fix: repairs.length
          ? `Make the schema change in a migration and dump the schema from it. Do not revert the whole edit: its change to ${andList(repairs.map((r) => `${r.table}.${r.column}`))} brings the dump back to what the migrations define.`
          : `Make the schema change in a migration and dump the schema from it, or revert the hand edit: git checkout <base> -- ${[state.dump.path, ...copies].join(" ")}`,
      });
    }
  },
});

/**
 * What changed between two structure.sql files that define the same schema and versions (Rails' own tables, the
 * schema_migrations rows' layout, pg_dump's session settings), in words; undefined when what they define differs.
 */
function sameDefinitions(before: StructureSqlDefinitions, after: StructureSqlDefinitions): string | undefined {
  if (before.defines !== after.defines) return undefined;
  const parts: string[] = [];
  const added = after.bookkeeping.filter((t) => !before.bookkeeping.includes(t));
  const dropped = before.bookkeeping.filter((t) => !after.bookkeeping.includes(t));
  if (added.length) parts.push(`Rails' own ${added.join(" and ")} table (new in the dump; Rails creates it itself on every database it migrates)`);
  if (dropped.length) parts.push(`Rails' own ${dropped.join(" and ")} table (no longer in the dump; Rails creates it itself on every database it migrates)`);
  if (before.versionRows !== after.versionRows) parts.push("the way the schema_migrations rows are written (the same versions)");
  if (before.settings !== after.settings) parts.push("pg_dump's session settings (SET lines)");
  if (!parts.length) parts.push("the order of columns or constraints inside CREATE TABLE");
  return andList(parts);
}

/** "makes versions.item_type NOT NULL again, as db/migrate/20200203145050_create_versions.rb defines it" */
function repairWords(repairs: readonly DumpRepair[]): string {
  return andList(repairs.map((r) => `${r.notNull ? `makes ${r.table}.${r.column} NOT NULL again` : `lets ${r.table}.${r.column} take NULL again`}, as ${r.by.path} defines it`));
}

function repairMessage(path: string, caughtUp: { repaired: DumpRepair[]; unbuilt: DumpItem[]; migrations: Migration[] }): string {
  const unbuilt = caughtUp.unbuilt.flatMap((i) => (i.kind === "table" ? [`table ${i.table}`] : i.kind === "column" ? [`${i.table}.${i.column}`] : []));
  const parts = [
    repairWords(caughtUp.repaired),
    ...(unbuilt.length ? [`removes ${andList(unbuilt)}, which no migration builds`] : []),
    ...(caughtUp.migrations.length ? [`catches up with ${caughtUp.migrations.map((m) => m.path).join(", ")}`] : []),
  ];
  const said = parts.length > 1 ? `${parts.slice(0, -1).join(", ")}, and ${parts[parts.length - 1]}` : parts[0];
  return (
    `${path} changed without a migration, but it repairs the dump: it ${said}. The migrations create those tables and define every change to them since; ` +
    `the dump had drifted from them (written from a database where they ran otherwise, or edited), and the change brings it back to the schema they build.`
  );
}

const REPAIR_FIX =
  "Nothing to do: reverting the change would bring the drift back. Databases loaded from the earlier dump (test and new environments) keep its definitions until they load this one.";

/**
 * A dump that changes with the change's migrations but also in ways none of them, nor the base branch's history,
 * explains: a warning naming each such table, column, index or constraint and its line. A copy of another dump
 * that changed too is left to its source's finding.
 */
function reportDrift(ctx: ReviewRuleContext, state: SchemaDumpState): void {
  const source = state.mirrorOf && ctx.dumps.find((d) => d.dump.path === state.mirrorOf!.source);
  if (source?.change && source.change.status !== "removed") return;
  const found = dumpDrift(ctx, state);
  if (!found?.drift.length) return;
  const { drift, migrations, repaired } = found;
  const path = state.dump.path;
  const lines = [...new Set(drift.flatMap((d) => (d.change === "removed" || d.item.line === undefined ? [] : [d.item.line])))].sort((a, b) => a - b);
  const removedLines = [...new Set(drift.flatMap((d) => (d.change === "removed" && d.item.line !== undefined ? [d.item.line] : [])))].sort((a, b) => a - b);
  const versionLine = state.headContent !== undefined ? dumpVersions(state.dump.format, state.headContent).line : undefined;
  const rails = state.dump.format === "schema.rb" || migrations.some((m) => m.framework === "rails");
  const names = migrations.map((m) => m.path);
  const where = [
    ...(lines.length ? [`${lines.length === 1 ? "line" : "lines"} ${lines.join(", ")} of ${path}`] : []),
    ...(removedLines.length ? [`${removedLines.length === 1 ? "line" : "lines"} ${removedLines.join(", ")} of the base branch's ${path}, which the change removes`] : []),
  ];
  ctx.report({
    path,
    line: lines[0] ?? versionLine ?? 1,
    statement: "dump drift",
    message:
      `${path} changes more than ${names.length === 1 ? "the change's migration" : "the change's migrations"} (${names.join(", ")}) ${names.length === 1 ? "does" : "do"}: it ${andList(drift.map((d) => driftWords(d, state.dump.format === "schema.rb")))}. ` +
      `Neither ${names.length === 1 ? "that migration" : "those migrations"} nor the base branch's make ${drift.length === 1 ? "that change" : "those changes"}: the dump was written from a database that differs from what the migrations build (one that ran another branch's migration, was changed by hand, or migrated under another Ruby or Rails). ` +
      `Test databases and new environments load the dump; production, which only runs the migrations, does not get ${drift.length === 1 ? "that change" : "those changes"}.` +
      (repaired.length ? ` (The change to ${andList(repaired.map((r) => `${r.table}.${r.column}`))} is right: it brings the dump back to what ${andList([...new Set(repaired.map((r) => r.by.path))])} ${repaired.length === 1 ? "defines" : "define"}.)` : ""),
    fix:
      `Dump the schema again from the migrations: on a database that ran exactly the base branch's migrations and this change's, ${rails ? "run `bin/rails db:schema:dump`" : "dump the schema again (dbmate dump, pg_dump --schema-only)"} and commit what it writes; ` +
      `or take the unexplained part out of the change by hand (${andList(where)}). If the change is wanted, make it in a migration.`,
  });
}

/** "adds column versions.{:null=>false} (`t.string "{:null=>false}"`)", "drops NOT NULL from versions.item_type" */
function driftWords(drift: Drift, showText: boolean): string {
  const { item, before } = drift;
  const written = showText && item.text ? ` (\`${item.text}\`)` : "";
  const what =
    item.kind === "table" ? `table ${item.table}` : item.kind === "column" ? `column ${item.table}.${item.column}` : item.kind === "index" ? `index ${item.name ?? `on ${item.table} (${item.columns?.join(", ")})`}` : `a constraint on ${item.table}`;
  if (drift.change === "added") return `adds ${what}${item.kind === "table" ? "" : written}`;
  if (drift.change === "removed") return `removes ${what}${item.kind === "table" ? "" : written}`;
  if (item.kind === "column" && before && before.withoutNull !== undefined && before.withoutNull === item.withoutNull && before.notNull !== item.notNull)
    return item.notNull ? `makes ${item.table}.${item.column} NOT NULL` : `drops NOT NULL from ${item.table}.${item.column}`;
  return `writes ${what} otherwise${showText && before ? ` (\`${item.text}\`, was \`${before.text}\`)` : ""}`;
}
