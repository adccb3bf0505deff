import { compareVersions } from "../../../migration-versions.js";
import { baseOf, dirOf } from "../../../paths.js";
import { dumpVersions } from "../../dumps/dump-versions.js";
import { runnerHistory } from "../../history/runners.js";
import { defineReviewRule, type ChangedMigration, type ReviewRuleContext } from "../../review-rule.js";

export default defineReviewRule({
  meta: {
    id: "restored-migration",
    category: "history",
    severity: "info",
    title: "A migration the base branch deleted, restored as it was",
    why:
      "A revert (or a re-add) that brings back a migration the base branch's history ran and then deleted, with the " +
      "same text, adds nothing new: every database that ran it before the deletion recorded it, and migrate skips " +
      "it there. Its statements were reviewed when it was first added; reviewing them again as new ones only " +
      "repeats old findings. Only databases built from a schema dump while the file was gone may see it as pending.",
  },
  check(ctx) {
    // each migration once (its up when both halves are back), then one note per folder and deletion: a revert
    // restores a whole squash at once
    const byMigration = new Map<string, ChangedMigration>();
    for (const m of ctx.migrations) {
      const seen = byMigration.get(m.file.key);
      if (m.restored && (!seen || (seen.file.role === "down" && m.file.role !== "down"))) byMigration.set(m.file.key, m);
    }
    const groups = new Map<string, ChangedMigration[]>();
    for (const m of byMigration.values()) {
      const key = `${dirOf(m.change.path)}\u0000${m.restored!.commit}`;
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    for (const group of groups.values()) {
      const restored = [...group].sort((a, b) => a.change.path.localeCompare(b.change.path));
      const first = restored[0];
      const { commit, date } = first.restored!;
      const them = restored.length === 1 ? "it" : "them";
      const deletion = `commit ${commit.slice(0, 12)}${date ? ` (${date.slice(0, 10)})` : ""}`;
      const gap = pendingAfterGap(ctx, restored);
      ctx.report({
        path: first.change.path,
        line: 1,
        ...(restored.length > 1 ? { details: restored.map((m) => m.change.path) } : {}),
        statement: `restored ${restored.map((m) => m.change.path).join(" ")}`,
        message:
          `${listed(restored)} the base branch deleted in ${deletion}, restored with the text ${restored.length === 1 ? "it" : "they"} had before (a revert or a re-add): ${restored.length === 1 ? "not a new migration" : "not new migrations"}. ` +
          `Every database that ran the base branch's history before that deletion has ${them} recorded as run, so ${runnerHistory(first.file.layout).tool} skips ${them} there and nothing ${restored.length === 1 ? "it does" : "they do"} runs again; ${restored.length === 1 ? "its" : "their"} own findings were raised when ${restored.length === 1 ? "it was" : "they were"} first added.` +
          (gap ? ` ${gap.message}` : ""),
        fix: gap ? gap.fix : "Nothing to do: the restore brings back the history every database already ran.",
      });
    }
  },
});

/**
 * Rails: a database built from the dump while the files were gone (db:schema:load, db:prepare, the test schema)
 * recorded the dump's version and only the versions of the files present then (`assume_migrated_upto_version`), so
 * there the restored ones below that version are pending, and db:migrate would run them on a schema that already
 * holds what they did. Loaded again now, with the files back, the dump records them.
 */
function pendingAfterGap(ctx: ReviewRuleContext, restored: readonly ChangedMigration[]): { message: string; fix: string } | undefined {
  const first = restored[0];
  if (first.file.framework !== "rails") return undefined;
  for (const state of ctx.dumps) {
    const content = state.baseContent ?? (state.onBase && !state.change ? state.headContent : undefined);
    if (content === undefined || !state.dump.covers(first.file)) continue;
    const version = dumpVersions(state.dump.format, content).newest;
    if (!version) return undefined;
    const below = restored.filter((m) => m.file.version !== undefined && compareVersions(m.file.version, version) < 0);
    if (below.length === 0) return undefined;
    const which = below.length === restored.length ? (below.length === 1 ? "it" : "they") : shortList(below);
    return {
      message:
        `Only a development or CI database built from ${state.dump.path} while the files were deleted sees ${below.length === 1 ? "it" : "them"} as pending: loading the dump then recorded its version ${version} and the migrations present, and ${which} ${below.length === 1 ? "is" : "are"} older than ${version}, so db:migrate there would run ${below.length === 1 ? "it" : "them"} on a schema that already has what ${below.length === 1 ? "it" : "they"} did.`,
      fix: `Nothing to do in production. Rebuild a development or CI database made from ${state.dump.path} while the files were deleted (bin/rails db:schema:load, or db:test:prepare) instead of migrating it: loaded now, the dump records the restored versions below ${version} as run.`,
    };
  }
  return undefined;
}

/** "Migration db/migrate/x.rb is the one" or "3 migrations of db/migrate (a.rb, b.rb and c.rb) are the ones". */
function listed(restored: readonly ChangedMigration[]): string {
  if (restored.length === 1) return `Migration ${restored[0].change.path} is the one`;
  return `${restored.length} migrations of ${dirOf(restored[0].change.path) || "the repository root"} (${shortList(restored)}) are the ones`;
}

/** "a.rb, b.rb and 21 more" */
function shortList(migrations: readonly ChangedMigration[]): string {
  const names = migrations.map((m) => baseOf(m.change.path));
  if (names.length <= 3) return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}
